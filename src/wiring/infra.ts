import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Outbox } from '../domain/ports/outbox.js';
import type { Policy } from '../domain/policy.js';
import { loadPolicy } from '../load-policy.js';
import type { Logger } from '../logger.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { enqueuer, type EnqueuerExtras } from '../queue/enqueue.js';
import { checkQueuesWritable } from '../queue/queue-probe.js';
import { createQueues, type Queues } from '../queue/queues.js';
import { createProbeRedis, createProducerRedis, createRedis, whenReady, type RedisConnection } from '../queue/redis.js';
import { countHouseholds } from '../store/county-store.js';
import type { Db } from '../store/db.js';
import { inboxShardKeys } from '../store/inbox-shard-store.js';
import { migrate } from '../store/migrate.js';
import { ensurePartitions } from '../domain/use-cases/ensure-partitions.js';
import { partitionStore } from '../store/partition-store.js';
import { openDb, openReadDb } from '../store/open-db.js';
import { recordDigestMessages, recordOutbound, sendsToMany } from '../store/outbox-store.js';
import { groupCommit } from '../group-commit.js';
import { simJournal } from '../store/sim-store.js';
import { scheduleUnscheduled } from '../store/sweep-store.js';
import { waitForDatabase } from '../store/wait-for-database.js';
import type { FakeWecomServer } from '../wecom/fake/fake-wecom-server.js';
import { MemberRateLimiter } from '../wecom/member-rate-limiter.js';
import { WecomClient } from '../wecom/wecom-client.js';
import { wecomSettings, type WecomSettings } from '../wecom/wecom-settings.js';
import type { WorkerThread } from './worker-thread.js';

/** What every role shares: the database, Redis connections, queues, the outbox, metrics and WeCom. */
export interface Infra {
  db: Db;
  /** The console's reports and lists: a read-only replica pool (DATABASE_READ_URL), or `db` itself. */
  readDb: Db;
  policy: Policy;
  /** Blocking connection for workers. */
  redis: RedisConnection;
  /** The per-member send windows': auto-pipelined, so sends side by side share a round trip. */
  windows: RedisConnection;
  /** Fails fast, for /readyz. */
  probe: RedisConnection;
  /** Fails fast (see createProducerRedis): for the jobs callbacks and alert lists add. */
  producer: RedisConnection;
  /** On the patient connection: workers, schedulers, the console, metrics. */
  queues: Queues;
  outbox: Outbox & EnqueuerExtras;
  /** On the fail-fast connection: what a request queues must not hold up its answer. */
  requestQueues: Queues;
  requestOutbox: Outbox & EnqueuerExtras;
  metrics: Metrics;
  wecom: WecomSettings;
  /** The in-process fake WeCom, in simulator mode. */
  fake?: FakeWecomServer;
  client: WecomClient;
  /**
   * This process's name on the outbox rows it claims before sending them: a send window it rebuilds
   * counts the other processes' claims, and its own granted slots from memory.
   */
  claimer: string;
  /** `--role all`'s workers, when they run in a thread (set by startService): /readyz asks it, /metrics adds its counters. */
  workerThread?: WorkerThread;
}

/**
 * Opens the database (or takes `given`; migrated, the demo county seeded when empty), Redis, the queues
 * and the WeCom client.
 */
