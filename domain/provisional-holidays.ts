// The holidays of a year the State Council has not yet scheduled (or that no administrator has
// imported yet): the statutory days off of 全国年节及纪念日放假办法 (2024 revision, in force 2025), with
// the lunar ones computed by lunar-typescript. No swapped working days (调休) and no bridging days:
// the notice decides those. Such a year is provisional — deadlines falling in it are marked so and
// recomputed from the real schedule once it is imported, never an incident.
import { Lunar } from 'lunar-typescript';
import type { HolidayYear } from './data/holidays.js';

const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The solar date 'YYYY-MM-DD' of a lunar date, `shift` days later. */
function fromLunar(year: number, month: number, day: number, shift = 0): string {
  return Lunar.fromYmd(year, month, day).getSolar().next(shift).toYmd();
}

const cache = new Map<number, HolidayYear>();

/** The statutory days off of `year` (1900–2099), as a holiday year of the table's shape. */
export function provisionalYear(year: number): HolidayYear {
  const known = cache.get(year);
  if (known) return known;
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!.toYmd();
  const result: HolidayYear = {
    year,
    source: '暂定：仅法定节假日，未含调休，以国务院办公厅当年通知为准 (provisional: statutory days only)',
    holidays: [
      { name: 'new-year', zh: '元旦', from: ymd(year, 1, 1), to: ymd(year, 1, 1) },
      // 除夕 to the third day of the first lunar month.
      { name: 'spring-festival', zh: '春节', from: fromLunar(year, 1, 1, -1), to: fromLunar(year, 1, 3) },
      { name: 'qingming', zh: '清明节', from: qingming, to: qingming },
      { name: 'labour-day', zh: '劳动节', from: ymd(year, 5, 1), to: ymd(year, 5, 2) },
      { name: 'dragon-boat', zh: '端午节', from: fromLunar(year, 5, 5), to: fromLunar(year, 5, 5) },
      { name: 'mid-autumn', zh: '中秋节', from: fromLunar(year, 8, 15), to: fromLunar(year, 8, 15) },
      { name: 'national-day', zh: '国庆节', from: ymd(year, 10, 1), to: ymd(year, 10, 3) },
    ],
    workdays: [],
  };
  cache.set(year, result);
  return result;
}
