import type Router from '@koa/router';
import { consoleRoutes, type ConsoleDeps } from '../../handlers/console.js';
import type { Config } from '../config.js';
import type { CadreDeps } from '../domain/ports/cadre.js';
import { runConsoleCaseAction } from '../domain/use-cases/console-case-action.js';
import { failedJobStore } from '../queue/failed-jobs.js';
import { jobId } from '../queue/jobs.js';
import { writeAudit } from '../store/audit-store.js';
import { cadreStore } from '../store/cadre-store.js';
import { recentDeadLetters } from '../store/dead-letter-store.js';
import { refusedMessages } from '../store/outbox-store.js';
import { villageCodeList } from '../store/village-entry-store.js';
import { campaignConsole } from './campaign-console.js';
import { consolePorts } from './console-wiring.js';
import type { Infra } from './infra.js';
import { procedureConsole } from './procedure-console.js';

export interface ConsoleOptions {
  adminToken: string | undefined;
  loginGuard: NonNullable<ConsoleDeps['loginGuard']>;
  /** A village's 一村一码 link, made once (shared with the simulator). */
  villageCode: NonNullable<ConsoleDeps['villageCodes']>['ensure'];
}

/**
 * The supervisors' console over the infra: its ports and routes. The web role imports this module on the
 * console's first request (src/wiring/lazy-routes.ts), so a process that only takes callbacks and alert
 * lists never loads the console's pages, reports and stores.
 */
export function consoleMount(infra: Infra, config: Config, options: ConsoleOptions): (router: Router) => void {
  const { db, policy, queues, requestOutbox } = infra;
  const cadre: CadreDeps = {
    policy,
    timeZone: config.TZ_NAME,
    transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))),
  };
  const { section, procedure } = procedureConsole(cadre, requestOutbox);
  const deps: ConsoleDeps = {
    ...consolePorts(db, policy, config.TZ_NAME, options.adminToken, infra.readDb),
    loginGuard: options.loginGuard,
    now: () => new Date(),
    campaigns: campaignConsole(db, requestOutbox, config.TZ_NAME),
    failedJobs: {
      queueNames: Object.keys(queues),
      jobs: failedJobStore(queues, {
        refused: refusedMessages(db),
        deadLetters: () => recentDeadLetters(db),
        audit: (entry) => writeAudit(db, entry),
      }),
    },
    villageCodes: {
      list: (townshipId) => villageCodeList(db, townshipId),
      ensure: options.villageCode,
      // qrcode loads on the first poster.
      qrSvg: async (url) => (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1 }),
    },
    caseSections: [section],
    procedure,
    caseActions: {
      act: (viewer, number, action) => runConsoleCaseAction(cadre, viewer, number, action, new Date()),
      deliver: async (out, key) => {
        await requestOutbox.taskCards(out.newTasks.map((taskId) => ({ taskId, cadre: '' })));
        await requestOutbox.send(
          out.notices.map((n, i) => ({
            data: { kind: 'text' as const, touser: n.touser, content: n.content },
            jobId: jobId.cadreNote(`console-${key}-${i}`),
          })),
        );
      },
    },
  };
  return (router) => consoleRoutes(router, deps);
}
