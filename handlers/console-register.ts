import { HouseholdIdSchema, RegisterQuerySchema } from '../src/domain/register/register-query.js';
import { showRegister } from '../src/domain/use-cases/show-register.js';
import { showRegisterHousehold } from '../src/domain/use-cases/show-register-household.js';
import { AppError } from '../src/http/app-error.js';
import { registerHouseholdPage } from '../src/web/register-household-page.js';
import { registerPage } from '../src/web/register-pages.js';
import type { ConsoleRoutes } from './console-deps.js';
import { noticeRoutes } from './console-notice.js';

/** 监测对象: the register of monitored households with its 户/人 counts, and each household's page. */
export const registerRoutes: ConsoleRoutes = (router, deps, frame) => {
  const { signedIn, show, query, param } = frame;
  const reg = deps.register;
  if (!reg) return;
  noticeRoutes(router, deps, frame); // before /:householdId, which would take "notice" for a household
  const use = { register: reg.reads, timeZone: deps.timeZone, pairHelper: reg.pairHelper };
  router.get(
    '/console/register',
    signedIn(async (ctx, viewer) => {
      const f = query(ctx, RegisterQuerySchema);
      const v = await showRegister(use, viewer, f, deps.now());
      const county = viewer.townshipId === null;
      show(ctx, viewer, '监测对象', registerPage(v, f, { county, timeZone: deps.timeZone, query: ctx.querystring }));
    }),
  );
  router.get(
    '/console/register/:householdId',
    signedIn(async (ctx, viewer) => {
      const id = param(HouseholdIdSchema, ctx.params.householdId);
      const h = await showRegisterHousehold(use, viewer, id, deps.now());
      if (!h) throw new AppError(404, 'not_found', `您负责的范围里没有户号为 ${id} 的监测对象。`);
      const page = registerHouseholdPage(h, {
        timeZone: deps.timeZone,
        line: reg.monitoringLine,
        query: ctx.querystring,
      });
      show(ctx, viewer, `${h.row.headName}户`, page);
    }),
  );
};
