import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { enqueuer } from '../../src/queue/enqueue.js';
import { queueNamesOf, shardOf } from '../../src/queue/jobs.js';
import { closeAll, createQueues } from '../../src/queue/queues.js';
import type { Db } from '../../src/store/db.js';
import { inboxShardKeys } from '../../src/store/inbox-shard-store.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { openTestDb } from '../helpers/test-db.js';
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
    const outbox = enqueuer(queues, {
      record: async () => undefined,
      recordDigests: async () => {},
      villagerUpdateDelayMs: 0,
    });
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

/** Per-household order (issue 22): the reports about one household, however named, go to one intake shard. */
describe('intake shards by household', () => {
  const prefix = testPrefix();
  const connection = testRedis();
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
    await db.query(`INSERT INTO townships (id, name) VALUES ('t-1', '东乡镇'), ('t-2', '西乡镇')`);
    await db.query(
      `INSERT INTO villages (id, township_id, name) VALUES ('v-1', 't-1', '柳树村'), ('v-2', 't-2', '桃园村')`,
    );
    await db.query(`INSERT INTO households (id, village_id, head_name, phone, status) VALUES
      ('h-1', 'v-1', '王大山', '13800000001', 'lifted'), ('h-2', 'v-2', '李秀英', '13900000002', 'monitored')`);
    await db.query(`INSERT INTO members (household_id, name, id_number, phone) VALUES
      ('h-1', '王大山', '110101195001010011', NULL), ('h-1', '王小川', '110101198001010022', '13700000003')`);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await dropPrefix(prefix);
    connection.disconnect();
  });

  const report = (n: number, identity: Record<string, string>) =>
    insertInbox(db, {
      source: 'dept:医保局',
      sourceMsgId: `r-${n}`,
      payload: { channel: 'department', reporter: '医保局', text: '住院', identity },
    });
  const villager = (n: number, externalUserid: string) =>
    insertInbox(db, {
      source: 'kf',
      sourceMsgId: `kf-${n}`,
      payload: { msgid: `kf-${n}`, external_userid: externalUserid },
    });

  it("keeps one household's reports in one shard, whether named by household id, ID number, phone or village", async () => {
    const queues = createQueues({ connection, prefix, logger: createLogger('silent'), shards: 3 });
    const outbox = enqueuer(queues, {
      record: async () => undefined,
      recordDigests: async () => {},
      villagerUpdateDelayMs: 0,
      shardKeys: (ids) => inboxShardKeys(db, ids),
    });
    const about = new Map<number, string>();
    const arrive = async (id: number | null, who: string) => {
      about.set(id!, who);
      await outbox.inbox([{ id: id!, source: who.startsWith('wm-') ? 'kf' : 'dept:医保局' }]);
    };
    // Each report arrives on its own (separate lists, hours apart), as its own job.
    await arrive(await report(1, { householdId: 'h-1' }), 'h-1');
    await arrive(await report(2, { idNumber: '110101198001010022' }), 'h-1');
    await arrive(await report(3, { phone: '13800000001' }), 'h-1');
    await arrive(await report(4, { phone: '13700000003' }), 'h-1'); // a member's phone
    await arrive(await report(5, { name: '王大山', village: '柳树村' }), 'h-1');
    await arrive(await report(6, { householdId: 'h-1' }), 'h-1');
    for (let n = 7; n < 13; n++) await arrive(await report(n, { householdId: 'h-2' }), 'h-2');
    for (let n = 0; n < 6; n++) await arrive(await villager(n, n % 2 ? 'wm-a' : 'wm-b'), n % 2 ? 'wm-a' : 'wm-b');
    // A list naming both households at once: its rows split by household, each batch with its own.
    const list = [await report(13, { householdId: 'h-1' }), await report(14, { householdId: 'h-2' })];
    about.set(list[0]!, 'h-1').set(list[1]!, 'h-2');
    await outbox.inbox(list.map((id) => ({ id: id!, source: 'dept:医保局' })));

    const shardsOf = new Map<string, Set<string>>();
    for (const name of ['intake', 'intake-1', 'intake-2'])
      for (const job of await queues[name]!.getJobs(['waiting'])) {
        const ids: number[] = job.data.inboxIds ?? [job.data.inboxId];
        expect(new Set(ids.map((id) => about.get(id))).size).toBe(1);
        for (const id of ids) shardsOf.set(about.get(id)!, new Set([...(shardsOf.get(about.get(id)!) ?? []), name]));
      }
    expect([...shardsOf.keys()].sort()).toEqual(['h-1', 'h-2', 'wm-a', 'wm-b']);
    for (const [who, shards] of shardsOf) expect([who, shards.size]).toEqual([who, 1]);
    const jobs = await Promise.all(['intake', 'intake-1', 'intake-2'].map((q) => queues[q]!.count()));
    expect(jobs.reduce((a, b) => a + b)).toBe(12 + 6 + 2);
    await closeAll(queues, []);
  });
});
