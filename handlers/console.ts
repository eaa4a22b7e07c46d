import type Router from '@koa/router';
import { consoleFrame } from '../src/web/console-frame.js';
import { casePageRoutes } from './console-case-page.js';
import { caseActionRoutes } from './console-case-actions.js';
import { caseListRoutes } from './console-cases.js';
import { complianceRoutes } from './console-compliance.js';
import type { ConsoleDeps } from './console-deps.js';
import { failedJobRoutes } from './console-failed-jobs.js';
import { householdRoutes } from './console-households.js';
import { importRoutes } from './console-import.js';
import { importTemplateRoutes } from './console-import-templates.js';
import { consoleLoginRoutes } from './console-login.js';
import { procedureRoutes } from './console-procedure.js';
import { overdueRoutes, screenedRoutes } from './console-overdue.js';
import { villageCodeRoutes } from './console-village-codes.js';
import { registerRoutes } from './console-register.js';
import { dashboardRoutes } from './console-dashboard.js';
import { nationalExportRoutes } from './console-national.js';
import { campaignListRoutes } from './console-campaigns.js';
import { campaignPageRoutes } from './console-campaign-page.js';
import { campaignSheetRoutes } from './console-campaign-sheet.js';

export type { CaseSection, ConsoleDeps } from './console-deps.js';

/** The supervisors' console: working lists, the case page and its actions, compliance, import/export; signed in by token. */
export function consoleRoutes(router: Router, deps: ConsoleDeps): void {
  const frame = consoleFrame(deps.viewers);
  router.get('/console', (ctx) => ctx.redirect('/console/cases'));
  consoleLoginRoutes(router, { viewers: deps.viewers, guard: deps.loginGuard });
  const lists = [caseListRoutes, casePageRoutes, householdRoutes, registerRoutes, overdueRoutes, screenedRoutes];
  const areas = [dashboardRoutes, nationalExportRoutes, complianceRoutes, importRoutes, importTemplateRoutes];
  const campaigns = [campaignListRoutes, campaignSheetRoutes, campaignPageRoutes];
  for (const routes of [...lists, ...areas, ...campaigns]) routes(router, deps, frame);
  if (deps.caseActions) caseActionRoutes(router, { ...deps.caseActions, ...frame });
  if (deps.procedure) procedureRoutes(router, { ...deps.procedure, ...frame });
  if (deps.villageCodes) villageCodeRoutes(router, { ...deps.villageCodes, ...frame });
  const { failedJobs: failed, timeZone, now } = deps;
  if (failed) failedJobRoutes(router, { ...failed, timeZone, now, ...frame });
}
