import { createServer, type RequestListener, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { closeAll, createQueues, startWorkers, type Queues } from './queue/queues.js';
import { createProbeRedis, createProducerRedis, createRedis, whenReady } from './queue/redis.js';
import { withDeadline } from './queue/deadline.js';
import { countHouseholds } from './store/county-store.js';
import type { Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { waitForDatabase } from './store/wait-for-database.js';
import { openDb } from './store/open-db.js';
import { seedDemo } from './store/seed-demo.js';
import { wecomCallbackRoutes } from '../handlers/wecom-callback.js';
import { receiveWecomCallback } from './domain/use-cases/receive-wecom-callback.js';
import { JOB, jobId, SCHEDULER } from './queue/jobs.js';
import { buildProcessors } from './wiring/processors.js';
import type { InboxItem } from './domain/ports/inbox.js';
import { handledInbox, insertInboxMany, unhandledInbox } from './store/inbox-store.js';
import { kfInboxStore, villagerIntakeStore } from './store/kf-session-store.js';
import { groupCommit } from './group-commit.js';
import { markFailed, markSent, recordOutbound, sendsTo, unsentOutbound, wasSent } from './store/outbox-store.js';
import { FakeWecomServer } from './wecom/fake/fake-wecom-server.js';
import { MemberRateLimiter } from './wecom/member-rate-limiter.js';
import { WecomClient } from './wecom/wecom-client.js';
import { wecomSettings, type WecomSettings } from './wecom/wecom-settings.js';
import { alertRoutes } from '../handlers/alerts.js';
import type { TriageDeps } from './domain/use-cases/triage-report.js';
import { submitAlerts } from './domain/use-cases/submit-alerts.js';
import { loadPolicy } from './load-policy.js';
import { departmentOfKey } from './store/dept-key-store.js';
import { insertInboxBatch } from './store/inbox-store.js';
import { triageStore } from './store/triage-store.js';
import type { CadreDeps } from './domain/ports/cadre.js';
import { isDatabaseUnavailable } from './store/db-errors.js';
import { enqueuer } from './queue/enqueue.js';
import { failedJobStore } from './queue/failed-jobs.js';
import { bulletinDeps, sweepDeps } from './wiring/schedule-deps.js';
import { cadreStore } from './store/cadre-store.js';
import { loadTaskView } from './store/task-store.js';
import { villagerUpdateStore } from './store/villager-update-store.js';
import { villagerFollowUpStore } from './store/villager-case-store.js';
import { villageCodeList, villageEntryStore } from './store/village-entry-store.js';
import { ensureVillageCode } from './domain/use-cases/ensure-village-code.js';
import { scheduleUnscheduled } from './store/sweep-store.js';
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { consoleRoutes } from '../handlers/console.js';
import { simulatorRoutes } from '../handlers/simulator.js';
import { queueBoard } from './console/queue-board.js';
import { consoleViewers } from './console/viewers.js';
import { createMetrics } from './metrics.js';
import { metricsRoutes } from '../handlers/metrics.js';

export type Role = 'all' | 'web' | 'worker';

/** The 微信客服 account villagers write to in the simulator. */
const SIM_OPEN_KFID = 'wk-demo';

export interface Service {
  config: Config;
  db: Db;
  queues: Queues;
  logger: Logger;
  client: WecomClient;
  wecom: WecomSettings;
  /** The in-process fake WeCom, in simulator mode. */
  fake?: FakeWecomServer;
  /** The port the web role listens on, or a worker's METRICS_PORT (useful with 0). */
  port?: number;
  /** Graceful stop: no new requests, running jobs finish, then Redis and the database close. */
  stop(): Promise<void>;
}

export interface StartOptions {
  role?: Role;
  logger?: Logger;
}

/** Wires the pool, adapters, queues, workers and app; the only place that does. */
export async function startService(
  config: Config,
  { role = 'all', logger = createLogger(config.LOG_LEVEL) }: StartOptions = {},
): Promise<Service> {
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await waitForDatabase(db, { logger });
  await migrate(db);
  const policy = loadPolicy(config.POLICY_FILE);
  if (config.SEED_DEMO === 'auto' && role !== 'worker' && (await countHouseholds(db)) === 0) {
    const summary = await seedDemo(db);
    logger.info(summary, 'empty store: demo county seeded');
  }
  if (role !== 'worker') await scheduleUnscheduled(db, policy, new Date());

  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const probe = createProbeRedis(config.REDIS_URL);
  probe.on('error', () => undefined); // /readyz reports it
  // Jobs are added on a connection of their own that fails fast (see createProducerRedis).
  const producer = createProducerRedis(config.REDIS_URL, { commandTimeoutMs: config.ENQUEUE_TIMEOUT_MS });
  producer.on('error', () => undefined); // the blocking connection above logs the same outage
  await redis.ping(); // waits for Redis at start-up rather than failing half-started
  await Promise.all([whenReady(probe), whenReady(producer)]);
  const queues = createQueues({
    connection: producer,
    prefix: config.QUEUE_PREFIX,
    logger,
    retry: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
  });
  const outbox = enqueuer(queues, {
    record: (rows) => recordOutbound(db, rows),
    villagerUpdateDelayMs: config.VILLAGER_UPDATE_DELAY_MS,
  });
  const metrics = createMetrics(queues);

  const wecom = wecomSettings(config);
  const fake = config.simulator
    ? await new FakeWecomServer({ ...wecom, callback: { ...wecom.keys, url: '' } }).start()
    : undefined;
  const client = new WecomClient({
    ...wecom,
    apiBase: fake?.url ?? wecom.apiBase,
    // The window survives a Redis wipe: rebuilt from the outbox, where every accepted message is.
    limiter: new MemberRateLimiter({
      redis,
      prefix: config.QUEUE_PREFIX,
      history: (member, since) => sendsTo(db, member, since),
    }),
  });

  let workers: Worker[] = [];
  if (role !== 'web') {
    const triage: TriageDeps = {
      policy,
      timeZone: config.TZ_NAME,
      transaction: (fn) => db.transaction((tx) => fn(triageStore(tx))),
    };
    const cadre: CadreDeps = {
      policy,
      timeZone: config.TZ_NAME,
      transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))),
    };
    const now = () => new Date();
    const reply = (externalUserid: string, openKfid: string, content: string, key: string) =>
      outbox.send([{ data: { kind: 'kf_text', externalUserid, openKfid, content }, jobId: jobId.kfReply(key) }]);
    const processors = buildProcessors({
      client,
      timeZone: config.TZ_NAME,
      loadTaskView: (taskId) => loadTaskView(db, taskId),
      markSent: (id, to) => markSent(db, id, new Date(), to),
      markFailed: (id, reason) => markFailed(db, id, new Date(), reason),
      wasSent: (id) => wasSent(db, id),
      villagerUpdates: { now, reply, transaction: (fn) => db.transaction((tx) => fn(villagerUpdateStore(tx))) },
      schedule: {
        ...sweepDeps(db, policy, config.TZ_NAME, outbox),
        bulletin: bulletinDeps(db, policy, config.TZ_NAME, outbox),
        reconcile: {
          unhandled: (before) => unhandledInbox(db, before),
          enqueue: outbox.requeueInbox,
          unsent: (before) => unsentOutbound(db, before),
          resend: outbox.resend,
          now: () => new Date(),
          afterMs: config.RECONCILE_AFTER_MS,
        },
      },
      intake: {
        policy,
        triage,
        isOutage: isDatabaseUnavailable,
        cadre,
        now,
        reply,
        entry: {
          store: villageEntryStore(db),
          now,
          welcome: (externalUserid, code, content, key) =>
            outbox.send([{ data: { kind: 'kf_welcome', externalUserid, code, content }, jobId: jobId.kfWelcome(key) }]),
        },
        followUp: {
          store: villagerFollowUpStore(db),
          timeZone: config.TZ_NAME,
          reply,
          tellCadre: (touser, content, key) =>
            outbox.send([{ data: { kind: 'text', touser, content }, jobId: jobId.cadreNote(key) }]),
        },
        notify: outbox.taskCards,
        outbox,
        log: logger,
        kf: client,
        kfInbox: kfInboxStore(db),
        callbacks: handledInbox(db),
        messages: handledInbox(db),
        villagers: villagerIntakeStore(db),
        flushUpdates: outbox.flushVillager,
        enqueue: (inboxId) => outbox.inbox([{ id: inboxId, source: 'kf' }]),
      },
    });
    await ensureSchedulers(queues, config);
    // A Redis that comes back empty has lost the schedulers too: put them back on every reconnect.
    producer.on(
      'ready',
      () =>
        void ensureSchedulers(queues, config).catch((err: Error) =>
          logger.warn({ err: err.message }, 'schedulers not restored'),
        ),
    );
    workers = startWorkers({ connection: redis, prefix: config.QUEUE_PREFIX, logger, processors });
    metrics.observe(workers);
  }

  let server: Server | undefined;
  const checks = { db: () => db.query('SELECT 1'), redis: () => probe.ping() };
  if (role !== 'worker') {
    // The demo console needs a token too: made up for this run and logged, unless one is configured.
    const adminToken = config.ADMIN_TOKEN ?? (config.simulator ? randomBytes(9).toString('base64url') : undefined);
    if (adminToken && !config.ADMIN_TOKEN)
      logger.info({ console: '/console', adminToken }, '控制台令牌（本次运行有效）');
    const viewers = consoleViewers(db, adminToken);
    const kfAccount = config.WECOM_KF_OPEN_KFID ?? (fake ? SIM_OPEN_KFID : undefined);
    const villageCode = (villageId: string) =>
      ensureVillageCode({ store: villageEntryStore(db), kf: client, openKfid: kfAccount }, villageId, new Date());
    // Concurrent callbacks share one INSERT and one job (group commit): see src/group-commit.ts.
    // A callback whose row cannot be stored is retried alone, so it fails by itself (F1).
    const storeCallback = groupCommit((items: InboxItem[]) => insertInboxMany(db, items), {
      maxInFlight: 4,
      retryAlone: true,
    });
    const queueCallback = groupCommit(
      async (ids: number[]) => {
        await outbox.inbox(ids.map((id) => ({ id, source: 'wecom' })));
        return ids;
      },
      { maxInFlight: 4 },
    );
    const app = createApp({
      logger,
      outer: [metrics.httpMiddleware()],
      middleware: [queueBoard(queues, async (ctx) => (await viewers.ofRequest(ctx))?.townshipId === null)],
      checks,
      routes: [
        (router) => metricsRoutes(router, metrics.registry),
        (router) =>
          consoleRoutes(router, {
            db,
            policy,
            timeZone: config.TZ_NAME,
            viewers,
            now: () => new Date(),
            failedJobs: failedJobStore(queues, db),
            villageCodes: { list: (townshipId) => villageCodeList(db, townshipId), ensure: villageCode },
          }),
        ...(fake
          ? [(router: Router) => simulatorRoutes(router, { db, fake, openKfid: SIM_OPEN_KFID, villageCode })]
          : []),
        (router) =>
          alertRoutes(router, {
            departmentOfKey: (key) => departmentOfKey(db, key),
            submit: (department, rows, rowNumber) =>
              submitAlerts(
                {
                  store: (source, items) => insertInboxBatch(db, source, items),
                  enqueue: (ids) => outbox.inbox(ids.map((id) => ({ id, source: `dept:${department}` }))),
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
    server = await listen(app.callback(), config.PORT, config.HOST);
  } else if (config.METRICS_PORT !== undefined) {
    // A worker's counters (messages sent, reminders, failures) live in it: let Prometheus scrape it.
    const app = createApp({ logger, checks, routes: [(router) => metricsRoutes(router, metrics.registry)] });
    server = await listen(app.callback(), config.METRICS_PORT, config.HOST);
  }
  const address = server?.address();
  const port = address && typeof address === 'object' ? address.port : undefined;
  if (fake && port) fake.connectApp(`http://127.0.0.1:${port}/wecom/callback`);
  logger.info({ role, port, db: db.kind, simulator: config.simulator }, 'shouwang started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (server) await closeServer(server);
      // Bounded: a job stuck on a dead connection must not hold the process; BullMQ re-runs it as stalled.
      const closed = closeAll(queues, workers);
      const late = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((r) => setTimeout(r, config.SHUTDOWN_TIMEOUT_MS, true).unref()),
      ]);
      if (late) logger.warn({ ms: config.SHUTDOWN_TIMEOUT_MS }, 'workers did not close in time; stopping anyway');
      await fake?.stop();
      redis.disconnect();
      producer.disconnect();
      probe.disconnect();
      await db.close();
      logger.info('shouwang stopped');
    })());
  return { config, db, queues, logger, client, wecom, fake, port, stop };
}

/**
 * One scheduler id per periodic job, shared by every worker: BullMQ keeps a single next run, so each
 * fires once however many workers run. Turned off in the config means removed from Redis too.
 */
async function ensureSchedulers(queues: Queues, config: Config): Promise<void> {
  const every = [
    [SCHEDULER.sweepDue, JOB.sweepDue, config.SWEEP_EVERY_MS],
    [SCHEDULER.reconcileInbox, JOB.reconcileInbox, config.RECONCILE_EVERY_MS],
  ] as const;
  for (const [id, name, ms] of every) {
    if (ms > 0) await queues.schedule.upsertJobScheduler(id, { every: ms }, { name, data: {} });
    else await queues.schedule.removeJobScheduler(id);
  }
  if (config.BULLETIN_CRON) {
    await queues.schedule.upsertJobScheduler(
      SCHEDULER.weeklyBulletin,
      { pattern: config.BULLETIN_CRON, tz: config.TZ_NAME },
      { name: JOB.weeklyBulletin, data: {} },
    );
  } else await queues.schedule.removeJobScheduler(SCHEDULER.weeklyBulletin);
}

function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Runs until SIGTERM/SIGINT, then stops gracefully. */
export async function main(role: Role = 'all'): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, { role, logger });
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'stopping');
    service.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
