import { localWeek } from '../local-time.js';
import { type Analysis, analyse, type Month, monthlySeries, monthsEnding } from '../statistics/monthly-analysis.js';
import { type Dashboard, dashboard } from '../statistics/dashboard.js';
import type { DashboardDeps } from './show-dashboard.js';

export interface MonthlyAnalysis {
  month: Month;
  /** The month itself: flow, risk types, townships, warnings, medians. */
  analysis: Analysis;
  /** The twelve months up to it, and the dashboard's other figures as of the month's end (or now). */
  series: ReturnType<typeof monthlySeries>;
  asOf: Dashboard;
}

const WEEK = 7 * 86_400_000;

/** 一月一分析 of one month ("2026-11") for the viewer's scope: what the monthly report carries. */
export async function showMonthlyAnalysis(
  deps: DashboardDeps,
  scope: { townshipId: string | null },
  monthKey: string,
  now: Date,
): Promise<MonthlyAnalysis> {
  const [y, m] = monthKey.split('-').map(Number) as [number, number];
  const probe = new Date(Date.UTC(y, m - 1, 15, 12));
  const months = monthsEnding(probe, 12, deps.timeZone);
  const month = months[months.length - 1]!;
  const asOf = month.end < now ? month.end : now;
  const week = localWeek(new Date(asOf.getTime() - 1), deps.timeZone);
  const facts = await deps.statistics.statisticsFacts(scope, {
    from: months[0]!.start,
    to: month.end,
    weeksFrom: new Date(week.start.getTime() - 11 * WEEK),
  });
  facts.weeks = facts.weeks.filter((w) => w.weekStart.getTime() + WEEK <= asOf.getTime());
  return {
    month,
    analysis: analyse(facts, month.start, month.end),
    series: monthlySeries(facts, months),
    asOf: dashboard(facts, months, asOf, deps.monitoringLine),
  };
}
