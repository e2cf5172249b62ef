// The dispute taxonomy: 18 major categories, after Chongqing's 18 major / 150 minor categories
// (《重庆市矛盾纠纷多元化解促进条例》), each with a few minor ones. Codes are stored with every
// matter: add minors freely, never rename or reuse a code. Minor codes are unique across majors
// and never equal a major code, so a single code identifies its category unambiguously.

export const MAJOR_CATEGORY_CODES = [
  'marriage-family',
  'neighbour',
  'land-housing',
  'labour',
  'property-management',
  'medical',
  'traffic',
  'consumer',
  'contract-debt',
  'financial',
  'construction',
  'environment',
  'land-acquisition',
  'administrative',
  'inheritance',
  'school-campus',
  'tourism',
  'other',
] as const;

export type MajorCategoryCode = (typeof MAJOR_CATEGORY_CODES)[number];

export interface MinorCategory {
  code: string;
  zh: string;
  en: string;
  /**
   * Naming it could endanger or shame a party (violence, minors, sexual harm, mental health): public
   * pages show a neutral label and no step or unit that gives the matter away.
   */
  sensitive?: true;
}

export interface MajorCategory {
  code: MajorCategoryCode;
  zh: string;
  en: string;
  minors: readonly MinorCategory[];
}

export const CATEGORIES: readonly MajorCategory[] = [
  {
    code: 'marriage-family',
    zh: '婚姻家庭纠纷',
    en: 'Marriage and family',
    minors: [
      { code: 'divorce', zh: '离婚纠纷', en: 'Divorce' },
      { code: 'child-custody', zh: '抚养权纠纷', en: 'Child custody', sensitive: true },
      { code: 'support-maintenance', zh: '赡养、抚养、扶养纠纷', en: 'Support and maintenance' },
      { code: 'domestic-violence', zh: '家庭暴力', en: 'Domestic violence', sensitive: true },
      { code: 'family-property', zh: '家庭财产纠纷', en: 'Family property' },
      { code: 'betrothal-gift', zh: '彩礼纠纷', en: 'Betrothal gift' },
    ],
  },
  {
    code: 'neighbour',
    zh: '邻里纠纷',
    en: 'Neighbours',
    minors: [
      { code: 'right-of-way', zh: '相邻通行纠纷', en: 'Right of way' },
      { code: 'noise-nuisance', zh: '噪声扰邻', en: 'Noise and nuisance' },
      { code: 'water-drainage', zh: '排水用水纠纷', en: 'Water and drainage' },
      { code: 'light-ventilation', zh: '采光通风纠纷', en: 'Light and ventilation' },
      { code: 'pets', zh: '饲养动物纠纷', en: 'Pets and animals' },
    ],
  },
  {
    code: 'land-housing',
    zh: '土地房屋纠纷',
    en: 'Land and housing',
    minors: [
      { code: 'homestead', zh: '宅基地纠纷', en: 'Homestead (rural house plot)' },
      { code: 'land-contract', zh: '土地承包经营纠纷', en: 'Rural land contract' },
      { code: 'forest-land-rights', zh: '山林土地权属纠纷', en: 'Forest and land ownership' },
      { code: 'house-ownership', zh: '房屋权属纠纷', en: 'House ownership' },
      { code: 'house-rental', zh: '房屋租赁纠纷', en: 'House rental' },
    ],
  },
  {
    code: 'labour',
    zh: '劳动争议',
    en: 'Labour',
    minors: [
      { code: 'unpaid-wages', zh: '拖欠工资', en: 'Unpaid wages' },
      { code: 'work-injury', zh: '工伤纠纷', en: 'Work injury' },
      { code: 'dismissal', zh: '解除劳动合同纠纷', en: 'Dismissal' },
      { code: 'social-insurance', zh: '社会保险纠纷', en: 'Social insurance' },
      { code: 'labour-contract', zh: '劳动合同纠纷', en: 'Labour contract' },
      { code: 'overtime', zh: '加班费纠纷', en: 'Overtime pay' },
    ],
  },
  {
    code: 'property-management',
    zh: '物业纠纷',
    en: 'Property management',
    minors: [
      { code: 'property-fees', zh: '物业费纠纷', en: 'Property fees' },
      { code: 'property-service', zh: '物业服务质量纠纷', en: 'Property service quality' },
      { code: 'common-areas', zh: '公共部位及设施纠纷', en: 'Common areas and facilities' },
      { code: 'owners-committee', zh: '业主委员会纠纷', en: "Owners' committee" },
      { code: 'parking', zh: '停车位纠纷', en: 'Parking' },
      // Street lamps, manhole covers, benches of a street or community: like its property management,
      // the town or street that owns the place looks after them (属地管理), so they route together.
      {
        code: 'public-facilities',
        zh: '公共设施损坏',
        en: 'Damaged public facilities (street lamps, manhole covers)',
      },
    ],
  },
  {
    code: 'medical',
    zh: '医疗纠纷',
    en: 'Medical',
    minors: [
      { code: 'medical-malpractice', zh: '医疗损害纠纷', en: 'Medical malpractice' },
      { code: 'medical-fees', zh: '医疗费用纠纷', en: 'Medical fees' },
      { code: 'doctor-patient-conflict', zh: '医患冲突', en: 'Doctor–patient conflict' },
    ],
  },
  {
    code: 'traffic',
    zh: '道路交通事故纠纷',
    en: 'Traffic accidents',
    minors: [
      { code: 'traffic-injury', zh: '交通事故人身损害', en: 'Traffic accident injury' },
      { code: 'traffic-property-damage', zh: '交通事故财产损失', en: 'Traffic accident property damage' },
      { code: 'traffic-insurance-claim', zh: '交通事故保险理赔', en: 'Traffic insurance claim' },
    ],
  },
  {
    code: 'consumer',
    zh: '消费纠纷',
    en: 'Consumer',
    minors: [
      { code: 'product-quality', zh: '商品质量纠纷', en: 'Product quality' },
      { code: 'service-quality', zh: '服务质量纠纷', en: 'Service quality' },
      { code: 'prepaid-card', zh: '预付卡消费纠纷', en: 'Prepaid cards' },
      { code: 'online-shopping', zh: '网络购物纠纷', en: 'Online shopping' },
      { code: 'false-advertising', zh: '虚假宣传', en: 'False advertising' },
      { code: 'food-safety', zh: '食品安全', en: 'Food safety' },
    ],
  },
  {
    code: 'contract-debt',
    zh: '合同债务纠纷',
    en: 'Contracts and debts',
    minors: [
      { code: 'private-lending', zh: '民间借贷纠纷', en: 'Private lending' },
      { code: 'sales-contract', zh: '买卖合同纠纷', en: 'Sales contract' },
      { code: 'service-contract', zh: '服务合同纠纷', en: 'Service contract' },
      { code: 'guarantee', zh: '担保纠纷', en: 'Guarantee' },
    ],
  },
  {
    code: 'financial',
    zh: '金融纠纷',
    en: 'Financial',
    minors: [
      { code: 'bank-credit', zh: '银行借贷及信用卡纠纷', en: 'Bank loans and credit cards' },
      { code: 'insurance-contract', zh: '保险合同纠纷', en: 'Insurance contract' },
      { code: 'securities-investment', zh: '证券投资纠纷', en: 'Securities and investment' },
      { code: 'illegal-fundraising', zh: '非法集资', en: 'Illegal fund-raising' },
      { code: 'online-lending', zh: '网络借贷纠纷', en: 'Online lending' },
    ],
  },
  {
    code: 'construction',
    zh: '建设工程纠纷',
    en: 'Construction',
    minors: [
      { code: 'construction-payment', zh: '工程款纠纷', en: 'Construction payments' },
      { code: 'construction-quality', zh: '工程质量纠纷', en: 'Construction quality' },
      { code: 'subcontracting', zh: '分包转包纠纷', en: 'Subcontracting' },
    ],
  },
  {
    code: 'environment',
    zh: '生态环境纠纷',
    en: 'Environment',
    minors: [
      { code: 'noise-pollution', zh: '噪声污染', en: 'Noise pollution' },
      { code: 'water-air-pollution', zh: '水、大气污染', en: 'Water and air pollution' },
      { code: 'ecological-damage', zh: '生态破坏', en: 'Ecological damage' },
    ],
  },
  {
    code: 'land-acquisition',
    zh: '征地拆迁纠纷',
    en: 'Land acquisition and demolition',
    minors: [
      { code: 'compensation-standard', zh: '补偿标准纠纷', en: 'Compensation standard' },
      { code: 'resettlement', zh: '安置纠纷', en: 'Resettlement' },
      { code: 'demolition', zh: '拆迁纠纷', en: 'Demolition' },
    ],
  },
  {
    code: 'administrative',
    zh: '行政争议',
    en: 'Administrative',
    minors: [
      { code: 'administrative-penalty', zh: '行政处罚争议', en: 'Administrative penalty' },
      { code: 'administrative-licensing', zh: '行政许可争议', en: 'Administrative licensing' },
      { code: 'government-information', zh: '政府信息公开争议', en: 'Government information disclosure' },
      { code: 'administrative-agreement', zh: '行政协议争议', en: 'Administrative agreement' },
    ],
  },
  {
    code: 'inheritance',
    zh: '继承纠纷',
    en: 'Inheritance',
    minors: [
      { code: 'estate-division', zh: '遗产分割纠纷', en: 'Estate division' },
      { code: 'will-validity', zh: '遗嘱效力纠纷', en: 'Validity of a will' },
      { code: 'estate-debt', zh: '被继承人债务纠纷', en: 'Debts of the estate' },
    ],
  },
  {
    code: 'school-campus',
    zh: '校园纠纷',
    en: 'School and campus',
    minors: [
      { code: 'student-injury', zh: '学生伤害事故', en: 'Student injury', sensitive: true },
      { code: 'school-fees', zh: '教育收费纠纷', en: 'School fees' },
      { code: 'bullying', zh: '校园欺凌', en: 'Bullying', sensitive: true },
      { code: 'home-school-conflict', zh: '家校矛盾', en: 'Home–school conflict' },
    ],
  },
  {
    code: 'tourism',
    zh: '旅游纠纷',
    en: 'Tourism',
    minors: [
      { code: 'tour-contract', zh: '旅游合同纠纷', en: 'Tour contract' },
      { code: 'scenic-area', zh: '景区服务纠纷', en: 'Scenic area services' },
      { code: 'forced-shopping', zh: '强制购物', en: 'Forced shopping' },
    ],
  },
  {
    code: 'other',
    zh: '其他纠纷',
    en: 'Other',
    minors: [
      { code: 'other-general', zh: '其他一般纠纷', en: 'Other (general)' },
      { code: 'sexual-harassment', zh: '性骚扰纠纷', en: 'Sexual harassment', sensitive: true },
      { code: 'mental-health-crisis', zh: '心理危机', en: 'Mental health crisis', sensitive: true },
    ],
  },
];
