import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, redisTarget } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { QUEUE, QUEUE_NAMES } from '../../src/queue/jobs.js';
import { fixedWindowCounter } from '../../src/queue/fixed-window.js';
import { closeAll, createQueues, queuePrefix, startWorkers } from '../../src/queue/queues.js';
import { createRedis, type RedisConnection } from '../../src/queue/redis.js';
import { MemberRateLimiter } from '../../src/wecom/member-rate-limiter.js';
import { PrivateRedisCluster } from '../../support/test-cluster.js';
import { testPrefix } from '../helpers/test-redis.js';
import { startTestService } from '../helpers/test-service.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The queues, schedulers, rate limits and the whole service on a real Redis Cluster (3 masters, each
 * with a replica, from redis-server on private ports): before, every enqueue failed with CROSSSLOT.
 */
describe('on a real 3-master Redis Cluster', () => {
  const cluster = new PrivateRedisCluster(3, 1);
  const logger = createLogger('silent');
  let redis: RedisConnection;

  beforeAll(async () => {
    await cluster.start();
    redis = createRedis(redisTarget(cluster.url));
  }, 90_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster.stop();
  });

  it('reads redis+cluster:// and REDIS_CLUSTER_NODES as a cluster', () => {
    expect(loadConfig({ REDIS_URL: cluster.url }).redis).toMatchObject({ kind: 'cluster', nodes: expect.any(Array) });
    const nodes = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7001' }).redis;
    expect(nodes).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      tls: false,
    });
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://nohost' })).toThrow(/REDIS_URL/);
  });

  it('runs jobs on every queue, each queue under a hash tag of its own', async () => {
    const prefix = testPrefix();
    const queues = createQueues({ connection: redis, prefix, logger });
    const ran: string[] = [];
    const workers = startWorkers({
      connection: redis,
      prefix,
      logger,
      processors: Object.fromEntries(QUEUE_NAMES.map((q) => [q, async () => void ran.push(q)])),
    });
    for (const q of QUEUE_NAMES) await queues[q].addBulk([1, 2, 3].map((n) => ({ name: `job-${n}`, data: { n } })));
    for (let i = 0; i < 200 && ran.length < 9; i++) await sleep(25);
    expect(ran.sort()).toEqual(QUEUE_NAMES.flatMap((q) => [q, q, q]).sort());
    const slots = await Promise.all(
      QUEUE_NAMES.map((q) => redis.cluster('KEYSLOT', `${queuePrefix(prefix, q, true)}:${q}:meta`)),
    );
    expect(new Set(slots).size).toBe(QUEUE_NAMES.length);
    await closeAll(queues, workers);
  });

  it('fires a scheduler once per period with two sets of workers', async () => {
    const prefix = testPrefix();
    const runs: string[] = [];
    const sets = [0, 1].map(() => {
      const connection = createRedis(redisTarget(cluster.url));
      const queues = createQueues({ connection, prefix, logger });
      const workers = startWorkers({
        connection,
        prefix,
        logger,
        processors: { [QUEUE.schedule]: async (job) => void runs.push(String(job.id)) },
      });
      return { connection, queues, workers };
    });
    const started = Date.now();
    for (const s of sets) await s.queues.schedule.upsertJobScheduler('every-300', { every: 300 }, { name: 'tick' });
    await sleep(2_500);
    const elapsed = Date.now() - started;
    for (const s of sets) {
      await closeAll(s.queues, s.workers);
      s.connection.disconnect();
    }
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 1);
    expect(new Set(runs).size).toBe(runs.length); // no run handled twice
  });

  it('keeps the per-member send window and the fixed-window counts on the cluster', async () => {
    const prefix = testPrefix();
    const history = async () => [Date.now() - 1_000];
    const limiter = new MemberRateLimiter({ redis, prefix, limits: { perMinute: 3, perHour: 100 }, history });
    // The window was rebuilt from history (one send a second ago): two more slots, then a wait.
    expect(await limiter.acquire('bf-1')).toBe(0);
    expect(await limiter.acquire('bf-1')).toBe(0);
    expect(await limiter.acquire('bf-1')).toBeGreaterThan(50_000);
    expect(await limiter.acquire('bf-2')).toBe(0);
    const counter = fixedWindowCounter(redis, prefix);
    await counter.hit('login:addr:1.2.3.4', 60_000);
    expect((await counter.hit('login:addr:1.2.3.4', 60_000)).count).toBe(2);
    expect((await counter.peek('login:addr:1.2.3.4')).count).toBe(2);
  });

  it('answers villagers through the whole service over three shards, and nothing is lost when a master is killed', async () => {
    const svc = await startTestService({
      REDIS_URL: cluster.url,
      RECONCILE_EVERY_MS: '1000',
      RECONCILE_AFTER_MS: '1500',
      ENQUEUE_TIMEOUT_MS: '500',
      QUEUE_SHARDS: '3',
    });
    try {
      const ready = async () => (await fetch(`${svc.base}/readyz`)).status;
      expect(await ready()).toBe(200);
      const answered = () => new Set(svc.fake!.state.sent.filter((m) => m.api === 'kf/send_msg').map((m) => m.to));
      const say = (i: number) => svc.fake!.sender!.villagerSays(`wm-cluster-${i}`, 'wk-demo', '你好');
      for (let i = 0; i < 5; i++) expect((await say(i)).status).toBe(200);
      for (let t = 0; t < 600 && answered().size < 5; t++) await sleep(50);
      expect(answered().size).toBe(5);

      // The master holding the intake queue's slot dies; its replica takes over after the node timeout.
      const slot = Number(await redis.cluster('KEYSLOT', `${queuePrefix(svc.config.QUEUE_PREFIX, 'intake', true)}:x`));
      const owner = (await redis.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to)![2]![1];
      await cluster.kill(owner);
      const statuses: number[] = [];
      for (let i = 5; i < 25; i++) {
        statuses.push(await ready());
        expect((await say(i)).status).toBe(200); // stored first, whatever Redis does
        await sleep(100);
      }
      await cluster.waitHealthy(60_000);
      for (let t = 0; t < 1200 && answered().size < 25; t++) await sleep(50);
      expect(answered().size).toBe(25);
      // The replies went out through all three notify shards, each under a hash tag (a slot) of its own.
      const shards = ['notify', 'notify-1', 'notify-2'];
      const done = await Promise.all(
        shards.map(async (q) => (await svc.queues[q]!.getJobCounts('completed')).completed),
      );
      expect(
        done.every((n) => (n ?? 0) > 0),
        done.join(' '),
      ).toBe(true);
      const slots = await Promise.all(
        shards.map((q) => redis.cluster('KEYSLOT', `${queuePrefix(svc.config.QUEUE_PREFIX, q, true)}:${q}:meta`)),
      );
      expect(new Set(slots).size).toBe(3);
      expect(
        statuses.every((s) => s === 200 || s === 503),
        statuses.join(' '),
      ).toBe(true);
      console.log(`readyz while the master was down: ${statuses.join(' ')}`);
      expect(await ready()).toBe(200);
    } finally {
      await svc.stop();
    }
  }, 150_000);
});
