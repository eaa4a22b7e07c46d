import { z } from 'zod';

/**
 * The screening rhythm (村一周一排查, 乡半月一核实, 县一月一分析). A round opens at its period's start
 * (Monday 00:00; the 1st or the 16th) and is due `answerDays` later, at most at the period's end.
 */
export const RoundPolicySchema = z.object({
  /** 村一周一排查: each week each village's 包村干部 gets a checklist card. */
  village: z.object({
    enabled: z.boolean(),
    answerDays: z.number().int().min(1).max(7),
  }),
  /** 乡半月一核实: each half month the township's 包片领导 re-check a sample of each village's records. */
  township: z.object({
    enabled: z.boolean(),
    answerDays: z.number().int().min(1).max(16),
    /** Share of a village's 脱贫户 and 监测户 re-checked, then held within [sampleMin, sampleMax]. */
    sampleShare: z.number().min(0).max(1),
    sampleMin: z.number().int().nonnegative(),
    sampleMax: z.number().int().positive(),
  }),
  /** 县一月一分析: on the month's first day the county office gets last month's figures and the XLSX. */
  county: z.object({ enabled: z.boolean() }),
});
export type RoundPolicy = z.infer<typeof RoundPolicySchema>;

export const DEFAULT_ROUND_POLICY: RoundPolicy = {
  village: { enabled: true, answerDays: 7 },
  township: { enabled: true, answerDays: 15, sampleShare: 0.1, sampleMin: 2, sampleMax: 10 },
  county: { enabled: true },
};
