import type { ScreeningRoundStore } from '../ports/rounds.js';
import { monthlyDigestMarkdown } from '../rounds/monthly-digest.js';
import { previousMonthKey } from '../rounds/round-periods.js';
import type { DashboardDeps } from './show-dashboard.js';
import { showMonthlyAnalysis } from './show-monthly-analysis.js';

export interface MonthlyAnalysisDeps {
  statistics: DashboardDeps;
  store: Pick<ScreeningRoundStore, 'monthlyDigestStored' | 'saveMonthlyDigest' | 'countyName'>;
  enabled: boolean;
}

/**
 * 一月一分析: at the first run of a month, the county's figures for the month before, stored once as the
 * digest (sending, with the workbook, is the caller's). Null when there was nothing to store.
 */
export async function publishMonthlyAnalysis(deps: MonthlyAnalysisDeps, at: Date): Promise<string | null> {
  if (!deps.enabled) return null;
  const month = previousMonthKey(at, deps.statistics.timeZone);
  if (await deps.store.monthlyDigestStored(month)) return null;
  const a = await showMonthlyAnalysis(deps.statistics, { townshipId: null }, month, at);
  const place = (await deps.store.countyName()) || '全县';
  return (await deps.store.saveMonthlyDigest(month, monthlyDigestMarkdown(a, place), at)) ? month : null;
}
