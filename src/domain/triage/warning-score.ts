import type { Policy } from '../policy.js';
import type { Labour } from '../types.js';

/** One report about the household, as triage stored it (a villager's message or a department row). */
export interface ScoredReport {
  at: Date;
  channel: string;
  /** The department's name, or the villager who reported. */
  source: string;
  verdict: 'alert' | 'below_threshold' | 'observe' | null;
}

export interface ScoredMember {
  /** Whole years at the time of scoring; null when the birth date is unknown. */
  age: number | null;
  /** Null when not registered yet: then capacity says nothing about labour. */
  labour: Labour | null;
  disability: string;
  schooling: string;
}

/** Everything the early-warning score reads about one household. */
export interface HouseholdSignals {
  members: ScoredMember[];
  reports: ScoredReport[];
  /** Per-capita income readings over time (visits, 入户核实, department rows), any order. */
  incomes: Array<{ at: Date; yuan: number }>;
  /** The income on file (import), used when there is no dated reading. */
  incomeOnFile: number | null;
}

export type WarningPart = 'reports' | 'departments' | 'income_trend' | 'lines' | 'capacity';

export interface WarningReason {
  part: WarningPart;
  points: number;
  /** One Chinese sentence naming the figures. */
  text: string;
}

export interface WarningScore {
  /** 0–100: the sum of the reasons' points, capped. */
  score: number;
  level: 'high' | 'medium' | 'low';
  reasons: WarningReason[];
  /** Points from signals over time (reports, departments, income trend), not from what the household is. */
  accumulated: number;
}

const DAY = 86_400_000;
/** From this score a household is 高 (high): its items come before others in work lists and digests. */
export const WARNING_HIGH = 60;
/** Points per part. Weights are ours, kept in one place; the county sets only the urgency rule (policy.warning). */
const W = {
  perRepeat: 8,
  repeatsMax: 24,
  twoDepartments: 12,
  threeDepartments: 20,
  incomeDropMax: 20,
  belowMonitoring: 25,
  betweenLines: 15,
  nearObservation: 8,
  noFullLabour: 10,
  perDisabled: 5,
  disabledMax: 10,
  elderlyAlone: 10,
  perPupil: 3,
  perStudent: 6,
  schoolingMax: 12,
} as const;
const ELDERLY_AGE = 60; // 老年人权益保障法: 60 周岁以上
const BEYOND_COMPULSORY = /高中|中职|职高|技校|中专|大专|大学|本科|研究生/;
const yuan = (n: number) => `${Math.round(n).toLocaleString('en-US')}元`;

/**
 * The household's early-warning score: signals over time (repeated reports within 90 days, several
 * departments within 30, a falling income) and where it stands (distance to the lines, its capacity
 * to absorb a blow), each part with its points and a reason a cadre can check. Pure: `now` is passed in.
 */
export function warningScore(s: HouseholdSignals, policy: Policy, now: Date): WarningScore {
  const reasons = [
    repeatedReports(s.reports, now),
    departments(s.reports, now),
    incomeTrend(s.incomes, now),
    lines(s, policy, now),
    ...capacity(s.members),
  ].filter((r): r is WarningReason => r !== null && r.points > 0);
  const score = Math.min(
    100,
    reasons.reduce((n, r) => n + r.points, 0),
  );
  const accumulated = reasons
    .filter((r) => r.part === 'reports' || r.part === 'departments' || r.part === 'income_trend')
    .reduce((n, r) => n + r.points, 0);
  return { score, level: score >= WARNING_HIGH ? 'high' : score >= 30 ? 'medium' : 'low', reasons, accumulated };
}

/**
 * 信号累积: a case is raised to the 绿色通道 when its household scores at least `raiseAt` and at least
 * `accumulatedAt` of the points come from signals over time, so what a household is (old, disabled,
 * poor) never raises a case alone: something must be happening to it.
 */
export function raisesUrgency(w: WarningScore, policy: Policy): boolean {
  return w.score >= policy.warning.raiseAt && w.accumulated >= policy.warning.accumulatedAt;
}

// workOrder's parts at module level: a sort calls it ~300,000 times a busy sweep, and closures made per call cost.
const isHigh = (x: { score?: number }) => (x.score ?? 0) >= WARNING_HIGH;
const dueTime = (x: { dueAt: Date | null }) => x.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;

/**
 * The order of a cadre's work (我的任务, digests): 绿色通道 first, then households scoring 高, then the
 * soonest deadline, then the higher score. cadre-store's myTasks says the same in SQL.
 */
export function workOrder(
  a: { green: boolean; score?: number; dueAt: Date | null },
  b: { green: boolean; score?: number; dueAt: Date | null },
): number {
  return (
    Number(b.green) - Number(a.green) ||
    Number(isHigh(b)) - Number(isHigh(a)) ||
    dueTime(a) - dueTime(b) ||
    (b.score ?? 0) - (a.score ?? 0)
  );
}

