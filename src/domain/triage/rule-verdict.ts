import type { DeptKind, Policy, RiskType } from '../policy.js';
import type { HouseholdStatus } from '../types.js';
import { selfPaidOf } from './parse-amount.js';
import { damageObject, has, standing, waterUse, type Reading } from './read-report.js';
import type { Screening } from './screen-department-row.js';

export interface RuleVerdict {
  types: Set<RiskType>;
  green: boolean;
  /** Short reasons, e.g. "疾病(白血兵→白血病)", "自付≥5000(30000)". */
  why: string[];
}

export interface RuleInput {
  reading: Reading;
  kind?: DeptKind;
  amountYuan?: number | null;
  householdStatus?: HouseholdStatus | null;
  screening?: Screening | null;
  ages: number[];
}

const word = (r: Reading, ...signals: Parameters<typeof standing>[1][]) =>
  signals.flatMap((s) => standing(r, s)).map((h) => (h.heard ? `${h.heard}→${h.term}` : h.term));

/** The caseworker's rules over what the pipeline read. The model sees these as features and may overrule them. */
export function ruleVerdict(input: RuleInput, policy: Policy): RuleVerdict {
  const r = input.reading;
  const types = new Set<RiskType>();
  const why: string[] = [];
  let green = false;
  const add = (t: RiskType, reason: string) => {
    types.add(t);
    why.push(reason);
  };
  const now = (s: Parameters<typeof standing>[1]) => standing(r, s).some((h) => !h.past);
  if (r.questionOnly && !input.kind) return { types, green, why: ['只是询问'] };

  // 因病因灾因意外
  const illness = word(r, 'illness_serious', 'illness_acute', 'treatment_serious', 'illness_chronic');
  const sick = standing(r, 'illness_general').filter((h) => !CHILDBIRTH.test(h.term));
  const accident = word(r, 'accident', 'injury_serious');
  const disaster = word(r, 'disaster', 'fire');
  const death = deathOf(r, input.ages);
  if (illness.length) add('illness_disaster_accident', `疾病(${illness.join(',')})`);
  else if (sick.length && (has(r, 'hospital_inpatient') || has(r, 'unable_to_work')))
    add('illness_disaster_accident', `就医(${sick.map((h) => h.term).join(',')})`);
  if (accident.length) add('illness_disaster_accident', `意外(${accident.join(',')})`);
  if (disaster.length) add('illness_disaster_accident', `灾害(${disaster.join(',')})`);
  if (death && death.who !== 'elderly') add('illness_disaster_accident', `死亡(${death.term})`);
  const earnerDied = death?.who === 'earner';

  // 住房, 饮水
  const homeDamage = [...standing(r, 'damage_severe'), ...standing(r, 'damage')].filter(
    (h) => damageObject(r, h) === 'dwelling',
  );
  const collapsed = homeDamage.some((h) => h.signal === 'damage_severe' && COLLAPSE.test(h.term) && !h.past);
  if (homeDamage.length) add('housing', `住房(${homeDamage.map((h) => h.term).join(',')})`);
  const water = standing(r, 'water_problem').filter((h) => waterUse(r, h) === 'drinking');
  if (water.length) add('water', `饮水(${water.map((h) => h.term).join(',')})`);

  // 收入
  const income = word(r, 'job_loss', 'wage_arrears', 'crop_loss', 'livestock_loss', 'unable_to_work', 'income_report');
  if (income.length) add('income_drop', `收入(${income.join(',')})`);
  if (earnerDied) add('income_drop', '劳动力死亡');

  // 失学
  const out = standing(r, 'dropout');
  if (out.length && !has(r, 'school_ok')) add('dropout', `失学(${out.map((h) => h.term).join(',')})`);

  // 政策未落实: a benefit not received, never one received or asked about
  const gap = standing(r, 'benefit_gap').filter((h) => !h.asked);
  if (gap.length && has(r, 'benefit') && !has(r, 'benefit_received'))
    add('policy_gap', `政策(${gap.map((h) => h.term).join(',')})`);

  // 支出: self-paid against the threshold for the household's status
  const t = policy.thresholds;
  const vulnerable = input.householdStatus === 'lifted' || input.householdStatus === 'monitored';
  const medicalLine = vulnerable ? t.medicalSelfPaidLifted : t.medicalSelfPaidOther;
  const paid = selfPaidOf(r.amounts);
  const schooling = has(r, 'schooling_cost') && !types.has('illness_disaster_accident');
  const line = schooling ? t.schoolingSelfPaid + 1 : medicalLine;
  const daily = r.amounts.find((a) => a.per === 'day' && a.yuan >= 1000);
  const monthly = r.amounts.find((a) => a.per === 'month' && a.yuan >= t.medicalOutpatientMonthly);
  const bigCost = (paid && paid.yuan >= line) || daily;
  if (bigCost) add('expense_jump', `自付≥${line}(${paid?.yuan ?? daily!.yuan})`);
  else if (monthly && types.has('illness_disaster_accident'))
    add('expense_jump', `门诊每月≥${t.medicalOutpatientMonthly}(${monthly.yuan})`);
  const owe = word(r, 'debt', 'cannot_pay');
  if (owe.length && (types.has('illness_disaster_accident') || schooling || has(r, 'cost_words')))
    add('expense_jump', `负债(${owe.join(',')})`);

  // 绿色通道: a sudden severe event now
  const severe = standing(r, 'severity').some((h) => !h.past);
  const inHospital = has(r, 'hospital_inpatient');
  const serious = now('illness_serious') || now('treatment_serious');
  const acute = now('illness_acute');
  const newSerious =
    (serious && has(r, 'illness_new')) ||
    (acute && (inHospital || has(r, 'illness_new') || severe)) ||
    ((serious || acute) && inHospital && Boolean(bigCost));
  const badAccident = now('injury_serious') || (now('accident') && (inHospital || severe));
  const homeHit =
    disaster.length > 0 &&
    (homeDamage.length > 0 || nearDwelling(r, ['disaster', 'fire'])) &&
    (now('disaster') || now('fire'));
  const earnerDeath = earnerDied && !death!.past;
  const flags: Array<[boolean, string]> = [
    [severe, '危重'],
    [newSerious, '新发大病'],
    [badAccident, '重伤'],
    [homeHit, '灾害毁房'],
    [collapsed, '房屋倒塌'],
    [earnerDeath, '劳动力死亡'],
  ];
  for (const [on, reason] of flags)
    if (on) {
      green = true;
      why.push(`绿色通道:${reason}`);
    }
  departmentPrior(input, types, why);
  return { types, green, why };
}

