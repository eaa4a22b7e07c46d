import type { DeptKind, Policy, RiskType } from '../policy.js';
import type { HouseholdStatus } from '../types.js';
import { selfPaidOf } from './parse-amount.js';
import { asWritten, has, standing, standsNow, type Reading } from './read-report.js';

/** What the cost rule found, for the 绿色通道's large-cost test. */
export interface ExpenseReading {
  /** Self-paid at or over the household's line (medical) or the schooling line. */
  bigCost: boolean;
}

/**
 * 支出骤增: self-paid against the threshold for the household's status, a doctor's estimate the household
 * cannot meet, a day's or a month's cost, or debt for treatment or school.
 */
export function expenseRule(
  r: Reading,
  input: { kind?: DeptKind; householdStatus?: HouseholdStatus | null },
  policy: Policy,
  types: ReadonlySet<RiskType>,
  add: (t: RiskType, reason: string) => void,
): ExpenseReading {
  const t = policy.thresholds;
  const vulnerable = input.householdStatus === 'lifted' || input.householdStatus === 'monitored';
  const medicalLine = vulnerable ? t.medicalSelfPaidLifted : t.medicalSelfPaidOther;
  const medical =
    types.has('illness_disaster_accident') ||
    r.hits.some((h) => MEDICAL_SIGNALS.has(h.signal) && !h.negated) ||
    MEDICAL_WORDS.test(r.text);
  const schooling = (has(r, 'schooling_cost') || /学费/.test(r.text)) && !types.has('illness_disaster_accident');
  const paid = medical || schooling ? selfPaidOf(r.amounts, { estimates: schooling }) : null;
  const line = schooling ? t.schoolingSelfPaid + 1 : medicalLine;
  const monthly = r.amounts.find(
    (a) => a.per === 'month' && a.yuan >= t.medicalOutpatientMonthly && a.role !== 'income' && a.role !== 'loss',
  );
  const bigCost = paid && paid.yuan >= line;
  const serious = standsNow(r, 'illness_serious') || standsNow(r, 'treatment_serious');
  const acute = standsNow(r, 'illness_acute');
  const severe = standsNow(r, 'severity');
  // a serious illness or a stay in intensive care the household cannot pay for: the doctor's estimate
  // (要几十万, 准备十五万) or a day's cost (一天好几千) counts, not only what has been paid
  const dire = !input.kind && (serious || acute || severe || standsNow(r, 'injury_serious'));
  const estimate = dire ? selfPaidOf(r.amounts, { estimates: true }) : null;
  const daily = r.amounts.find((a) => a.per === 'day' && a.yuan >= 1000 && a.role !== 'income');
  if (bigCost) add('expense_jump', `自付≥${line}(${paid.yuan})`);
  else if (estimate && estimate.yuan >= line && (has(r, 'cannot_pay') || has(r, 'debt') || estimate.yuan >= 100000))
    add('expense_jump', `预计费用≥${line}(${estimate.yuan})`);
  else if (daily && dire && medical) add('expense_jump', `每天≥1000(${daily.yuan})`);
  else if (monthly && medical && MONTHLY_MEDICAL.test(r.text))
    add('expense_jump', `门诊每月≥${t.medicalOutpatientMonthly}(${monthly.yuan})`);
  // a student loan granted (助学贷款办下来了) is how the fees are met, not a debt the household cannot bear
  const owe = [...standing(r, 'debt'), ...standing(r, 'cannot_pay')]
    .filter((h) => !(h.term === '贷款' && /助学贷款/.test(r.text)))
    .map(asWritten);
  if (owe.length && (medical || schooling)) add('expense_jump', `负债(${owe.join(',')})`);
  return { bigCost: Boolean(bigCost) };
}

const MEDICAL_SIGNALS = new Set<string>([
  'illness_serious',
  'illness_acute',
  'treatment_serious',
  'illness_chronic',
  'hospital_inpatient',
  'accident',
  'injury_serious',
  'severity',
]);
const MEDICAL_WORDS =
  /医药费|医疗费|住院|手术|治疗|药费|药钱|看病|治病|医保|报销|新农合|合作医疗|医院|门诊|购药|拿药|开药|复查|切除|置换|搭桥|支架/;
const MONTHLY_MEDICAL = /药|门诊|复查|透析|治疗|看病|化疗|打针|胰岛素|医/;