export async function openInfra(
  config: Config,
  logger: Logger,
  role: 'all' | 'web' | 'worker',
  given?: Db,
): Promise<Infra> {
  const db = given ?? (await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  await waitForDatabase(db, { logger });
  await migrate(db);
  // Months ahead exist before anything is stored (the scheduled job keeps them ahead while running).
  await ensurePartitions({ partitions: partitionStore(db) }, new Date());
  // Only workers classify reports (and the simulator's pages, which read a villager's words as triage would).
  const policy = loadPolicy(config.POLICY_FILE, { triage: role !== 'web' || config.simulator });
  if (config.SEED_DEMO === 'auto' && role !== 'worker' && (await countHouseholds(db)) === 0) {
    // The demo generator (and the fake WeCom below) load only when used: not in a real county's processes.
    const [{ seedDemo }, { seedDemoHistory }] = await Promise.all([
      import('../store/seed-demo.js'),
      import('../store/seed-demo-history.js'),
    ]);
    const summary = await seedDemo(db);
    const history = config.DEMO_HISTORY === 'on' ? await seedDemoHistory(db, new Date()) : { cases: 0 };
    logger.info({ ...summary, historyCases: history.cases }, 'empty store: demo county seeded');
  }
  if (role !== 'worker') await scheduleUnscheduled(db, policy, new Date());
  const readDb = await openReadDb(db, config.DATABASE_READ_URL);

  const redis = createRedis(config.redis);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const windows = createRedis(config.redis, { autoPipeline: true });
  windows.on('error', () => undefined); // the connection above logs the same outage
  const probe = createProbeRedis(config.redis);
  probe.on('error', () => undefined); // /readyz reports it
  const producer = createProducerRedis(config.redis, { commandTimeoutMs: config.ENQUEUE_TIMEOUT_MS });
  producer.on('error', () => undefined); // the blocking connection above logs the same outage
  await redis.ping(); // waits for Redis at start-up rather than failing half-started
  await Promise.all([whenReady(probe), whenReady(producer)]);
  // A Redis that answers but cannot take jobs (read-only, full, a cluster slot without its master)
  // would have callbacks answered and stored but never handled: refuse to start instead.
  await checkQueuesWritable(probe, config.QUEUE_PREFIX, config.QUEUE_SHARDS);
  // Callbacks and alert lists add their jobs on the fail-fast connection. Everything else stays on the
  // patient one: a worker can only wait for Redis anyway, and console commands on thousands of jobs
  // (Bull Board, 失败任务) take longer than a request's enqueue deadline.
  const queueOptions = {
    prefix: config.QUEUE_PREFIX,
    shards: config.QUEUE_SHARDS,
    logger,
    retry: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
  };
  const queues = createQueues({ connection: redis, ...queueOptions });
  const requestQueues = createQueues({ connection: producer, ...queueOptions });
  const claimer = randomUUID();
  const outboxOptions: Parameters<typeof enqueuer>[1] = {
    record: (rows, opts) => recordOutbound(db, rows, opts?.claim ? { claimBy: claimer } : {}),
    recordDigests: (rows) => recordDigestMessages(db, rows),
    villagerUpdateDelayMs: config.VILLAGER_UPDATE_DELAY_MS,
    shardKeys: (ids) => inboxShardKeys(db, ids),
  };
  const outbox = enqueuer(queues, outboxOptions);
  const requestOutbox = enqueuer(requestQueues, outboxOptions);

  const wecom = wecomSettings(config);
  const fake = config.simulator
    ? await new (await import('../wecom/fake/fake-wecom-server.js')).FakeWecomServer({
        ...wecom,
        callback: { ...wecom.keys, url: '' },
        journal: simJournal(db),
      }).start()
    : undefined;
  // Windows rebuilt at once (after a Redis wipe, every member sent to next) read the outbox together.
  const sendsTo = groupCommit(
    async (asks: Array<{ member: string; since: Date }>) => {
      const since = new Date(Math.min(...asks.map((a) => a.since.getTime())));
      const by = await sendsToMany(db, [...new Set(asks.map((a) => a.member))], since, claimer);
      return asks.map((a) => by.get(a.member)!.filter((at) => at > a.since.getTime()));
    },
    { maxInFlight: 2 },
  );
  const client = new WecomClient({
    ...wecom,
    apiBase: fake?.url ?? wecom.apiBase,
    // The window survives a Redis wipe: rebuilt from the outbox, where every accepted message is, and
    // every one another process has claimed and not marked yet (it may be in flight).
    limiter: new MemberRateLimiter({
      redis: windows,
      prefix: config.QUEUE_PREFIX,
      history: (member, since) => sendsTo({ member, since }),
    }),
  });
  const metrics = createMetrics(queues);
  return {
    db,
    readDb,
    policy,
    redis,
    windows,
    probe,
    producer,
    queues,
    outbox,
    requestQueues,
    requestOutbox,
    metrics,
    wecom,
    ...(fake ? { fake } : {}),
    client,
    claimer,
  };
}
