import { CaseQuerySchema, ScreenedQuerySchema } from '../src/domain/console/console-queries.js';
import { listConsoleOverdue } from '../src/domain/use-cases/list-console-overdue.js';
import { listConsoleScreened } from '../src/domain/use-cases/list-console-screened.js';
import { overduePage } from '../src/web/overdue-page.js';
import { belowThresholdPage } from '../src/web/screening-pages.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 逾期清单: overdue tasks and visits in the viewer's scope. */
export const overdueRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query }) => {
  router.get(
    '/console/overdue',
    signedIn(async (ctx, viewer) => {
      const f = query(ctx, CaseQuerySchema);
      const now = deps.now();
      const view = await listConsoleOverdue(deps, viewer, f, now);
      show(
        ctx,
        viewer,
        '逾期清单',
        overduePage(view, f, { county: viewer.townshipId === null, now, timeZone: deps.timeZone }),
      );
    }),
  );
};

/** 未达预警标准: department rows kept and counted but given no task. */
export const screenedRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query }) => {
  router.get(
    '/console/screened',
    signedIn(async (ctx, viewer) => {
      const f = query(ctx, ScreenedQuerySchema);
      const view = await listConsoleScreened(deps, viewer, f);
      const page = belowThresholdPage(view, f, { county: viewer.townshipId === null, timeZone: deps.timeZone });
      show(ctx, viewer, '未达预警标准', page);
    }),
  );
};
