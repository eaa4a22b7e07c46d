import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { alertRoutes } from '../../handlers/alerts.js';
import { metricsRoutes } from '../../handlers/metrics.js';
import { startPageRoutes } from '../../handlers/start-page.js';
import { wecomCallbackRoutes } from '../../handlers/wecom-callback.js';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { queueBoard } from './queue-board.js';
import { sameOriginOnly } from '../web/same-origin.js';
import type { InboxItem } from '../domain/ports/inbox.js';
import { ensureVillageCode } from '../domain/use-cases/ensure-village-code.js';
import { receiveWecomCallback } from '../domain/use-cases/receive-wecom-callback.js';
import { submitAlerts } from '../domain/use-cases/submit-alerts.js';
import { groupCommit } from '../group-commit.js';
import type { Logger } from '../logger.js';
import { withDeadline } from '../queue/deadline.js';
import { departmentOfKey } from '../store/dept-key-store.js';
import { insertInboxBatch, insertInboxMany } from '../store/inbox-store.js';
import { villageEntryStore } from '../store/village-entry-store.js';
import { consoleTokens } from '../store/console-token-store.js';
import { consoleViewers } from '../web/viewers.js';
import { lazyRoutes } from './lazy-routes.js';
import { abuseLimits } from './abuse-limits.js';
import type { Infra } from './infra.js';
import { metricsSource, readinessChecks } from './metrics-app.js';

/** The 微信客服 account villagers write to in the simulator. */
const SIM_OPEN_KFID = 'wk-demo';

/** The web role's app: callbacks, the alerts API, the console, the simulator (simulator mode) and /metrics. */
export async function webApp(infra: Infra, config: Config, logger: Logger): Promise<Koa> {
  const { db, queues, requestOutbox, metrics, wecom, fake } = infra;
  // The demo console needs a token too: made up for this run and logged, unless one is configured.
  const adminToken = config.ADMIN_TOKEN ?? (config.simulator ? randomBytes(18).toString('base64url') : undefined);
  if (adminToken && !config.ADMIN_TOKEN) logger.info({ console: '/console', adminToken }, '控制台令牌（本次运行有效）');
  const viewers = consoleViewers(consoleTokens(db), adminToken);
  const { loginGuard, alertsRateLimit } = abuseLimits(infra, config, logger);
  const kfAccount = config.WECOM_KF_OPEN_KFID ?? (fake ? SIM_OPEN_KFID : undefined);
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
      // The console's pages, reports and stores load with its first request: a web process that only takes
      // callbacks and alert lists stays lean (tests/build/web-role-imports.test.ts).
      (router) =>
        lazyRoutes(router, '/console', async () =>
          (await import('./console-routes.js')).consoleMount(infra, config, { adminToken, loginGuard, villageCode }),
        ),
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
