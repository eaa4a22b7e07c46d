import { localWeek } from '../local-time.js';
import type { StatisticsReads } from '../ports/statistics.js';
import { type Dashboard, dashboard } from '../statistics/dashboard.js';
import { monthsEnding } from '../statistics/monthly-analysis.js';

export interface DashboardDeps {
  statistics: StatisticsReads;
  timeZone: string;
  /** The monitoring line (yuan per person per year) the 零返贫 check compares incomes with. */
  monitoringLine: number;
}

const WEEK = 7 * 86_400_000;
/** How far back the dashboard looks: twelve months, twelve weeks. */
export const DASHBOARD_MONTHS = 12;
export const DASHBOARD_WEEKS = 12;

/** The supervisor's dashboard for the viewer's scope: the twelve months up to `now`, the last twelve weeks. */
export async function showDashboard(
  deps: DashboardDeps,
  scope: { townshipId: string | null },
  now: Date,
): Promise<Dashboard> {
  const months = monthsEnding(now, DASHBOARD_MONTHS, deps.timeZone);
  const week = localWeek(now, deps.timeZone);
  const facts = await deps.statistics.statisticsFacts(scope, {
    from: months[0]!.start,
    to: months[months.length - 1]!.end,
    weeksFrom: new Date(week.start.getTime() - DASHBOARD_WEEKS * WEEK),
  });
  // Whole weeks only: the week in progress would read as behind while its deadlines are still to come.
  facts.weeks = facts.weeks.filter((w) => w.weekStart.getTime() + WEEK <= now.getTime());
  return dashboard(facts, months, now, deps.monitoringLine);
}
