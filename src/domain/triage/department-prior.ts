import type { DeptKind, RiskType } from '../policy.js';
import type { Signal } from './lexicon.js';
import { otherBuildingOnly } from './event-subjects.js';
import { has, type Reading } from './read-report.js';
import type { Screening } from './screen-department-row.js';

export interface PriorInput {
  reading: Reading;
  kind?: DeptKind;
  screening?: Screening | null;
}

/** A department's kind is evidence: it adds its usual types unless the row's own words already say otherwise. */
export function departmentPrior(input: PriorInput, types: Set<RiskType>, why: string[]): void {
  const { kind, screening } = input;
  if (!kind) return;
  const r = input.reading;
  const add = (t: RiskType) => {
    if (!types.has(t)) why.push(`部门:${kind}→${t}`);
    types.add(t);
  };
  const measure = screening?.measure;
  // the row's illness comes from its own words (恶性肿瘤, 股骨颈骨折, even 已出院): the cost alone is 支出骤增
  if (measure === 'inpatient_self_paid' || measure === 'outpatient_monthly') {
    if (r.hits.some((h) => NAMED_ILLNESS.has(h.signal) && !h.negated)) add('illness_disaster_accident');
    add('expense_jump');
  } else if (measure === 'schooling_self_paid') add('expense_jump');
  else if (
    measure === 'income_per_capita' ||
    // a payment that came (理赔到账, 奖补已发放) is no low income found
    (kind === 'low_income' && !types.has('policy_gap') && !has(r, 'benefit_received') && !r.resolvedCue)
  )
    add('income_drop');
  else if (kind === 'dropout' && !has(r, 'school_ok') && !r.resolvedCue && !types.has('illness_disaster_accident'))
    add('dropout');
  else if (
    kind === 'unsafe_house' &&
    !r.hits.some((h) => h.resolved) &&
    !r.resolvedCue &&
    !otherBuildingOnly(r) &&
    !SAFE_RATING.test(r.text)
  )
    add('housing');
  else if (kind === 'no_water' && !r.resolvedCue && !r.hits.some((h) => h.signal === 'irrigation' || h.resolved))
    add('water');
  else if (kind === 'job_loss' && !r.hits.some((h) => h.resolved) && !r.resolvedCue) add('income_drop');
  // a death with the costs of the illness before it (生前住院自付4.5万元) is a death that mattered
  if (kind === 'death_or_accident' && types.has('expense_jump')) add('illness_disaster_accident');
}

// 鉴定 B级, 主房A级, 基本安全: the house was rated safe (CONVENTIONS.md: A/B is below the screening standard)
const SAFE_RATING = /(?<![a-z])[ab]级|基本安全|结构安全/;
const NAMED_ILLNESS = new Set<Signal>([
  'illness_serious',
  'illness_acute',
  'illness_chronic',
  'treatment_serious',
  'accident',
  'injury_serious',
  'severity',
]);
