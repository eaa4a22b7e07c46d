import { ComplianceQuerySchema } from '../src/domain/console/console-queries.js';
import { showConsoleCompliance } from '../src/domain/use-cases/show-console-compliance.js';
import { bulletinWorkbook } from '../src/files/bulletin-xlsx.js';
import { AppError } from '../src/http/app-error.js';
import { compliancePage } from '../src/web/compliance-page.js';
import type { ConsoleRoutes } from './console-deps.js';

const NO_TOWNSHIP = () => new AppError(404, 'not_found', '库中还没有乡镇，请先导入农户。');

/** 走访合规: a township's week and its 8-week trend, and the week's bulletin as a workbook. */
export const complianceRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query, download }) => {
  router.get(
    '/console/compliance',
    signedIn(async (ctx, viewer) => {
      const view = await showConsoleCompliance(deps, viewer, query(ctx, ComplianceQuerySchema), deps.now(), 7);
      if (!view) throw NO_TOWNSHIP();
      show(ctx, viewer, '走访合规', compliancePage(view, { timeZone: deps.timeZone }));
    }),
  );
  router.get(
    '/console/compliance.xlsx',
    signedIn(async (ctx, viewer) => {
      const view = await showConsoleCompliance(deps, viewer, query(ctx, ComplianceQuerySchema), deps.now());
      if (!view) throw NO_TOWNSHIP();
      const { bulletin: b, week } = view;
      const body = await bulletinWorkbook(b, deps.timeZone, deps.bulletins.policy.bulletin);
      download(ctx, `走访通报-${b.township.name}-${week}.xlsx`, body);
    }),
  );
};
