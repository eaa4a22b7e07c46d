import { CaseQuerySchema } from '../src/domain/console/console-queries.js';
import { listConsoleCases } from '../src/domain/use-cases/list-console-cases.js';
import { casesWorkbook } from '../src/files/cases-xlsx.js';
import { caseListPage } from '../src/web/case-list-page.js';
import { dateOnly } from '../src/web/dates.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 案件: the working list, and the same filter as an Excel workbook (every matching case, not one page). */
export const caseListRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query, download }) => {
  router.get(
    '/console/cases',
    signedIn(async (ctx, viewer) => {
      const q = query(ctx, CaseQuerySchema);
      const now = deps.now();
      const found = await listConsoleCases(deps, viewer, q, now);
      show(
        ctx,
        viewer,
        '案件',
        caseListPage(found, q, { county: viewer.townshipId === null, now, timeZone: deps.timeZone }),
      );
    }),
  );
  router.get(
    '/console/cases.xlsx',
    signedIn(async (ctx, viewer) => {
      const now = deps.now();
      const q = { ...query(ctx, CaseQuerySchema), page: 1, pageSize: 100_000 };
      const found = await listConsoleCases(deps, viewer, q, now);
      download(ctx, `案件-${dateOnly(now, deps.timeZone)}.xlsx`, await casesWorkbook(found, deps.timeZone));
    }),
  );
};
