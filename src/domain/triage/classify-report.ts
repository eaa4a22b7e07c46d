import { toHalfWidth } from '../id-card.js';
import type { DeptKind, Policy, RiskType } from '../policy.js';
import type { HouseholdStatus } from '../types.js';
import { largestAmount } from './parse-amount.js';

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
  /** Which rules fired and why, e.g. "rule:illness(住院)", "amount:medical≥5000(30000)": kept on the case. */
  rulesFired: string[];
  amountYuan: number | null;
}

/** Explainable, data-driven classification into the seven risk types, and the 绿色通道 decision. */
export function classifyReport(facts: ReportFacts, policy: Policy): Classification {
  const text = toHalfWidth(facts.text).toLowerCase();
  const types = new Set<RiskType>();
  const fired: string[] = [];
  let green = false;

  if (facts.kind) {
    const mapped = policy.departmentKinds[facts.kind] ?? [];
    mapped.forEach((t) => types.add(t));
    if (mapped.length) fired.push(`kind:${facts.kind}`);
    // The kind never decides the 绿色通道 alone: the words and amounts of the row do (TRIAGE-LABELS).
  }
  for (const rule of policy.rules) {
    const hits = rule.keywords.filter((k) => text.includes(k));
    if (hits.length) {
      types.add(rule.type);
      fired.push(`rule:${rule.id}(${hits.join(',')})`);
    }
  }
  const greenHits = policy.greenKeywords.filter((k) => text.includes(k));
  if (greenHits.length) {
    green = true;
    fired.push(`green:keyword(${greenHits.join(',')})`);
  }

  const amount = facts.amountYuan ?? largestAmount(text);
  const medical = facts.kind === 'medical_cost' || types.has('illness_disaster_accident') || types.has('expense_jump');
  if (amount !== null && medical) {
    const vulnerable = facts.householdStatus === 'lifted' || facts.householdStatus === 'monitored';
    const threshold = vulnerable ? policy.thresholds.medicalSelfPaidLifted : policy.thresholds.medicalSelfPaidOther;
    if (amount >= threshold) {
      types.add('expense_jump');
      green = green || types.has('illness_disaster_accident');
      fired.push(`amount:medical≥${threshold}(${amount})`);
    }
  }
  return { riskTypes: [...types].sort(), urgency: green ? 'green' : 'normal', rulesFired: fired, amountYuan: amount };
}