function within(days: number, now: Date) {
  return (r: { at: Date }) => r.at.getTime() <= now.getTime() && now.getTime() - r.at.getTime() <= days * DAY;
}

function repeatedReports(reports: ScoredReport[], now: Date): WarningReason | null {
  const recent = reports.filter(within(90, now));
  if (recent.length < 2) return null;
  const villager = recent.filter((r) => r.channel !== 'department').length;
  const below = recent.filter((r) => r.verdict === 'below_threshold').length;
  const parts = [
    villager ? `农户和热线等${villager}次` : '',
    recent.length - villager ? `部门${recent.length - villager}次` : '',
  ].filter(Boolean);
  return {
    part: 'reports',
    points: Math.min(W.repeatsMax, (recent.length - 1) * W.perRepeat),
    text: `近90天有${recent.length}次报告（${parts.join('、')}${below ? `，其中${below}次未达预警标准` : ''}）。`,
  };
}

function departments(reports: ScoredReport[], now: Date): WarningReason | null {
  const names = [
    ...new Set(
      reports
        .filter((r) => r.channel === 'department')
        .filter(within(30, now))
        .map((r) => r.source),
    ),
  ];
  if (names.length < 2) return null;
  return {
    part: 'departments',
    points: names.length >= 3 ? W.threeDepartments : W.twoDepartments,
    text: `30天内${names.length}个部门推送了该户的数据（${names.sort().join('、')}）。`,
  };
}

/** The fall from the highest reading of the last two years to the latest one. */
function incomeTrend(incomes: HouseholdSignals['incomes'], now: Date): WarningReason | null {
  const seen = incomes.filter(within(730, now)).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (seen.length < 2) return null;
  const latest = seen[seen.length - 1]!;
  const peak = seen.slice(0, -1).reduce((a, b) => (b.yuan > a.yuan ? b : a));
  const drop = peak.yuan > 0 ? (peak.yuan - latest.yuan) / peak.yuan : 0;
  if (drop < 0.1) return null;
  return {
    part: 'income_trend',
    points: Math.min(W.incomeDropMax, Math.round(drop * 50)),
    text: `人均纯收入由${yuan(peak.yuan)}降至${yuan(latest.yuan)}（下降${Math.round(drop * 100)}%）。`,
  };
}

function lines(s: HouseholdSignals, policy: Policy, now: Date): WarningReason | null {
  const dated = s.incomes.filter(within(730, now)).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const income = dated?.yuan ?? s.incomeOnFile;
  if (income == null) return null;
  const { monitoring, observation } = policy.lines;
  if (income < monitoring)
    return {
      part: 'lines',
      points: W.belowMonitoring,
      text: `人均纯收入${yuan(income)}，低于监测线${yuan(monitoring)}。`,
    };
  if (income < observation)
    return {
      part: 'lines',
      points: W.betweenLines,
      text: `人均纯收入${yuan(income)}，在监测线与观察线${yuan(observation)}之间。`,
    };
  if (income < observation * 1.1)
    return {
      part: 'lines',
      points: W.nearObservation,
      text: `人均纯收入${yuan(income)}，高出观察线${yuan(observation)}不到一成。`,
    };
  return null;
}

function capacity(members: ScoredMember[]): WarningReason[] {
  if (!members.length) return [];
  const out: WarningReason[] = [];
  const add = (points: number, text: string) => out.push({ part: 'capacity', points, text });
  const elderly = members.filter((m) => m.age !== null && m.age >= ELDERLY_AGE);
  if (elderly.length === members.length)
    add(
      W.elderlyAlone,
      members.length === 1 ? `老人独居（${elderly[0]!.age}岁）。` : `家中只有${members.length}位老人（均满60岁）。`,
    );
  if (members.every((m) => m.labour !== null) && !members.some((m) => m.labour === 'full'))
    add(
      W.noFullLabour,
      members.some((m) => m.labour === 'partial') ? '家中没有全劳动力，只有弱劳动力。' : '家中没有劳动力。',
    );
  const disabled = members.filter((m) => m.disability.trim());
  if (disabled.length)
    add(
      Math.min(W.disabledMax, disabled.length * W.perDisabled),
      `${disabled.length}人有残疾（${disabled.map((m) => m.disability).join('、')}）。`,
    );
  const pupils = members.filter((m) => m.schooling.trim());
  if (pupils.length) {
    const beyond = pupils.filter((m) => BEYOND_COMPULSORY.test(m.schooling)).length;
    add(
      Math.min(W.schoolingMax, beyond * W.perStudent + (pupils.length - beyond) * W.perPupil),
      `${pupils.length}个孩子在上学${beyond ? `（${beyond}个在义务教育以外，费用较高）` : ''}。`,
    );
  }
  return out;
}
