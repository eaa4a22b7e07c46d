import { z } from 'zod';

/** The pair-helper's "8个一" (帮扶责任人): eight duties per household in their charge. */
export const PAIR_DUTIES = ['plan', 'call', 'visit', 'evaluation', 'problem', 'jobs', 'tech', 'purchase'] as const;
export type PairDuty = (typeof PAIR_DUTIES)[number];

export const DUTY_LABEL: Record<PairDuty, string> = {
  plan: '制定一户一策帮扶计划',
  call: '电话联系',
  visit: '入户走访',
  evaluation: '年终评价',
  problem: '解决一件实事',
  jobs: '提供就业信息',
  tech: '开展技术指导',
  purchase: '消费帮扶',
};

const month = z.number().int().min(1).max(12);
const DutyRuleSchema = z.object({
  /** The duty is done once in each period. */
  period: z.enum(['month', 'quarter', 'year']),
  /** A yearly duty opens at the start of this month (default January: the whole year). */
  fromMonth: month.optional(),
  /** A yearly duty is due by the end of this month (default December); a month's or a quarter's at its end. */
  dueMonth: month.optional(),
  /** Reminded this many days before it is due (default: remindDaysBefore). */
  remindDaysBefore: z.number().int().positive().optional(),
  /** The contacts on record (走访 / 电话) that also count as this duty, so nobody records a call twice. */
  countsFrom: z.array(z.enum(['visit', 'call'])).default([]),
});
export type DutyRule = z.infer<typeof DutyRuleSchema>;

export const PairHelperPolicySchema = z
  .object({
    /** Whose pair-helper owes the duties: 脱贫户 and 监测对象. */
    households: z.array(z.enum(['lifted', 'monitored'])).min(1),
    /** Duties due soon or overdue go into the pair-helper's digest (false: tracked and counted only). */
    remind: z.boolean().default(true),
    remindDaysBefore: z.number().int().positive(),
    /** A duty past its time (and still in its period) is reminded again this often. */
    overdueRemindEveryDays: z.number().int().positive(),
    duties: z.object(
      Object.fromEntries(PAIR_DUTIES.map((d) => [d, DutyRuleSchema])) as Record<PairDuty, typeof DutyRuleSchema>,
    ),
  })
  .refine((p) => Object.values(p.duties).every((d) => (d.fromMonth ?? 1) <= (d.dueMonth ?? 12)), {
    message: 'fromMonth 不能晚于 dueMonth',
  });
export type PairHelperPolicy = z.infer<typeof PairHelperPolicySchema>;

/** ../shared/DOMAIN.md: a plan at the start of the year, a call a month, a visit a quarter, an evaluation at the end of the year, the rest once a year. */
export const DEFAULT_PAIR_HELPER: PairHelperPolicy = {
  households: ['lifted', 'monitored'],
  remind: true,
  remindDaysBefore: 7,
  overdueRemindEveryDays: 7,
  duties: {
    plan: { period: 'year', dueMonth: 1, remindDaysBefore: 31, countsFrom: [] },
    call: { period: 'month', countsFrom: ['call', 'visit'] },
    visit: { period: 'quarter', remindDaysBefore: 14, countsFrom: ['visit'] },
    evaluation: { period: 'year', fromMonth: 12, remindDaysBefore: 31, countsFrom: [] },
    problem: { period: 'year', remindDaysBefore: 60, countsFrom: [] },
    jobs: { period: 'year', remindDaysBefore: 60, countsFrom: [] },
    tech: { period: 'year', remindDaysBefore: 60, countsFrom: [] },
    purchase: { period: 'year', remindDaysBefore: 60, countsFrom: [] },
  },
};
