import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { enqueuer } from '../../src/queue/enqueue.js';
import { queueNamesOf, shardOf } from '../../src/queue/jobs.js';
import { closeAll, createQueues } from '../../src/queue/queues.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/test-redis.js';

/** QUEUE_SHARDS: intake and notify split over hash tags; one recipient's sends stay in one shard. */
describe('queue shards', () => {
  const prefix = testPrefix();
  const connection = testRedis();
  afterAll(async () => {
    await dropPrefix(prefix);
    connection.disconnect();
  });

  it('names the shards and spreads keys over them, the same key always to the same shard', () => {
    expect(queueNamesOf(1)).toEqual(['intake', 'notify', 'schedule']);
    expect(queueNamesOf(3)).toEqual(['intake', 'intake-1', 'intake-2', 'notify', 'notify-1', 'notify-2', 'schedule']);
    const users = Array.from({ length: 300 }, (_, i) => `bf-${i}`);
    const counts = [0, 0, 0];
    for (const u of users) counts[shardOf(u, 3)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(users.map((u) => shardOf(u, 3))).toEqual(users.map((u) => shardOf(u, 3)));
    expect(shardOf('bf-1', 1)).toBe(0);
  });

  it("puts each recipient's messages in one notify shard, and inbox jobs over the intake shards", async () => {
    const queues = createQueues({ connection, prefix, logger: createLogger('silent'), shards: 3 });
    const outbox = enqueuer(queues, { record: async () => undefined, villagerUpdateDelayMs: 0 });
    const users = Array.from({ length: 12 }, (_, i) => `bf-${i}`);
    await outbox.send(
      users.flatMap((u) =>
        [0, 1, 2].map((n) => ({ data: { kind: 'text' as const, touser: u, content: `${n}` }, jobId: `t-${u}-${n}` })),
      ),
    );
    const where = new Map<string, Set<string>>();
    for (const name of ['notify', 'notify-1', 'notify-2'])
      for (const job of await queues[name]!.getJobs(['waiting']))
        where.set(job.data.touser, new Set([...(where.get(job.data.touser) ?? []), name]));
    expect([...where.keys()].sort()).toEqual([...users].sort());
    expect([...where.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set([...where.values()].map((s) => [...s][0])).size).toBe(3);
    await outbox.inbox(Array.from({ length: 30 }, (_, i) => ({ id: i + 1, source: 'kf' })));
    const intake = await Promise.all(['intake', 'intake-1', 'intake-2'].map((q) => queues[q]!.count()));
    expect(intake.reduce((a, b) => a + b)).toBe(30);
    expect(intake.every((n) => n > 0)).toBe(true);
    await closeAll(queues, []);
  });
});
