import { z } from 'zod';
import { LexiconSchema } from './triage/lexicon.js';
import { TriageModelSchema } from './triage/model/triage-model.js';
import { DEFAULT_PROCEDURE_POLICY, ProcedurePolicySchema } from './procedure/procedure-policy.js';
import { DEFAULT_PAIR_HELPER, PairHelperPolicySchema } from './pair-duty/pair-duty-policy.js';
import { DEFAULT_ROUND_POLICY, RoundPolicySchema } from './rounds/round-policy.js';

export const RISK_TYPES = [
  'income_drop',
  'expense_jump',
  'illness_disaster_accident',
  'dropout',
  'housing',
  'water',
  'policy_gap',
] as const;
export type RiskType = (typeof RISK_TYPES)[number];

export const RISK_LABEL: Record<RiskType, string> = {
  income_drop: '收入骤减',
  expense_jump: '支出骤增',
  illness_disaster_accident: '因病因灾因意外',
  dropout: '失学辍学',
  housing: '住房无保障',
  water: '饮水无保障',
  policy_gap: '政策未落实',
};

export const DEPT_KINDS = [
  'medical_cost',
  'low_income',
  'dropout',
  'unsafe_house',
  'no_water',
  'job_loss',
  'disaster',
  'death_or_accident',
  'hotline',
  'gov_app',
  'other',
] as const;
export type DeptKind = (typeof DEPT_KINDS)[number];

const yuan = z.number().int().nonnegative();
const riskType = z.enum(RISK_TYPES);

/** One county's policy: lines, thresholds, deadlines, classification rules and visit rules. */
export const PolicySchema = z.object({
  county: z.string(),
  lines: z.object({ monitoring: yuan, observation: yuan }),
  thresholds: z.object({
    medicalSelfPaidLifted: yuan,
    medicalSelfPaidOther: yuan,
    medicalOutpatientMonthly: yuan,
    schoolingSelfPaid: yuan,
  }),
  deadlinesHours: z.object({
    acknowledge: z.number().positive(),
    acknowledgeGreen: z.number().positive(),
    verifyWorkingDays: z.number().int().positive(),
    decideDays: z.number().int().positive(),
  }),
  relatedRiskTypes: z.array(z.array(riskType).min(2)),
  departmentKinds: z.record(z.enum(DEPT_KINDS), z.array(riskType)),
  /**
   * Ignored, kept so older county files still load: a department's kind is evidence, never the
   * 绿色通道 by itself (an 81-year-old's 病故 is no emergency); the event the report states decides.
   */
  greenKinds: z.array(z.enum(DEPT_KINDS)).optional(),
  /** 观察: an income between the monitoring and observation lines gets a lighter task than a case. */
  observation: z
    .object({
      /** Days to 签收 an 观察 item (a case gets hours). */
      acknowledgeDays: z.number().int().positive(),
      /** Days to check the household's income at home. */
      verifyDays: z.number().int().positive(),
      /** 观察名单: a household between the lines is visited this often (lighter than a monitored one). */
      visitEveryDays: z.number().int().positive().default(60),
    })
    .default({ acknowledgeDays: 7, verifyDays: 30, visitEveryDays: 60 }),
  /**
   * 信号累积: a case whose household's early-warning score reaches `raiseAt`, with at least
   * `accumulatedAt` of its points from signals over time, goes to the 绿色通道.
   */
  warning: z
    .object({ raiseAt: z.number().int().min(1).max(100), accumulatedAt: z.number().int().min(0).max(100) })
    .default({ raiseAt: 70, accumulatedAt: 20 }),
  rules: z
    .array(z.object({ id: z.string().min(1), type: riskType, keywords: z.array(z.string().min(1)).min(1) }))
    .min(1),
  greenKeywords: z.array(z.string().min(1)),
  visits: z.object({
    openRiskPerWeek: z.number().positive(),
    removedRiskPerWeek: z.number().positive(),
    liftedCallEveryDays: z.number().positive(),
    liftedVisitEveryDays: z.number().positive(),
  }),
  reminders: z.object({
    /** Local "HH:MM"; reminders other than 绿色通道 wait until the end of the quiet hours. */
    quietHours: z.object({ start: z.string().regex(/^\d\d:\d\d$/), end: z.string().regex(/^\d\d:\d\d$/) }),
    /** Reminders to the task's holder before it goes up the chain (包村干部 → 包片领导 → county office). */
    remindersBeforeEscalating: z.number().int().nonnegative(),
    /** Hours until the next reminder after the 1st, 2nd, … (the last one repeats: no silent give-up). */
    intervalsHours: z.array(z.number().positive()).min(1),
    overdueVisitEveryHours: z.number().positive(),
  }),
  bulletin: z.object({
    /** A cadre is named as behind below this share of contacts done (or with any overdue task). */
    behindBelowRate: z.number().min(0).max(1),
    /** How many villages the bulletin lists at the top and at the bottom. */
    villagesShown: z.number().int().positive(),
  }),
  /** Triage's lexicon files and trained model, paths relative to the policy file (read by loadPolicy). */
  triageFiles: z
    .object({ lexicons: z.array(z.string().min(1)).min(1), model: z.string().min(1).nullable() })
    .optional(),
  /** What loadPolicy read from `triageFiles`. */
  triage: z.object({ lexicon: LexiconSchema, model: TriageModelSchema.nullable() }).optional(),
  removal: z.object({
    /** 回头看: days after risk removal when the cadre comes back to check it held. */
    reviewAfterDays: z.number().int().positive(),
    /** Risk is marked removed no sooner than this many months after the household was 纳入监测. */
    minMonthsSinceInclusion: z.number().int().min(0),
    /** Risk types that are guarantee gaps, each closed by a measure naming one of these words. */
    guaranteeMeasures: z.partialRecord(riskType, z.array(z.string().min(1)).min(1)),
  }),
  /** The identification and exit procedures (评议, 公示, 审核, 确认); a county file without it gets the defaults. */
  procedure: ProcedurePolicySchema.default(DEFAULT_PROCEDURE_POLICY),
  /** The pair-helper's 8个一: each duty's period and due rule; a county file without it gets the defaults. */
  pairHelper: PairHelperPolicySchema.default(DEFAULT_PAIR_HELPER),
  /** 一周一排查 / 半月一核实 / 一月一分析; a county file without it gets the defaults. */
  rounds: RoundPolicySchema.default(DEFAULT_ROUND_POLICY),
});
export type Policy = z.infer<typeof PolicySchema>;

/** Parses a policy document; the error lists every bad field by path. */
export function parsePolicy(doc: unknown): Policy {
  const parsed = PolicySchema.safeParse(doc);
  if (!parsed.success) {
    throw new Error(
      `invalid policy:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}
