import type { MeasureType } from '../assistance/measure.js';
import type { RiskType } from '../policy.js';
import type { HouseholdStatus, Labour, MonitoringKind } from '../types.js';

/**
 * How our records read in the national 防返贫监测信息系统's export layout (shared/NATIONAL-SYSTEM.md):
 * its 户类型, 监测对象类别, 致贫/返贫风险 values, one column per measure category, 劳动技能 values.
 * The values are what the system's exports show in practice (2021–2023), not a published code table.
 */
export const HOUSEHOLD_TYPE: Record<HouseholdStatus, string> = {
  ordinary: '一般户',
  lifted: '脱贫户',
  monitored: '监测户',
};
export const MONITORING_KIND: Record<MonitoringKind, string> = {
  unstable: '脱贫不稳定户',
  edge: '边缘易致贫户',
  sudden: '突发严重困难户',
};

/** Our seven risk types as the national 致贫/返贫风险 values (an inference: see NATIONAL-SYSTEM.md §5.3). */
export const NATIONAL_RISK: Record<RiskType, string> = {
  income_drop: '因务工就业不稳',
  expense_jump: '因病',
  illness_disaster_accident: '因意外事故',
  dropout: '因学',
  housing: '因安全住房',
  water: '因安全饮水',
  policy_gap: '其他',
};

/** The measure-category columns of the export, and which of our measure types each one carries. */
export const MEASURE_COLUMNS: ReadonlyArray<{ header: string; types: readonly MeasureType[] }> = [
  { header: '产业帮扶', types: ['industry', 'consumption'] },
  { header: '就业帮扶', types: ['employment', 'training'] },
  { header: '金融帮扶', types: ['microcredit', 'insurance'] },
  { header: '公益岗位帮扶', types: ['public_job'] },
  { header: '住房安全保障', types: ['housing'] },
  { header: '饮水安全保障', types: ['water'] },
  { header: '健康帮扶', types: ['medical'] },
  { header: '其他教育帮扶', types: ['education'] },
  { header: '综合保障', types: ['dibao', 'tekun', 'temp_relief'] },
  { header: '社会帮扶', types: ['other'] },
];

export const LABOUR_SKILL: Record<Labour, string> = {
  full: '普通劳动力',
  partial: '弱劳动力或半劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
};
export const HEALTH_STATUS: Record<string, string> = { 大病: '患有大病' };
export const SCHOOLING_STATUS: Record<string, string> = { 学龄前: '学龄前儿童', 非在校: '' };

/** 2026-03-15 → "202603" (识别监测时间 and 消除监测时间 are YYYYMM in the exports). */
export const yearMonth = (d: Date | null, local: (d: Date) => { year: number; month: number }) => {
  if (!d) return '';
  const p = local(d);
  return `${p.year}${String(p.month).padStart(2, '0')}`;
};

/**
 * A household's risks as 致贫/返贫风险1–5: the national values of its risk types, each once, in our
 * order; a household with illness (因病因灾因意外) and a spending jump reads 因病 once.
 */
export function nationalRisks(risks: readonly RiskType[]): string[] {
  const out: string[] = [];
  for (const r of risks) {
    const v = r === 'illness_disaster_accident' && risks.includes('expense_jump') ? '因病' : NATIONAL_RISK[r];
    if (!out.includes(v)) out.push(v);
  }
  return out.slice(0, 5);
}

/** Our measure types as the names the measure-category columns list (一户一策, 、-separated). */
export const MEASURE_NAME: Record<MeasureType, string> = {
  industry: '产业奖补',
  consumption: '消费帮扶',
  employment: '务工就业',
  training: '技能培训',
  microcredit: '小额信贷',
  insurance: '防贫保险',
  public_job: '公益性岗位',
  housing: '危房改造',
  water: '饮水工程',
  medical: '医疗救助',
  education: '雨露计划',
  dibao: '低保',
  tekun: '特困供养',
  temp_relief: '临时救助',
  other: '其他帮扶',
};
