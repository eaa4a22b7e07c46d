import { z } from 'zod';

/**
 * The steps of the identification and exit procedures after the proposal (拟纳入 / 拟消除). 入户核实 is the
 * case's own 核实 for an ordinary identification; it is a step here for the 绿色通道's checks afterwards
 * and for a county whose exit procedure starts with a home check.
 */
export const STEP_KEYS = ['home_check', 'village_review', 'notice', 'township_review', 'county_confirm'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const STEP_LABEL: Record<StepKey, string> = {
  home_check: '入户核实',
  village_review: '村级民主评议',
  notice: '村级公示',
  township_review: '乡镇审核',
  county_confirm: '县级确认',
};

const role = z.enum(['helper', 'village', 'township', 'county']);
const roles = z.array(role).min(1);
const stepList = z
  .array(z.enum(STEP_KEYS))
  .min(1)
  .refine((s) => s.at(-1) === 'county_confirm', { message: '最后一步须是 county_confirm（县级确认）' })
  .refine((s) => new Set(s).size === s.length, { message: '步骤不能重复' })
  .refine((s) => !s.includes('notice') || s.indexOf('village_review') === s.indexOf('notice') - 1, {
    message: 'notice（公示）须紧跟 village_review（民主评议）',
  });

/**
 * The county's identification and exit procedure ("1个前提、6个程序"): which steps, who may do each, how
 * long each may take, and the checks of category and exit. Defaults are those of ../shared/DOMAIN.md.
 */
export const ProcedurePolicySchema = z.object({
  identifySteps: stepList,
  exitSteps: stepList,
  /** Who may propose (拟纳入 / 拟消除) and who may act on each step. */
  roles: z.object({
    proposeIdentify: roles,
    proposeExit: roles,
    home_check: roles,
    village_review: roles,
    notice: roles,
    township_review: roles,
    county_confirm: roles,
  }),
  /** Working days each step may take (the 公示 step includes its minimum days). */
  stepWorkingDays: z.object({
    home_check: z.number().int().positive(),
    village_review: z.number().int().positive(),
    notice: z.number().int().positive(),
    township_review: z.number().int().positive(),
    county_confirm: z.number().int().positive(),
  }),
  /** The village public notice runs at least this many days. */
  noticeDays: z.number().int().positive(),
  /** Identification done within this many days of the first clue. */
  identifyWithinDays: z.number().int().positive(),
  /** The whole procedure within this many working days. */
  totalWorkingDays: z.number().int().positive(),
  /** 绿色通道: the county confirms within this many hours of the first report (先纳入后核查). */
  greenConfirmHours: z.number().positive(),
  /** 突发严重困难户 needs one of these risk types (large unavoidable spending or a sharp drop). */
  suddenRiskTypes: z.array(z.string().min(1)).min(1),
  /** Income stably above the monitoring line for this many months before an exit. */
  stableIncomeMonths: z.number().int().min(0),
});
export type ProcedurePolicy = z.infer<typeof ProcedurePolicySchema>;

export const DEFAULT_PROCEDURE_POLICY: ProcedurePolicy = {
  identifySteps: ['village_review', 'notice', 'township_review', 'county_confirm'],
  exitSteps: ['village_review', 'notice', 'township_review', 'county_confirm'],
  roles: {
    proposeIdentify: ['helper', 'village'],
    proposeExit: ['helper'],
    home_check: ['helper', 'village'],
    village_review: ['village'],
    notice: ['village'],
    township_review: ['township'],
    county_confirm: ['county'],
  },
  stepWorkingDays: { home_check: 2, village_review: 3, notice: 7, township_review: 3, county_confirm: 3 },
  noticeDays: 5,
  identifyWithinDays: 15,
  totalWorkingDays: 20,
  greenConfirmHours: 24,
  suddenRiskTypes: ['expense_jump', 'income_drop', 'illness_disaster_accident'],
  stableIncomeMonths: 6,
};
