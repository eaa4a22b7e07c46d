import { MonthQuerySchema, recentMonthKeys } from '../src/domain/statistics/month-query.js';
import { showDashboard } from '../src/domain/use-cases/show-dashboard.js';
import { showMonthlyAnalysis } from '../src/domain/use-cases/show-monthly-analysis.js';
import { monthlyAnalysisWorkbook } from '../src/files/monthly-analysis-xlsx.js';
import { ECHARTS_PATH } from '../src/web/dashboard-charts.js';
import { dashboardPage } from '../src/web/dashboard-page.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 统计分析: the dashboard, its monthly report as a workbook, and the chart library it draws with. */
export const dashboardRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query, download }) => {
  const stats = deps.statistics;
  if (!stats) return;
  const use = { statistics: stats.reads, timeZone: deps.timeZone, monitoringLine: stats.monitoringLine };
  router.get(
    '/console/dashboard',
    signedIn(async (ctx, viewer) => {
      const d = await showDashboard(use, viewer, deps.now());
      const months = recentMonthKeys(deps.now(), 12, deps.timeZone);
      show(ctx, viewer, '统计分析', dashboardPage(d, { timeZone: deps.timeZone, months }));
    }),
  );
  router.get(
    '/console/dashboard.xlsx',
    signedIn(async (ctx, viewer) => {
      const month = query(ctx, MonthQuerySchema).month ?? recentMonthKeys(deps.now(), 1, deps.timeZone)[0]!;
      const a = await showMonthlyAnalysis(use, viewer, month, deps.now());
      const place = viewer.townshipId === null ? '全县' : (a.analysis.byTownship[0]?.name ?? viewer.townshipId);
      download(ctx, `一月一分析-${place}-${month}.xlsx`, await monthlyAnalysisWorkbook(a, place, deps.timeZone));
    }),
  );
  router.get(
    ECHARTS_PATH,
    signedIn(async (ctx) => {
      ctx.type = 'application/javascript';
      ctx.set('cache-control', 'private, max-age=86400');
      ctx.body = await stats.chartLibrary();
    }),
  );
};
