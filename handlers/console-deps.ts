import type { RegisterConsole } from '../src/domain/ports/register.js';
import type { ConsoleReads, LoginGuard, RollImports } from '../src/domain/ports/console.js';
import type { BulletinDeps } from '../src/domain/use-cases/publish-bulletins.js';
import type { ConsoleCaseView } from '../src/domain/use-cases/show-console-case.js';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import type { Raw } from '../src/web/html.js';
import type { ConsoleViewers, Viewer } from '../src/web/viewers.js';
import type { CaseActionRoutesDeps } from './console-case-actions.js';
import type { ProcedureRoutesDeps } from './console-procedure.js';
import type { FailedJobRoutesDeps } from './console-failed-jobs.js';
import type { VillageCodeRoutesDeps } from './console-village-codes.js';

/** A section another feature draws on the case page (e.g. the procedure), before 办理经过. */
export type CaseSection = (viewer: Viewer, view: ConsoleCaseView) => Promise<Raw>;

export interface ConsoleDeps {
  viewers: ConsoleViewers;
  reads: ConsoleReads;
  bulletins: BulletinDeps;
  imports: RollImports;
  timeZone: string;
  now(): Date;
  /** Jobs that failed for good (the 失败任务 page); absent, the page is not served. */
  failedJobs?: Pick<FailedJobRoutesDeps, 'jobs' | 'queueNames'>;
  /** 一村一码 (villages' 微信客服 links and posters); absent, the pages are not served. */
  villageCodes?: Pick<VillageCodeRoutesDeps, 'list' | 'ensure' | 'qrSvg'>;
  /** Limits wrong sign-in tokens; absent, sign-in is not limited. */
  loginGuard?: LoginGuard;
  /** 关联 / 改派 / 督办 / 备注 on the case page; absent, the forms post nowhere. */
  caseActions?: Pick<CaseActionRoutesDeps, 'act' | 'deliver'>;
  caseSections?: CaseSection[];
  /** 监测对象 (the register) and its 村级公示; absent, the pages are not served. */
  register?: RegisterConsole;
  /** 通过 / 退回 / 不通过 of the case's procedure step; absent, its forms post nowhere. */
  procedure?: Pick<ProcedureRoutesDeps, 'act' | 'deliver'>;
  statistics?: import('../src/domain/ports/statistics.js').StatisticsConsole;
  campaigns?: import('../src/domain/ports/campaigns.js').CampaignConsole; // 集中排查; absent, not served
}
/** One area of the console's routes. */
export type ConsoleRoutes = (router: import('@koa/router').default, deps: ConsoleDeps, frame: ConsoleFrame) => void;
