import { localDateString } from '../local-time.js';

/**
 * The household's income history: every per-capita income figure a cadre found (入户核实, 走访, 电话) or a
 * department sent, each with its date, so "收入稳定半年" can be checked rather than read off one value.
 */
export const INCOME_SOURCES = ['verify', 'visit', 'call', 'department', 'import', 'cadre'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABEL: Record<IncomeSource, string> = {
  verify: '入户核实',
  visit: '走访',
  call: '电话',
  department: '部门数据',
  import: '导入',
  // Rows kept before the sources were told apart (all recorded by a cadre).
  cadre: '干部记录',
};

export interface IncomeRecord {
  householdId: string;
  /** Per person per year (the 12 months before the figure), yuan. */
  yuan: number;
  source: IncomeSource;
  /** When the figure was found (the visit, the call, the department row). */
  at: Date;
  /** The cadre userid, or the department's name; null for rows kept before this was recorded. */
  by: string | null;
  caseId: number | null;
  note: string;
}

export type NewIncomeRecord = Pick<IncomeRecord, 'householdId' | 'yuan' | 'source' | 'at'> &
  Partial<Pick<IncomeRecord, 'by' | 'caseId' | 'note'>>;

export interface IncomeStability {
  stable: boolean;
  /** When the current run of figures above the line began (null: the latest is not above it, or none). */
  aboveSince: Date | null;
  latest: IncomeRecord | null;
  /** Why not (empty when stable), in words for the cadre. */
  reason: string;
}

export interface StabilityRule {
  /** Per-capita monitoring line, yuan. */
  line: number;
  /** How long the figures must have stayed above the line (policy: in principle half a year). */
  months: number;
  now: Date;
  timeZone: string;
}

/**
 * 收入稳定高于监测线: the latest figure is above the line, and so is every figure back to one at least
 * `months` old (the run began that long ago). One figure alone is not a run: it needs a second, later one.
 */
export function incomeStability(history: readonly IncomeRecord[], rule: StabilityRule): IncomeStability {
  const { line, months, now, timeZone } = rule;
  const day = (d: Date) => localDateString(d, timeZone);
  const past = history.filter((r) => r.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = past.at(-1) ?? null;
  if (!latest)
    return { stable: false, aboveSince: null, latest, reason: '没有收入记录，请在核实、走访或电话中写明人均纯收入' };
  if (latest.yuan <= line)
    return {
      stable: false,
      aboveSince: null,
      latest,
      reason: `最近一次人均纯收入 ${latest.yuan} 元未高于监测线 ${line} 元`,
    };
  let start = past.length - 1;
  while (start > 0 && past[start - 1]!.yuan > line) start--;
  const aboveSince = past[start]!.at;
  const due = addMonths(aboveSince, months);
  if (now < due)
    return {
      stable: false,
      aboveSince,
      latest,
      reason: `人均纯收入高于监测线还不满 ${months} 个月（自 ${day(aboveSince)} 起的记录）`,
    };
  if (past.length - start < 2)
    return {
      stable: false,
      aboveSince,
      latest,
      reason: `只有 ${day(aboveSince)} 一次高于监测线的收入记录，请再核实一次收入`,
    };
  return { stable: true, aboveSince, latest, reason: '' };
}

/** The same day of the month, `n` months on (the 31st becomes the month's last day). */
export function addMonths(d: Date, n: number): Date {
  const out = new Date(d);
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + n);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(d.getUTCDate(), last));
  return out;
}
