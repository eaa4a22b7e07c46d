import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import type { Worker } from 'bullmq';
import { loadConfig, type Config } from './config.js';
import { runChecks } from './http/run-checks.js';
import { createLogger, type Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { closeAll, type Queues } from './queue/queues.js';
import type { Db } from './store/db.js';
import type { FakeWecomServer } from './wecom/fake/fake-wecom-server.js';
import type { WecomClient } from './wecom/wecom-client.js';
import type { WecomSettings } from './wecom/wecom-settings.js';
import { closeServer, listen } from './wiring/http-server.js';
import { openInfra } from './wiring/infra.js';
import { metricsApp, readinessChecks } from './wiring/metrics-app.js';
import { startWorkerThread, type WorkerThread } from './wiring/worker-thread.js';
export type Role = 'all' | 'web' | 'worker';

export interface Service {
  config: Config;
  db: Db;
  /** Where the console's reports read: a replica's read-only pool, or `db` itself. */
  readDb: Db;
  queues: Queues;
  logger: Logger;
  client: WecomClient;
  wecom: WecomSettings;
  /** The in-process fake WeCom, in simulator mode. */
  fake?: FakeWecomServer;
  /** The port the web role listens on, or a worker's METRICS_PORT (useful with 0). */
  port?: number;
  /** Where METRICS_PORT is served, when it is set. */
  metricsPort?: number;
  /** This loop's counters (a worker thread's are merged in at /metrics, not here). */
  metrics: Metrics;
  /** Each /readyz check's 'ok' or why it failed. */
  readiness(): Promise<Record<string, string>>;
  /** Resolves if the worker thread ended by itself (see `workerThread`): the process must then stop. */
  crashed?: Promise<Error>;
  /** Graceful stop: no new requests, running jobs finish, then Redis and the database close. */
  stop(): Promise<void>;
}

export interface StartOptions {
  role?: Role;
  logger?: Logger;
  /** An open database to use instead of opening DATABASE_URL / DATA_DIR (tests: a migrated PGlite); stop() closes it. */
  db?: Db;
  /** Role 'all': the workers and schedulers run in a worker thread of this process (see workersInThread). */
  workerThread?: boolean;
}

/**
 * With WORKER_THREAD=on, `--role all` gives its workers a thread of their own, so web and workers may use
 * two cores in one process: on Postgres only (PGlite is one embedded instance, which a second thread
 * cannot open) and not in simulator mode (the in-process fake WeCom and its made-up keys live on the web
 * side). Off by default: on a 2-core box shared with Postgres and Redis there is no idle core to gain,
 * and the one loop batches more work per statement and per job (README, *Running it for a province*).
 */
export const workersInThread = (config: Config, role: Role): boolean =>
  role === 'all' && config.WORKER_THREAD === 'on' && config.DATABASE_URL !== undefined && !config.simulator;

/** Composes the service for a role from src/wiring/; the only place that does. */
export async function startService(
  config: Config,
  { role = 'all', logger = createLogger(config.LOG_LEVEL), db: given, workerThread = false }: StartOptions = {},
): Promise<Service> {
  // With the workers in a thread, this loop is the web role (its policy without the triage model).
  const here: Role = role === 'all' && workerThread ? 'web' : role;
  const infra = await openInfra(config, logger, here, given);
  const { db, queues, client, wecom, fake } = infra;
  let workers: Worker[] = [];
  // Started once this side has migrated and seeded the store, so the thread finds it ready.
  let thread: WorkerThread | undefined;
  if (here !== role) thread = await startWorkerThread(config);
  const served = thread ? { ...infra, workerThread: thread } : infra;
  // Each role loads only its own code (a web process never loads the triage model's code, a worker never
  // the console's): imported here, when the role is known.
  if (here !== 'web') {
    const [{ startSchedulers }, { startWorkerRole }] = await Promise.all([
      import('./wiring/schedulers.js'),
      import('./wiring/workers.js'),
    ]);
    await startSchedulers(infra, config, logger);
    workers = startWorkerRole(infra, config, logger);
  }
  let server: Server | undefined;
  if (here !== 'worker') {
    const { webApp } = await import('./wiring/web.js');
    server = await listen((await webApp(served, config, logger)).callback(), config.PORT, config.HOST);
  }
  // Counters live in the process that counts them: any role serves them here, for a network only Prometheus reaches.
  let metricsServer: Server | undefined;
  if (config.METRICS_PORT !== undefined)
    metricsServer = await listen(metricsApp(served, config, logger).callback(), config.METRICS_PORT, config.HOST);
  const portOf = (s?: Server) => {
    const address = s?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  };
  const metricsPort = portOf(metricsServer);
  const port = portOf(server) ?? metricsPort;
  if (fake && port) fake.connectApp(`http://127.0.0.1:${port}/wecom/callback`);
  logger.info({ role, port, db: db.kind, simulator: config.simulator, workerThread: !!thread }, 'shouwang started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (server) await closeServer(server);
      if (metricsServer) await closeServer(metricsServer);
      // Bounded: a job stuck on a dead connection must not hold the process; BullMQ re-runs it as stalled.
      const closed = closeAll(queues, workers).then(() => closeAll(infra.requestQueues, []));
      const [late] = await Promise.all([
        Promise.race([
          closed.then(() => false),
          new Promise<boolean>((r) => setTimeout(r, config.SHUTDOWN_TIMEOUT_MS, true).unref()),
        ]),
        // The thread's running jobs finish there meanwhile, under the same bound.
        thread?.stop(),
      ]);
      if (late) logger.warn({ ms: config.SHUTDOWN_TIMEOUT_MS }, 'workers did not close in time; stopping anyway');
      await fake?.stop();
      client.close();
      infra.redis.disconnect();
      infra.windows.disconnect();
      infra.producer.disconnect();
      infra.probe.disconnect();
      if (infra.readDb !== db) await infra.readDb.close();
      await db.close();
      logger.info('shouwang stopped');
    })());
  return {
    config,
    db,
    readDb: infra.readDb,
    queues,
    logger,
    client,
    wecom,
    fake,
    port,
    metricsPort,
    metrics: infra.metrics,
    readiness: () => runChecks(readinessChecks(served, config).checks),
    ...(thread && { crashed: thread.crashed }),
    stop,
  };
}

/** Runs until SIGTERM/SIGINT, then stops gracefully. */
export async function main(role: Role = 'all'): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, { role, logger, workerThread: workersInThread(config, role) });
  // A worker thread that died leaves callbacks answered and never handled: the whole process stops, and
  // whatever supervises it (systemd, a container runtime) starts it again.
  void service.crashed?.then((err) => {
    logger.fatal({ err }, 'the worker thread stopped; stopping the process');
    void service.stop().finally(() => process.exit(1));
  });
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

// `node dist/src/main.js [--role all|web|worker]` (what `npm start` runs), or `tsx src/main.ts`.
// Not in the worker thread, which imports this module too and sees the same argv.
if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  if (!['all', 'web', 'worker'].includes(values.role!)) {
    console.error(`--role must be all, web or worker, not ${values.role}`);
    process.exit(1);
  }
  main(values.role as Role).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
