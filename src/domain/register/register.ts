import { localParts } from '../local-time.js';
import type { RiskType } from '../policy.js';
import type { MonitoringKind } from '../types.js';

/** 风险未消除 / 风险已消除: where a monitored household stands. */
export const REGISTER_STATES = ['open', 'removed'] as const;
export type RegisterState = (typeof REGISTER_STATES)[number];
export const REGISTER_STATE_LABEL: Record<RegisterState, string> = { open: '风险未消除', removed: '风险已消除' };

/** One household of the monitored-object register (监测对象), as the list shows and counts it. */
export interface RegisterRow {
  householdId: string;
  headName: string;
  townshipId: string;
  townshipName: string;
  villageId: string;
  villageName: string;
  category: MonitoringKind | null;
  /** 识别纳入 (county confirmation); null when no record of it exists (e.g. imported as monitored). */
  includedAt: Date | null;
  riskTypes: RiskType[];
  /** Members on the register (人). */
  persons: number;
  state: RegisterState;
  /** 风险消除 date; null while the risk is open. */
  removedAt: Date | null;
  measures: number;
  latestIncome: number | null;
  /** An open identification or exit procedure: 拟纳入 / 拟消除 and its step key (e.g. 拟消除·notice). */
  procedure: string | null;
}

export interface RegisterFilter {
  township?: string;
  village?: string;
  category?: MonitoringKind;
  state?: RegisterState;
}

/** 户 and 人 of one count. */
export interface HouseholdsPersons {
  households: number;
  persons: number;
}

/** The figures counties report, all countable from the rows. */
export interface RegisterCounts {
  total: HouseholdsPersons;
  newThisMonth: HouseholdsPersons;
  newThisYear: HouseholdsPersons;
  removed: HouseholdsPersons;
  removedThisYear: HouseholdsPersons;
  notRemoved: HouseholdsPersons;
  /** Monitored with no 纳入 date on record: outside the 新识别 counts, listed so it can be put right. */
  noIncludedDate: HouseholdsPersons;
}

/**
 * The register's 户/人 counts as of `now`, months and years read in the county's time zone: 新识别 this
 * month and year by 纳入 date, 风险已消除 (all, and this year), 风险未消除.
 */
export function registerCounts(rows: readonly RegisterRow[], now: Date, timeZone: string): RegisterCounts {
  const today = localParts(now, timeZone);
  const inYear = (d: Date | null) => d !== null && d <= now && localParts(d, timeZone).year === today.year;
  const inMonth = (d: Date | null) => inYear(d) && localParts(d!, timeZone).month === today.month;
  const count = (keep: (r: RegisterRow) => boolean): HouseholdsPersons => {
    const hit = rows.filter(keep);
    return { households: hit.length, persons: hit.reduce((n, r) => n + r.persons, 0) };
  };
  return {
    total: count(() => true),
    newThisMonth: count((r) => inMonth(r.includedAt)),
    newThisYear: count((r) => inYear(r.includedAt)),
    removed: count((r) => r.state === 'removed'),
    removedThisYear: count((r) => r.state === 'removed' && inYear(r.removedAt)),
    notRemoved: count((r) => r.state === 'open'),
    noIncludedDate: count((r) => r.includedAt === null),
  };
}

/** One entry of a household's step history: a case step, a procedure step, a measure change. */
export interface RegisterStep {
  at: Date;
  actor: string;
  /** What was done: the audit action as stored; stepWords() says it in words. */
  what: string;
  caseNumber: string | null;
  note: string;
  fromState: string | null;
  toState: string | null;
}

/** 拟消除·notice → 拟消除（村级公示）. */
export function procedureLabel(p: string | null, steps: Record<string, string>): string {
  if (!p) return '';
  const [kind, step] = p.split('·');
  return step ? `${kind}（${steps[step] ?? step}）` : kind!;
}
