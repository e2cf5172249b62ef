// The intake form's own checks (web/src/id-number.ts), without a browser: the 18-digit ID number's
// format, date of birth and MOD 11-2 check character, and the mobile number.
import t from 'tap';
import { idCheckChar, idNumberProblem, isMobile, tidyIdNumber } from '../../web/src/id-number.js';

const TODAY = new Date('2026-03-02T00:00:00Z');

t.test('valid ID numbers', async (t) => {
  // 11010519491231002X is the standard's own example; the others were computed by hand.
  for (const id of ['11010519491231002X', '11010519491231002x', '330203199001011236', ' 440524198001010013 '])
    t.equal(idNumberProblem(id, TODAY), null, id);
  t.equal(idCheckChar('11010519491231002'), 'X', 'a remainder of 2 is X');
  t.equal(tidyIdNumber(' 11010519491231002x '), '11010519491231002X');
});

t.test('refused ID numbers, with the reason', async (t) => {
  const cases: [string, string][] = [
    ['330203199001011234', 'checksum'],
    ['11010519491231002Y', 'format'],
    ['3302031990010112', 'format'],
    ['3302031990010112361', 'format'],
    ['030203199001011236', 'format'],
    ['G12345678', 'format'],
    ['', 'format'],
    ['330203199002301236', 'birth-date'],
    ['330203189912311236', 'birth-date'],
    ['330203202703011236', 'birth-date'],
  ];
  for (const [id, why] of cases) t.equal(idNumberProblem(id, TODAY), why, `${id || '(empty)'}: ${why}`);
  // Each single wrong digit is caught by the check character.
  const good = '330203199001011236';
  for (let i = 14; i < 17; i++) {
    const bad = good.slice(0, i) + String((Number(good[i]) + 1) % 10) + good.slice(i + 1);
    t.equal(idNumberProblem(bad, TODAY), 'checksum', `digit ${i + 1} changed`);
  }
});

t.test('mobile numbers', async (t) => {
  for (const p of ['13812345678', '19912345678', ' 15000000000 ']) t.ok(isMobile(p), p);
  for (const p of ['12812345678', '1381234567', '138123456789', '+8613812345678', '0574-87654321', ''])
    t.notOk(isMobile(p), p || '(empty)');
});
