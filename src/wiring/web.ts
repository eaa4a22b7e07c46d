import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { alertRoutes } from '../../handlers/alerts.js';
import { consoleRoutes } from '../../handlers/console.js';
import { metricsRoutes } from '../../handlers/metrics.js';
import { startPageRoutes } from '../../handlers/start-page.js';
import { wecomCallbackRoutes } from '../../handlers/wecom-callback.js';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { queueBoard } from './queue-board.js';
import { sameOriginOnly } from '../web/same-origin.js';
import { consolePorts } from './console-wiring.js';
import type { InboxItem } from '../domain/ports/inbox.js';
import { ensureVillageCode } from '../domain/use-cases/ensure-village-code.js';
import { receiveWecomCallback } from '../domain/use-cases/receive-wecom-callback.js';
import { submitAlerts } from '../domain/use-cases/submit-alerts.js';
import { groupCommit } from '../group-commit.js';
import type { Logger } from '../logger.js';
import { withDeadline } from '../queue/deadline.js';
import { failedJobStore } from '../queue/failed-jobs.js';
import { writeAudit } from '../store/audit-store.js';
import { recentDeadLetters } from '../store/dead-letter-store.js';
import { refusedMessages } from '../store/outbox-store.js';
import { departmentOfKey } from '../store/dept-key-store.js';
import { insertInboxBatch, insertInboxMany } from '../store/inbox-store.js';
import { villageCodeList, villageEntryStore } from '../store/village-entry-store.js';
import { abuseLimits } from './abuse-limits.js';
import { cadreStore } from '../store/cadre-store.js';
import type { CadreDeps } from '../domain/ports/cadre.js';
import { runConsoleCaseAction } from '../domain/use-cases/console-case-action.js';
import { jobId } from '../queue/jobs.js';
import type { Infra } from './infra.js';
import { metricsSource, readinessChecks } from './metrics-app.js';
import { procedureConsole } from './procedure-console.js';
import { campaignConsole } from './campaign-console.js';

/** The 微信客服 account villagers write to in the simulator. */
const SIM_OPEN_KFID = 'wk-demo';

/** The web role's app: callbacks, the alerts API, the console, the simulator (simulator mode) and /metrics. */
export async function webApp(infra: Infra, config: Config, logger: Logger): Promise<Koa> {
  const { db, policy, queues, requestOutbox, metrics, wecom, fake } = infra;
  // The demo console needs a token too: made up for this run and logged, unless one is configured.
  const adminToken = config.ADMIN_TOKEN ?? (config.simulator ? randomBytes(18).toString('base64url') : undefined);
  if (adminToken && !config.ADMIN_TOKEN) logger.info({ console: '/console', adminToken }, '控制台令牌（本次运行有效）');
  const ports = consolePorts(db, policy, config.TZ_NAME, adminToken, infra.readDb);
  const { viewers } = ports;
  const { loginGuard, alertsRateLimit } = abuseLimits(infra, config, logger);
  const kfAccount = config.WECOM_KF_OPEN_KFID ?? (fake ? SIM_OPEN_KFID : undefined);
  const cadre: CadreDeps = {
    policy,
    timeZone: config.TZ_NAME,
    transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))),
  };
  const villageCode = (villageId: string) =>
    ensureVillageCode({ store: villageEntryStore(db), kf: infra.client, openKfid: kfAccount }, villageId, new Date());
  // Concurrent callbacks share one INSERT and one job (group commit): see src/group-commit.ts.
  // A callback whose row cannot be stored is retried alone, so it fails by itself (F1).
  const storeCallback = groupCommit((items: InboxItem[]) => insertInboxMany(db, items), {
    maxInFlight: 4,
    retryAlone: true,
  });
  const queueCallback = groupCommit(
    async (ids: number[]) => {
      await requestOutbox.inbox(ids.map((id) => ({ id, source: 'wecom' })));
      return ids;
    },
    { maxInFlight: 4 },
  );
  return createApp({
    logger,
    outer: [metrics.httpMiddleware()],
    middleware: [
      sameOriginOnly('/console'),
      queueBoard(queues, async (ctx) => (await viewers.ofRequest(ctx))?.townshipId === null),
    ],
    ...readinessChecks(infra, config),
    routes: [
      // Anyone may reach the web port: /metrics only with its token (METRICS_PORT serves it without).
      ...(config.METRICS_TOKEN
        ? [(router: Router) => metricsRoutes(router, metricsSource(infra), { token: config.METRICS_TOKEN })]
        : []),
      (router) =>
        consoleRoutes(router, {
          ...ports,
          loginGuard,
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
            ensure: villageCode,
            // qrcode (and the simulator's code below) only load where used: a lean web process.
            qrSvg: async (url) => (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1 }),
          },
          ...(({ section, procedure }) => ({ caseSections: [section], procedure }))(
            procedureConsole(cadre, requestOutbox),
          ),
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
        }),
      (router) => startPageRoutes(router, { simulator: Boolean(fake) }),
      ...(fake ? (await import('./simulator.js')).simulatorRoutes(infra, fake, SIM_OPEN_KFID, villageCode) : []),
      (router) =>
        alertRoutes(router, {
          departmentOfKey: (key) => departmentOfKey(db, key),
          rateLimit: alertsRateLimit,
          submit: (department, rows, rowNumber) =>
            submitAlerts(
              {
                store: (source, items) => insertInboxBatch(db, source, items),
                enqueue: (ids) => requestOutbox.inbox(ids.map((id) => ({ id, source: `dept:${department}` }))),
                onEnqueueError: (err, ids) =>
                  logger.warn({ rows: ids.length, err: (err as Error).message }, 'alerts stored but not queued'),
              },
              department,
              rows,
              rowNumber,
            ),
        }),
      (router) =>
        wecomCallbackRoutes(router, {
          keys: wecom.keys,
          windowSeconds: config.WECOM_CALLBACK_WINDOW_S,
          now: () => new Date(),
          receive: (message) =>
            receiveWecomCallback(
              {
                store: storeCallback,
                // The row is stored: past the deadline the reconciler queues it, and WeCom gets its answer now.
                enqueue: async (inboxId) =>
                  void (await withDeadline(queueCallback(inboxId), config.ENQUEUE_TIMEOUT_MS, 'queue callback')),
                onEnqueueError: (err, inboxId) =>
                  logger.warn({ inboxId, err: (err as Error).message }, 'stored but not queued'),
              },
              message,
            ),
        }),
    ],
  });
}
