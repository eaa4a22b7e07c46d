import { localMidnight, localParts } from '../local-time.js';
import { RISK_TYPES, type RiskType } from '../policy.js';
import type { CaseFact, HouseholdsPersons, SignalFact, StatisticsFacts } from './facts.js';

/** A local calendar month [start, end), keyed "2026-11". */
export interface Month {
  key: string;
  start: Date;
  end: Date;
}

/** The `count` months ending with the one that contains `at`, oldest first, in the county's time zone. */
export function monthsEnding(at: Date, count: number, timeZone: string): Month[] {
  const p = localParts(at, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const back = count - 1 - i;
    const y = p.year + Math.floor((p.month - 1 - back) / 12);
    const m = ((((p.month - 1 - back) % 12) + 12) % 12) + 1;
    return {
      key: `${y}-${String(m).padStart(2, '0')}`,
      start: localMidnight(y, m, 1, timeZone),
      end: localMidnight(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1, timeZone),
    };
  });
}

/** A monitored household as counted: first 纳入, and 风险消除 once every included case of it is removed. */
export interface MonitoredHousehold {
  householdId: string;
  persons: number;
  townshipId: string | null;
  riskTypes: RiskType[];
  includedAt: Date;
  removedAt: Date | null;
}

/**
 * Households from their cases: only a 纳入 on record counts (a revoked one, 撤销纳入, does not). The
 * household is 风险已消除 when every included case of it is, on the latest of their removal dates.
 */
export function monitoredHouseholds(cases: readonly CaseFact[]): MonitoredHousehold[] {
  const byId = new Map<string, { h: MonitoredHousehold; open: boolean }>();
  for (const c of cases) {
    if (!c.householdId || !c.includedAt || c.state === 'not_included') continue;
    const e = byId.get(c.householdId) ?? {
      h: {
        householdId: c.householdId,
        persons: c.persons,
        townshipId: c.townshipId,
        riskTypes: [],
        includedAt: c.includedAt,
        removedAt: null,
      },
      open: false,
    };
    if (c.includedAt < e.h.includedAt) e.h.includedAt = c.includedAt;
    for (const r of c.riskTypes) if (!e.h.riskTypes.includes(r)) e.h.riskTypes.push(r);
    if (c.removedAt === null) e.open = true;
    else if (!e.h.removedAt || c.removedAt > e.h.removedAt) e.h.removedAt = c.removedAt;
    byId.set(c.householdId, e);
  }
  return [...byId.values()].map(({ h, open }) => ({ ...h, removedAt: open ? null : h.removedAt }));
}

const tally = (hs: readonly MonitoredHousehold[]): HouseholdsPersons => ({
  households: hs.length,
  persons: hs.reduce((n, h) => n + h.persons, 0),
});
const within = (d: Date | null, from: Date, to: Date) => d !== null && d >= from && d < to;

/** 新识别, 风险消除 in a period, and 风险未消除 at its end. */
export interface Flow {
  newIdentified: HouseholdsPersons;
  removed: HouseholdsPersons;
  notRemoved: HouseholdsPersons;
}

export function flow(hs: readonly MonitoredHousehold[], from: Date, to: Date): Flow {
  return {
    newIdentified: tally(hs.filter((h) => within(h.includedAt, from, to))),
    removed: tally(hs.filter((h) => within(h.removedAt, from, to))),
    notRemoved: tally(hs.filter((h) => h.includedAt < to && (h.removedAt === null || h.removedAt >= to))),
  };
}

/** What came of a warning: 纳入, 不纳入, 未达标准 (no case), or still being handled. */
export const OUTCOMES = ['included', 'excluded', 'below', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABEL: Record<Outcome, string> = {
  included: '纳入',
  excluded: '不纳入',
  below: '未达标准',
  open: '办理中',
};

export type OutcomeCounts = Record<Outcome, number> & { total: number };
const noOutcomes = (): OutcomeCounts => ({ included: 0, excluded: 0, below: 0, open: 0, total: 0 });

export function outcomeOf(s: SignalFact, cases: ReadonlyMap<number, CaseFact>): Outcome {
  if (s.verdict === 'below_threshold') return 'below';
  const c = s.caseId === null ? undefined : cases.get(s.caseId);
  if (!c) return 'open';
  if (c.includedAt) return 'included';
  return c.state === 'not_included' ? 'excluded' : 'open';
}

/** Half-way value of the sorted list; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const HOUR = 3_600_000;

/** 一月一分析 for one period: the flow, by risk type and township, the warnings and the time to each step. */
export interface Analysis {
  flow: Flow;
  byRiskType: Array<{ riskType: RiskType } & Flow>;
  byTownship: Array<{ townshipId: string; name: string } & Flow>;
  byChannel: Array<{ channel: string } & OutcomeCounts>;
  byDepartment: Array<{ department: string } & OutcomeCounts>;
  /** Median hours from the first clue, over cases whose first clue fell in the period. */
  medianHours: { acknowledged: number | null; verified: number | null; included: number | null };
  medianOf: { acknowledged: number; verified: number; included: number };
}

export function analyse(facts: StatisticsFacts, from: Date, to: Date): Analysis {
  const hs = monitoredHouseholds(facts.cases);
  const cases = new Map(facts.cases.map((c) => [c.caseId, c]));
  const channels = new Map<string, OutcomeCounts>();
  const departments = new Map<string, OutcomeCounts>();
  for (const s of facts.signals) {
    if (!within(s.at, from, to)) continue;
    const o = outcomeOf(s, cases);
    for (const [map, key] of [
      [channels, s.channel],
      [departments, s.channel === 'department' ? (s.department ?? '（未署名）') : null],
    ] as const) {
      if (key === null) continue;
      const counts = map.get(key) ?? noOutcomes();
      counts[o]++;
      counts.total++;
      map.set(key, counts);
    }
  }
  const started = facts.cases.filter((c) => within(c.firstClueAt, from, to));
  const hoursTo = (pick: (c: CaseFact) => Date | null) =>
    started.flatMap((c) => {
      const d = pick(c);
      return d && d >= c.firstClueAt ? [(d.getTime() - c.firstClueAt.getTime()) / HOUR] : [];
    });
  const ack = hoursTo((c) => c.acknowledgedAt);
  const ver = hoursTo((c) => c.verifiedAt);
  const inc = hoursTo((c) => c.includedAt);
  return {
    flow: flow(hs, from, to),
    byRiskType: RISK_TYPES.map((riskType) => ({
      riskType,
      ...flow(
        hs.filter((h) => h.riskTypes.includes(riskType)),
        from,
        to,
      ),
    })),
    byTownship: facts.townships.map((t) => ({
      townshipId: t.id,
      name: t.name,
      ...flow(
        hs.filter((h) => h.townshipId === t.id),
        from,
        to,
      ),
    })),
    byChannel: [...channels].map(([channel, c]) => ({ channel, ...c })).sort((a, b) => b.total - a.total),
    byDepartment: [...departments]
      .map(([department, c]) => ({ department, ...c }))
      .sort((a, b) => b.total - a.total || a.department.localeCompare(b.department, 'zh-CN')),
    medianHours: { acknowledged: median(ack), verified: median(ver), included: median(inc) },
    medianOf: { acknowledged: ack.length, verified: ver.length, included: inc.length },
  };
}

/** The flow month by month (新识别 and 消除 in the month, 未消除 at its end). */
export function monthlySeries(facts: StatisticsFacts, months: readonly Month[]): Array<{ month: string } & Flow> {
  const hs = monitoredHouseholds(facts.cases);
  return months.map((m) => ({ month: m.key, ...flow(hs, m.start, m.end) }));
}
