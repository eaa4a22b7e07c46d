import { RISK_TYPES, type DeptKind, type Policy, type RiskType } from '../policy.js';
import type { HouseholdStatus } from '../types.js';
import type { Lexicon } from './lexicon.js';
import { featuresOf } from './model/features.js';
import { decide, predict, settledByRules, type TriageModel } from './model/triage-model.js';
import { selfPaidOf } from './parse-amount.js';
import { readAges } from './read-age.js';
import { readReport, type Reading } from './read-report.js';
import { ruleVerdict, type RuleVerdict } from './rule-verdict.js';
import { screenDepartmentRow, type Screening } from './screen-department-row.js';

export interface ReportFacts {
  text: string;
  /** A department's kind for its alert; absent for villagers' messages. */
  kind?: DeptKind;
  amountYuan?: number | null;
  householdStatus?: HouseholdStatus | null;
}

export type Urgency = 'green' | 'normal';

export interface Classification {
  riskTypes: RiskType[];
  urgency: Urgency;
  /** Why, for the case and the cadre's card: rules fired ("疾病(白血兵→白血病)") and the model's top features. */
  rulesFired: string[];
  amountYuan: number | null;
  /** False for greetings, thanks, questions, resolved past events and rows below the screening standard. */
  isReport: boolean;
  /** Department rows only: the policy's screening verdict. */
  screening: Screening | null;
}

/** What classification needs beyond the policy's numbers: its lexicons and the trained model. */
export interface TriageKnowledge {
  lexicon: Lexicon;
  model: TriageModel | null;
}

/**
 * Reads a report as a caseworker would (normalise, dialect, lexicon terms by spelling and by sound,
 * negation and resolution scope, amounts with their role, the object of the damage), applies the
 * policy's rules, and lets the trained model, which sees the rules' verdicts among its features,
 * give the final answer. A department row below the policy's standard is never a task.
 */
export function classifyReport(facts: ReportFacts, policy: Policy): Classification {
  // A department's list repeats the same description, kind and amount many times: each is read once.
  let seen = cache.get(policy);
  if (!seen) {
    seen = new Map();
    cache.set(policy, seen);
  }
  const key = `${facts.kind ?? ''}|${facts.amountYuan ?? ''}|${facts.householdStatus ?? ''}|${facts.text}`;
  let c = seen.get(key);
  if (!c) {
    c = classifyAfresh(facts, policy);
    if (seen.size >= CACHE_SIZE) seen.delete(seen.keys().next().value!);
    seen.set(key, c);
  }
  return { ...c, riskTypes: [...c.riskTypes], rulesFired: [...c.rulesFired] };
}

const CACHE_SIZE = 2000;
const cache = new WeakMap<Policy, Map<string, Classification>>();

function classifyAfresh(facts: ReportFacts, policy: Policy): Classification {
  const knowledge = policy.triage;
  if (!knowledge) throw new Error('policy has no triage lexicon (load it with loadPolicy)');
  const screening = facts.kind
    ? screenDepartmentRow({ ...facts, kind: facts.kind }, facts.householdStatus ?? null, policy)
    : null;
  if (screening?.verdict === 'below_threshold') {
    return {
      riskTypes: [],
      urgency: 'normal',
      rulesFired: [`未达预警标准：${screening.reason}`],
      amountYuan: facts.amountYuan ?? screening.amountYuan ?? null,
      isReport: false,
      screening,
    };
  }
  const reading = readReport(facts.text, knowledge.lexicon);
  const amountYuan = facts.amountYuan ?? selfPaidOf(reading.amounts)?.yuan ?? null;
  const { rules, features } = readAndRule(facts, reading, screening, policy);
  if (!knowledge.model) return fromRules(rules, amountYuan, screening);
  const predictions = predict(knowledge.model, features, (o) =>
    o === 'green' ? rules.green : o === 'report' ? rules.types.size > 0 : rules.types.has(o),
  );
  const settled = settledByRules(features);
  const decided = decide((o) => settled.has(o) || (predictions.find((p) => p.output === o)?.on ?? false));
  // A department's low-income finding is 收入骤减 by definition: the policy's lines screened it in (or the
  // rules read the low-income department's row as one, 新纳入低保对象), and the model, which reads words,
  // must not veto it for a row that carries little description.
  const lowIncome =
    screening?.measure === 'income_per_capita' || (facts.kind === 'low_income' && rules.types.has('income_drop'));
  const riskTypes = RISK_TYPES.filter((t) => decided.riskTypes.includes(t) || (lowIncome && t === 'income_drop'));
  const urgency: Urgency = decided.green ? 'green' : 'normal';
  const model = predictions
    .filter((p) => p.on && p.output !== 'report')
    .map((p) => `模型:${p.output}(${p.p.toFixed(2)}; ${p.top.map(([f]) => f.replace(/^c:/, '')).join(' ')})`);
  return {
    riskTypes: [...riskTypes].sort(),
    urgency,
    rulesFired: [...rules.why, ...model],
    amountYuan,
    isReport: riskTypes.length > 0,
    screening,
  };
}

function readAndRule(facts: ReportFacts, reading: Reading, screening: Screening | null, policy: Policy) {
  const ages = readAges(reading.text);
  const { kind, householdStatus } = facts;
  const rules = ruleVerdict({ reading, kind, amountYuan: facts.amountYuan, householdStatus, screening, ages }, policy);
  return { rules, features: featuresOf({ reading, rules, kind, householdStatus, screening, ages }) };
}

/**
 * The model's input for one report (what `npm run train:triage` learns from); null for a department
 * row below the screening standard, which the model never decides.
 */
export function triageFeatures(facts: ReportFacts, policy: Policy): string[] | null {
  if (!policy.triage) throw new Error('policy has no triage lexicon (load it with loadPolicy)');
  const screening = facts.kind
    ? screenDepartmentRow({ ...facts, kind: facts.kind }, facts.householdStatus ?? null, policy)
    : null;
  if (screening?.verdict === 'below_threshold') return null;
  return readAndRule(facts, readReport(facts.text, policy.triage.lexicon), screening, policy).features;
}

function fromRules(rules: RuleVerdict, amountYuan: number | null, screening: Screening | null): Classification {
  const riskTypes = [...rules.types].sort();
  return {
    riskTypes,
    urgency: riskTypes.length && rules.green ? 'green' : 'normal',
    rulesFired: rules.why,
    amountYuan,
    isReport: riskTypes.length > 0,
    screening,
  };
}
