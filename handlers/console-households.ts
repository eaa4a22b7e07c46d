import { HouseholdQuerySchema } from '../src/domain/console/console-queries.js';
import { listConsoleHouseholds } from '../src/domain/use-cases/list-console-households.js';
import { householdListPage } from '../src/web/household-list-page.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 农户: the households in the viewer's charge as a working list. */
export const householdRoutes: ConsoleRoutes = (router, deps, { signedIn, show, query }) => {
  router.get(
    '/console/households',
    signedIn(async (ctx, viewer) => {
      const q = query(ctx, HouseholdQuerySchema);
      const found = await listConsoleHouseholds(deps, viewer, q);
      const county = viewer.townshipId === null;
      show(ctx, viewer, '农户', householdListPage(found, q, { county, now: deps.now(), timeZone: deps.timeZone }));
    }),
  );
};
