import { CASE_STATES, type CaseState, isClosed } from '../cases/case-lifecycle.js';
import { RISK_TYPES, type RiskType } from '../policy.js';
import { type LiftedFact, share, type StatisticsFacts, TASK_STEPS, type TaskStep, type Township } from './facts.js';
import { type Analysis, analyse, type Month, monthlySeries } from './monthly-analysis.js';

/** What the supervisor's dashboard shows, as of `now`. */
export interface Dashboard {
  /** Every case in scope by its state now. */
  byState: Array<{ state: CaseState; count: number }>;
  /** Open cases by risk type (a case with two risks counts under both) and by township. */
  openByRiskType: Array<{ riskType: RiskType; count: number }>;
  openByTownship: Array<Township & { count: number }>;
  /** Open tasks past their time limit, by the step they wait for. */
  overdueByStep: Array<{ step: TaskStep; count: number }>;
  /** Visit and call deadlines met, week by week; rate null when nothing was due. */
  compliance: Array<{ weekStart: Date; due: number; done: number; rate: number | null }>;
  months: ReturnType<typeof monthlySeries>;
  /** The months shown, as one period (warnings, medians, risk types, townships). */
  period: Analysis;
  /** 零返贫: lifted households below the monitoring line that nobody is handling (none = the check holds). */
  zeroReturn: { checked: number; belowLine: number; unhandled: LiftedFact[] };
}

/** Counts the dashboard from the facts; `months` oldest first, the period is their span. */
export function dashboard(facts: StatisticsFacts, months: readonly Month[], now: Date, line: number): Dashboard {
  const open = facts.cases.filter((c) => !isClosed(c.state));
  const count = <K>(keys: readonly K[], of: (k: K) => number) => keys.map((k) => ({ k, count: of(k) }));
  const below = facts.lifted.filter((h) => h.income !== null && h.income < line);
  return {
    byState: count(CASE_STATES, (s) => facts.cases.filter((c) => c.state === s).length).map(({ k, count }) => ({
      state: k,
      count,
    })),
    openByRiskType: count(RISK_TYPES, (r) => open.filter((c) => c.riskTypes.includes(r)).length).map(
      ({ k, count }) => ({ riskType: k, count }),
    ),
    openByTownship: facts.townships.map((t) => ({ ...t, count: open.filter((c) => c.townshipId === t.id).length })),
    overdueByStep: count(TASK_STEPS, (s) => facts.openTasks.filter((t) => t.step === s && t.dueAt < now).length).map(
      ({ k, count }) => ({ step: k, count }),
    ),
    compliance: [...facts.weeks]
      .sort((a, b) => a.weekStart.getTime() - b.weekStart.getTime())
      .map((w) => ({ ...w, rate: share(w.done, w.due) })),
    months: monthlySeries(facts, months),
    period: analyse(facts, months[0]!.start, months[months.length - 1]!.end),
    zeroReturn: {
      checked: facts.lifted.length,
      belowLine: below.length,
      unhandled: below.filter((h) => !h.handled),
    },
  };
}

/** "83%", or "—" when nothing was due. */
export const percentText = (rate: number | null): string => (rate === null ? '—' : `${Math.floor(rate * 100)}%`);

/** Hours as people read them: "5.5 小时" under two days, "3.2 天" beyond; "—" with nothing to measure. */
export function durationText(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${Math.round(hours * 10) / 10} 小时` : `${Math.round((hours / 24) * 10) / 10} 天`;
}
