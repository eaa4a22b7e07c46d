import { CaseNumber } from '../src/domain/console/console-queries.js';
import { showConsoleCase } from '../src/domain/use-cases/show-console-case.js';
import { AppError } from '../src/http/app-error.js';
import { caseDetailPage } from '../src/web/case-detail-page.js';
import type { ConsoleRoutes } from './console-deps.js';

/** The case page: the case, its household, what other features add (sections), 办理经过 and the actions. */
export const casePageRoutes: ConsoleRoutes = (router, deps, { signedIn, show, param }) => {
  router.get(
    '/console/cases/:number',
    signedIn(async (ctx, viewer) => {
      const number = param(CaseNumber, ctx.params.number);
      const view = await showConsoleCase(deps, viewer, number);
      if (!view) throw new AppError(404, 'not_found', `没有编号为 ${number} 的案件，或不在您的管辖范围内。`);
      const sections = await Promise.all((deps.caseSections ?? []).map((s) => s(viewer, view)));
      const county = viewer.townshipId === null;
      show(
        ctx,
        viewer,
        number,
        caseDetailPage(view, { fullIds: county, timeZone: deps.timeZone, now: deps.now(), sections }),
      );
    }),
  );
};