// Fallen or about to fall, as opposed to long uninhabitable (住不了, 没地方住): only these are sudden.
const COLLAPSE = /塌|垮|倒|冲毁|冲走|埋|歪|撑起|掉土|往下掉|烧没|烧毁|夷为平地|不敢住|不敢进去|搬出去/;
const CHILDBIRTH = /早产|生娃|分娩|剖宫产|剖腹产|顺产/;

/** Whose death: the person (or animal) named nearest before the death word. A pig's death is a loss, not a death. */
function deathOf(
  r: Reading,
  ages: number[],
): { term: string; who: 'earner' | 'elderly' | 'child' | 'other'; past: boolean } | null {
  const death = standing(r, 'death')[0];
  if (!death) return null;
  const subject = r.hits
    .filter(
      (h) =>
        ['earner', 'elderly', 'child', 'livestock'].includes(h.signal) &&
        h.end <= death.start &&
        death.clause - h.clause <= 1,
    )
    .sort((a, b) => b.end - a.end)[0];
  if (subject?.signal === 'livestock') return null;
  const age = ages.length ? Math.min(...ages) : null;
  const working = has(r, 'work');
  const who =
    age !== null
      ? age < 18
        ? 'child'
        : age < 60 || (working && age < 70)
          ? 'earner'
          : 'elderly'
      : subject?.signal === 'earner' || (working && subject?.signal !== 'elderly')
        ? 'earner'
        : subject?.signal === 'elderly'
          ? 'elderly'
          : subject?.signal === 'child'
            ? 'child'
            : 'other';
  return { term: death.term, who, past: death.past };
}

/** A disaster or fire word with a dwelling word in its clause: 屋头着火了, 把俺家屋子冲垮了. */
function nearDwelling(r: Reading, signals: string[]): boolean {
  return r.hits.some(
    (h) =>
      signals.includes(h.signal) &&
      !h.negated &&
      r.hits.some(
        (d) => d.signal === 'dwelling' && d.clause === h.clause && (h.signal === 'fire' || !/^(家|家里)$/.test(d.term)),
      ),
  );
}

/** A department's kind is evidence: it adds its usual types unless the row's own words already say otherwise. */
function departmentPrior(input: RuleInput, types: Set<RiskType>, why: string[]): void {
  const { kind, screening } = input;
  if (!kind) return;
  const r = input.reading;
  const add = (t: RiskType) => {
    if (!types.has(t)) why.push(`部门:${kind}→${t}`);
    types.add(t);
  };
  const measure = screening?.measure;
  if (measure === 'inpatient_self_paid' || measure === 'outpatient_monthly') {
    if (!CHILDBIRTH.test(r.text) || types.has('illness_disaster_accident')) add('illness_disaster_accident');
    add('expense_jump');
  } else if (measure === 'schooling_self_paid') add('expense_jump');
  else if (measure === 'income_per_capita' || (kind === 'low_income' && !types.has('policy_gap'))) add('income_drop');
  else if (kind === 'dropout' && !has(r, 'school_ok') && !types.has('illness_disaster_accident')) add('dropout');
  else if (kind === 'unsafe_house' && !r.hits.some((h) => h.resolved)) add('housing');
  else if (kind === 'no_water' && !r.hits.some((h) => h.signal === 'irrigation' || h.resolved)) add('water');
  else if (kind === 'job_loss' && !r.hits.some((h) => h.resolved)) add('income_drop');
}
