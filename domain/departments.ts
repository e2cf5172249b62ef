// The departments and mediation committees that can be stationed in a centre (常驻/轮驻/随驻) or
// receive a routed matter. Codes are stable identifiers stored in the database: rename never, add freely.
import { DomainError } from './errors.js';
import { show } from './guard.js';

export const DEPARTMENT_CODES = [
  'court',
  'procuratorate',
  'police',
  'justice',
  'legal-aid',
  'notary',
  'petition-office',
  'hrss',
  'labour-arbitration',
  'labour-inspection',
  'housing',
  'market-regulation',
  'health',
  'education',
  'civil-affairs',
  'natural-resources',
  'ecology-environment',
  'transport',
  'finance-regulator',
  'culture-tourism',
  'womens-federation',
  'trade-union',
  // the town or street itself (乡镇人民政府/街道办事处): owns the place's public facilities, order and
  // the oversight of property management (属地管理); every town has it, stationed or not
  'town-government',
  // committees (调解委员会): the bodies that actually mediate, under a department's guidance
  'people-mediation-committee',
  'construction-mediation',
  'property-mediation',
  'medical-mediation',
  'financial-mediation',
  'traffic-mediation',
  'commercial-mediation',
  'family-mediation',
  // leadership (领导机构) at the county: whom the risk grade names to press red and orange matters
  // (风险亮牌: red by the party committee at its standing committee, orange weekly by its peace office),
  // and the county leader who takes a hard case personally (领导包案). Not stationed, not routed to.
  'county-party-committee',
  'county-peace-office',
  'county-leader',
] as const;

export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export interface Department {
  code: DepartmentCode;
  zh: string;
  en: string;
  kind: 'department' | 'committee' | 'leadership';
}

export const DEPARTMENTS: readonly Department[] = [
  { code: 'court', zh: '人民法院(诉讼服务)', en: "People's court (litigation services)", kind: 'department' },
  { code: 'procuratorate', zh: '人民检察院(12309)', en: "People's procuratorate (12309)", kind: 'department' },
  { code: 'police', zh: '公安机关', en: 'Public security (police)', kind: 'department' },
  {
    code: 'justice',
    zh: '司法行政(人民调解、公共法律服务)',
    en: "Justice bureau (people's mediation, public legal services)",
    kind: 'department',
  },
  { code: 'legal-aid', zh: '法律援助中心', en: 'Legal aid centre', kind: 'department' },
  { code: 'notary', zh: '公证处', en: 'Notary office', kind: 'department' },
  { code: 'petition-office', zh: '信访局', en: 'Petition (letters and visits) bureau', kind: 'department' },
  { code: 'hrss', zh: '人力资源和社会保障局', en: 'Human resources and social security bureau', kind: 'department' },
  {
    code: 'labour-arbitration',
    zh: '劳动人事争议仲裁院',
    en: 'Labour and personnel dispute arbitration',
    kind: 'department',
  },
  { code: 'labour-inspection', zh: '劳动保障监察', en: 'Labour inspection', kind: 'department' },
  { code: 'housing', zh: '住房和城乡建设局', en: 'Housing and urban-rural development bureau', kind: 'department' },
  { code: 'market-regulation', zh: '市场监督管理局', en: 'Market regulation bureau', kind: 'department' },
  { code: 'health', zh: '卫生健康局', en: 'Health commission', kind: 'department' },
  { code: 'education', zh: '教育局', en: 'Education bureau', kind: 'department' },
  { code: 'civil-affairs', zh: '民政局', en: 'Civil affairs bureau', kind: 'department' },
  {
    code: 'natural-resources',
    zh: '自然资源和规划局',
    en: 'Natural resources and planning bureau',
    kind: 'department',
  },
  { code: 'ecology-environment', zh: '生态环境局', en: 'Ecology and environment bureau', kind: 'department' },
  { code: 'transport', zh: '交通运输局', en: 'Transport bureau', kind: 'department' },
  { code: 'finance-regulator', zh: '金融监管部门', en: 'Financial regulator', kind: 'department' },
  { code: 'culture-tourism', zh: '文化和旅游局', en: 'Culture and tourism bureau', kind: 'department' },
  { code: 'womens-federation', zh: '妇女联合会', en: "Women's federation", kind: 'department' },
  { code: 'trade-union', zh: '总工会', en: 'Trade union federation', kind: 'department' },
  {
    code: 'town-government',
    zh: '乡镇人民政府(街道办事处)',
    en: 'Town government (street office)',
    kind: 'department',
  },
  { code: 'people-mediation-committee', zh: '人民调解委员会', en: "People's mediation committee", kind: 'committee' },
  {
    code: 'construction-mediation',
    zh: '建设工程纠纷调解委员会',
    en: 'Construction dispute mediation committee',
    kind: 'committee',
  },
  {
    code: 'property-mediation',
    zh: '物业纠纷调解委员会',
    en: 'Property-management dispute mediation committee',
    kind: 'committee',
  },
  {
    code: 'medical-mediation',
    zh: '医疗纠纷人民调解委员会',
    en: 'Medical dispute mediation committee',
    kind: 'committee',
  },
  {
    code: 'financial-mediation',
    zh: '金融纠纷调解委员会',
    en: 'Financial dispute mediation committee',
    kind: 'committee',
  },
  {
    code: 'traffic-mediation',
    zh: '道路交通事故纠纷调解委员会',
    en: 'Traffic accident mediation committee',
    kind: 'committee',
  },
  { code: 'commercial-mediation', zh: '商事调解组织', en: 'Commercial mediation organisation', kind: 'committee' },
  {
    code: 'family-mediation',
    zh: '婚姻家庭纠纷调解委员会',
    en: 'Marriage and family mediation committee',
    kind: 'committee',
  },
  // Labels follow the region's name (domain/routing.ts unitLabel): '明江区委', '明江区委平安办', '青山县包案领导'.
  {
    code: 'county-party-committee',
    zh: '党委(常委会)',
    en: 'Party committee (standing committee)',
    kind: 'leadership',
  },
  { code: 'county-peace-office', zh: '党委平安办', en: "Party committee's peace office", kind: 'leadership' },
  { code: 'county-leader', zh: '包案领导', en: 'County leader taking cases', kind: 'leadership' },
];

const BY_CODE = new Map<string, Department>(DEPARTMENTS.map((d) => [d.code, d]));

export function isDepartment(code: unknown): code is DepartmentCode {
  return typeof code === 'string' && BY_CODE.has(code);
}

/** The department's row; throws UNKNOWN_DEPARTMENT. */
export function department(code: string): Department {
  const d = typeof code === 'string' ? BY_CODE.get(code) : undefined;
  if (!d) throw new DomainError('UNKNOWN_DEPARTMENT', `unknown department ${show(code)}`);
  return d;
}

export function departmentLabel(code: string, lang: 'zh' | 'en' = 'zh'): string {
  if (lang !== 'zh' && lang !== 'en')
    throw new DomainError('INVALID_INPUT', `unknown language ${show(lang)} (expected 'zh' or 'en')`);
  return department(code)[lang];
}
