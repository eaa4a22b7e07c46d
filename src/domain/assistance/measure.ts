/**
 * 一户一策: one typed assistance measure, for one member or the whole household. The types follow the
 * national system's measure columns closely enough to map onto them (../shared/NATIONAL-SYSTEM.md §3).
 */
export const MEASURE_TYPES = [
  'industry',
  'employment',
  'public_job',
  'training',
  'microcredit',
  'dibao',
  'tekun',
  'temp_relief',
  'medical',
  'education',
  'housing',
  'water',
  'insurance',
  'consumption',
  'other',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const MEASURE_LABEL: Record<MeasureType, string> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  public_job: '公益岗位',
  training: '技能培训',
  microcredit: '小额信贷',
  dibao: '低保',
  tekun: '特困供养',
  temp_relief: '临时救助',
  medical: '医疗救助/慢病签约',
  education: '教育资助（雨露计划）',
  housing: '危房改造',
  water: '饮水保障',
  insurance: '防贫保险',
  consumption: '消费帮扶',
  other: '其他',
};

/** 一增 raises income, 一减 cuts costs, 一补 fills a gap in basic living or the guarantees. */
export type MeasureGroup = 'increase' | 'reduce' | 'fill' | 'other';
export const GROUP_LABEL: Record<MeasureGroup, string> = {
  increase: '一增（增收）',
  reduce: '一减（减支）',
  fill: '一补（补缺口）',
  other: '其他',
};
export const MEASURE_GROUP: Record<MeasureType, MeasureGroup> = {
  industry: 'increase',
  employment: 'increase',
  public_job: 'increase',
  training: 'increase',
  microcredit: 'increase',
  consumption: 'increase',
  medical: 'reduce',
  education: 'reduce',
  insurance: 'reduce',
  dibao: 'fill',
  tekun: 'fill',
  temp_relief: 'fill',
  housing: 'fill',
  water: 'fill',
  other: 'other',
};

/**
 * 开发式帮扶 (work and production; the national checks count 产业, 就业, 金融, 公益性岗位) for households
 * that can work; 兜底 (the safety net) for those that cannot.
 */
export const DEVELOPMENT_TYPES: readonly MeasureType[] = [
  'industry',
  'employment',
  'public_job',
  'training',
  'microcredit',
];
export const SAFETY_NET_TYPES: readonly MeasureType[] = ['dibao', 'tekun', 'temp_relief', 'medical', 'insurance'];

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'void'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const STATUS_LABEL: Record<MeasureStatus, string> = {
  planned: '计划',
  in_progress: '落实中',
  done: '已落实',
  void: '无效',
};

/** What 回头看 found the measure did. */
export const MEASURE_EFFECTS = ['effective', 'partial', 'none'] as const;
export type MeasureEffect = (typeof MEASURE_EFFECTS)[number];
export const EFFECT_LABEL: Record<MeasureEffect, string> = {
  effective: '见效',
  partial: '部分见效',
  none: '未见效',
};

export interface Measure {
  id: number;
  /** Null only for a measure recorded on a case not yet linked to a household. */
  householdId: string | null;
  caseId: number | null;
  /** The member it is for; null = the whole household. */
  memberId: number | null;
  /** The member's name as it was when recorded (kept if the member row is later replaced). */
  memberName: string | null;
  type: MeasureType;
  /** What exactly (e.g. 申请大病医疗救助, 护林员岗位). */
  detail: string;
  /** 责任单位, e.g. 医保局, 人社局, 乡镇; '' when not named. */
  department: string;
  /** Local calendar date YYYY-MM-DD the measure starts; null when not planned yet. */
  startDate: string | null;
  /** Yuan (a subsidy, a loan, a year's wage); null when it has no amount. */
  amountYuan: number | null;
  status: MeasureStatus;
  effect: MeasureEffect | null;
  effectNote: string;
  effectAt: Date | null;
  effectBy: string | null;
  /** Who recorded it (a cadre userid). */
  cadre: string;
  at: Date;
  updatedAt: Date;
}

/** A measure as recorded; status defaults to 计划. */
export type NewMeasure = Pick<Measure, 'householdId' | 'caseId' | 'memberId' | 'type' | 'detail' | 'cadre' | 'at'> &
  Partial<Pick<Measure, 'memberName' | 'department' | 'startDate' | 'amountYuan' | 'status'>>;

/** A measure counts as carried out for 风险消除 once it is 已落实. */
export const isCarriedOut = (m: Pick<Measure, 'status'>): boolean => m.status === 'done';

/** Measures by 一增 / 一减 / 一补 (then 其他), each group in the order given; empty groups left out. */
export function groupMeasures<M extends Pick<Measure, 'type'>>(measures: readonly M[]): Array<[MeasureGroup, M[]]> {
  const order: MeasureGroup[] = ['increase', 'reduce', 'fill', 'other'];
  return order
    .map((g): [MeasureGroup, M[]] => [g, measures.filter((m) => MEASURE_GROUP[m.type] === g)])
    .filter(([, ms]) => ms.length > 0);
}

/** The measure type a cadre typed (its label, a short form, or the code); null when none matches. */
export function measureTypeOf(text: string): MeasureType | null {
  const t = text.trim();
  if ((MEASURE_TYPES as readonly string[]).includes(t)) return t as MeasureType;
  for (const [re, type] of TYPE_WORDS) if (re.test(t)) return type;
  return null;
}

const TYPE_WORDS: Array<[RegExp, MeasureType]> = [
  [/^产业/, 'industry'],
  [/^就业|^务工|^劳务/, 'employment'],
  [/^公益/, 'public_job'],
  [/^(?:技能)?培训/, 'training'],
  [/^小额|^信贷|^贷款/, 'microcredit'],
  [/^低保/, 'dibao'],
  [/^特困/, 'tekun'],
  [/^临时救助|^临救/, 'temp_relief'],
  [/^医疗|^慢病|^大病/, 'medical'],
  [/^教育|^雨露|^助学/, 'education'],
  [/^危房|^住房/, 'housing'],
  [/^饮水/, 'water'],
  [/^防贫保|^保险/, 'insurance'],
  [/^消费/, 'consumption'],
  [/^其他/, 'other'],
];

/** The status a cadre typed: 计划 / 落实中 / 已落实 / 无效; null when none matches. */
export function measureStatusOf(text: string): MeasureStatus | null {
  const t = text.trim();
  const hit = (Object.entries(STATUS_LABEL) as Array<[MeasureStatus, string]>).find(([, l]) => l === t);
  if (hit) return hit[0];
  if (/^(?:已完成|完成|落实)$/.test(t)) return 'done';
  if (/^(?:进行中|办理中|在办)$/.test(t)) return 'in_progress';
  return null;
}
