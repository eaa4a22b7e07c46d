import type { DeptKind, Policy } from '../policy.js';
import { STATUS_LABEL, type HouseholdStatus } from '../types.js';
import { readAmounts } from './parse-amount.js';
import { chineseNumber } from './chinese-number.js';

/** A department's row as screening needs it (a `Report` with its `kind` fits). */
export interface DepartmentRow {
  kind: DeptKind;
  /** The row's description (描述), e.g. "2026年1-10月门诊慢特病自付". */
  text: string;
  amountYuan?: number | null;
}

/**
 * - `alert`: meets the policy's screening standard (or has no threshold to meet): triage it as usual.
 * - `below_threshold`: stored and counted as 未达预警标准, with the reason; no task.
 * - `observe`: income between the monitoring and observation lines: an 观察 item with a lighter task.
 */
export type ScreeningVerdict = 'alert' | 'below_threshold' | 'observe';

export type ScreenedMeasure =
  | 'inpatient_self_paid'
  | 'outpatient_monthly'
  | 'schooling_self_paid'
  | 'income_per_capita';

export interface Screening {
  verdict: ScreeningVerdict;
  /** One Chinese sentence for the console and the audit log, naming the figure and the standard. */
  reason: string;
  measure?: ScreenedMeasure;
  /** The figure compared (monthly for outpatient costs), in yuan. */
  amountYuan?: number;
  thresholdYuan?: number;
}

const yuan = (n: number) => `${Math.round(n).toLocaleString('en-US')}元`;
const statusName = (s: HouseholdStatus | null) => (s ? STATUS_LABEL[s] : '未匹配农户');

const OUTPATIENT = /门诊|慢病|慢特病|特殊病|特慢病|购药|药费/;
const SCHOOLING = /学费|学杂费|就学|上学|教育|大学|高中|中职|职高|技校|大专|本科|研究生|住宿费|生活费/;

/**
 * Screens a department's row against the county policy, aware of the household's status
 * (匹配结果 absent = unknown, screened as an ordinary household). Only money and income are screened
 * here; a row of any other kind passes as `alert` and the classifier reads its event. A department
 * kind never decides the 绿色通道: that comes from the event the classifier reads.
 */
export function screenDepartmentRow(row: DepartmentRow, status: HouseholdStatus | null, policy: Policy): Screening {
  if (row.kind === 'low_income') return screenIncome(row, policy);
  const schooling = SCHOOLING.test(row.text) && !/住院|门诊|医疗|医保/.test(row.text);
  if (row.kind === 'medical_cost' || (schooling && (row.kind === 'other' || row.kind === 'dropout'))) {
    return schooling && row.kind !== 'medical_cost' ? screenSchooling(row, policy) : screenMedical(row, status, policy);
  }
  return { verdict: 'alert', reason: '该类预警不设金额标准，按事件研判。' };
}

/** The row's figure: the amount column, else the self-paid (or only) sum in its description. */
function figure(row: DepartmentRow): number | null {
  if (row.amountYuan != null) return row.amountYuan;
  const amounts = readAmounts(row.text);
  const selfPaid = amounts.find((a) => a.role === 'self_paid');
  return selfPaid?.yuan ?? amounts.find((a) => a.role !== 'reimbursed' && a.role !== 'total')?.yuan ?? null;
}

function screenMedical(row: DepartmentRow, status: HouseholdStatus | null, policy: Policy): Screening {
  const amount = figure(row);
  const t = policy.thresholds;
  if (OUTPATIENT.test(row.text) && !/住院/.test(row.text)) {
    if (amount === null) return { verdict: 'alert', reason: '门诊费用未注明金额，按预警研判。' };
    const months = monthsCovered(row.text);
    const monthly = months ? amount / months : amount;
    const period = months
      ? `${months}个月共${yuan(amount)}，月均${yuan(monthly)}`
      : `${yuan(monthly)}（未注明期间，按一个月计）`;
    const meets = monthly >= t.medicalOutpatientMonthly;
    return {
      verdict: meets ? 'alert' : 'below_threshold',
      reason: `门诊慢特病自付${period}，${meets ? '达到' : '未达'}每月${yuan(t.medicalOutpatientMonthly)}的预警标准。`,
      measure: 'outpatient_monthly',
      amountYuan: Math.round(monthly),
      thresholdYuan: t.medicalOutpatientMonthly,
    };
  }
  const vulnerable = status === 'lifted' || status === 'monitored';
  const threshold = vulnerable ? t.medicalSelfPaidLifted : t.medicalSelfPaidOther;
  if (amount === null) return { verdict: 'alert', reason: '医疗费用未注明自付金额，按预警研判。' };
  const meets = amount >= threshold;
  return {
    verdict: meets ? 'alert' : 'below_threshold',
    reason: `医疗自付${yuan(amount)}，${meets ? '达到' : '未达'}${statusName(status)}${yuan(threshold)}的预警标准。`,
    measure: 'inpatient_self_paid',
    amountYuan: amount,
    thresholdYuan: threshold,
  };
}

function screenSchooling(row: DepartmentRow, policy: Policy): Screening {
  const amount = figure(row);
  const threshold = policy.thresholds.schoolingSelfPaid;
  if (amount === null) return { verdict: 'alert', reason: '教育支出未注明金额，按预警研判。' };
  const meets = amount > threshold; // the policy says 超过: exactly 10,000 is not over it
  return {
    verdict: meets ? 'alert' : 'below_threshold',
    reason: `义务教育阶段以外的教育支出${yuan(amount)}，${meets ? '超过' : '未超过'}${yuan(threshold)}的预警标准。`,
    measure: 'schooling_self_paid',
    amountYuan: amount,
    thresholdYuan: threshold,
  };
}

function screenIncome(row: DepartmentRow, policy: Policy): Screening {
  const income = row.amountYuan ?? readAmounts(row.text)[0]?.yuan ?? null;
  const { monitoring, observation } = policy.lines;
  if (income === null) return { verdict: 'alert', reason: '低收入预警未注明人均纯收入，按监测对象候选研判。' };
  const base = { measure: 'income_per_capita' as const, amountYuan: income };
  if (income < monitoring) {
    return {
      ...base,
      verdict: 'alert',
      thresholdYuan: monitoring,
      reason: `人均纯收入${yuan(income)}，低于监测线${yuan(monitoring)}，列为监测对象候选。`,
    };
  }
  if (income < observation) {
    return {
      ...base,
      verdict: 'observe',
      thresholdYuan: observation,
      reason: `人均纯收入${yuan(income)}，在监测线${yuan(monitoring)}与观察线${yuan(observation)}之间，列为观察对象。`,
    };
  }
  return {
    ...base,
    verdict: 'below_threshold',
    thresholdYuan: observation,
    reason: `人均纯收入${yuan(income)}，不低于观察线${yuan(observation)}，未达预警标准。`,
  };
}

/** How many months a row's sum covers: "1-10月" → 10, "3个月" → 3, "全年"/"年度" → 12, "每月"/"月均" → 1. */
export function monthsCovered(text: string): number | null {
  const range = /(\d{1,2})\s*月?\s*[-—~～至到]\s*(\d{1,2})\s*月/.exec(text);
  if (range) {
    const n = Number(range[2]) - Number(range[1]) + 1;
    if (n >= 1 && n <= 12) return n;
  }
  const count = /(\d{1,2}|十[一二]?|[一二两三四五六七八九])\s*个\s*月/.exec(text);
  if (count) return Number(count[1]) || chineseNumber(count[1]!)?.value || null;
  if (/每月|每个月|月均|月人均|当月|本月|上月/.test(text)) return 1;
  if (/全年|年度|一年|今年|上年|去年|年累计/.test(text)) return 12;
  return null;
}
