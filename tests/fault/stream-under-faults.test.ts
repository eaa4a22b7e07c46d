import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import type { Db } from '../../src/store/db.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { faultEnv, fakeCorp, startFakeWecom } from '../helpers/fault-env.js';
import { cardTaskOf, sendTimes } from '../helpers/fake-sends.js';
import { expectNothingLost } from '../helpers/fault-tally.js';
import { startRole, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { PrivateRedis, testPrefix } from '../helpers/test-redis.js';

const ALERTS = 1000;
const VILLAGERS = 1000;
const wecom = fakeCorp('faults', 'b');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 2,000 reports (1,000 department alerts, 1,000 villager messages) through a web process and worker
 * processes while Redis is killed and started again empty, a worker is killed mid-job and replaced,
 * the fake WeCom answers 5xx and 45009 for a while, and every callback and batch arrives twice.
 * Afterwards each report is one inbox row, handled, in one case; every task card went out exactly once.
 */
describe.runIf(await pgAvailable())('a stream of reports under faults', () => {
  const redis = new PrivateRedis(6390 + Math.floor(Math.random() * 90));
  const prefix = testPrefix();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  let web: Service;
  const workers: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv;
  const startWorker = () => workers.push(startRole('worker', env));
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  beforeAll(async () => {
    await redis.start();
    database = await createTestDatabase('faults');
    db = await openPgDb({ connectionString: database.url, max: 4 });
    await migrate(db);
    await seedDemo(db, { households: 6000, seed: 7 });
    fake = await startFakeWecom(wecom);
    env = faultEnv(
      { databaseUrl: database.url, redisUrl: redis.url, prefix: prefix, fake, corp: wecom },
      {
        RECONCILE_EVERY_MS: '1000',
        RECONCILE_AFTER_MS: '3000',
        VILLAGER_UPDATE_DELAY_MS: '0',
        // Every task's own card counted once; summaries of a list (issue 20) are tested in department-batch-cards.
        CARD_BATCH_QUIET_MS: '0',
        SHUTDOWN_TIMEOUT_MS: '2000',
      },
    );
    web = await startService(loadConfig(env as Record<string, string>), {
      role: 'web',
      logger: createLogger('silent'),
    });
    fake.connectApp(`http://127.0.0.1:${web.port}/wecom/callback`);
    startWorker();
    startWorker();
  }, 60_000);

  afterAll(async () => {
    await stopAll(workers, 'SIGKILL');
    await web?.stop();
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await redis.kill();
  }, 30_000);

  it('loses nothing and sends nothing twice', async () => {
    let killedAt = 0;
    const key = await createDeptKey(db, '住建局');
    // 脱贫户 and 监测户 with a phone: each has a pair-helper with about 8 households, so no cadre gets
    // more cards than WeCom's 30 a minute per member (which our limiter would rightly make them wait for).
    const households = (
      await db.query<{ id: string; phone: string }>(
        `SELECT id, phone FROM households h WHERE status <> 'ordinary' AND phone IS NOT NULL
          AND (SELECT count(*) FROM households x WHERE x.phone = h.phone) = 1 ORDER BY id LIMIT $1`,
        [ALERTS],
      )
    ).rows;
    expect(households).toHaveLength(ALERTS);
    const batches = Array.from({ length: 10 }, (_, b) =>
      households.slice(b * 100, b * 100 + 100).map((h, i) => ({
        external_id: `F-${b}-${i}`,
        kind: 'unsafe_house',
        household_id: h.id,
        description: '房屋安全鉴定为C级',
      })),
    );
    const accepted = new Set<string>();
    const postBatch = (alerts: Array<{ external_id: string }>) =>
      fetch(`http://127.0.0.1:${web.port}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ alerts }),
      }).then((r) => {
        if (r.status === 200) for (const a of alerts) accepted.add(a.external_id);
        return r.status;
      });
    const villagerSays = async (i: number) => {
      const user = `wm-fault-${i}`;
      fake.state.addKfMessage(user, 'wk-demo', `家里房子塌了，老人被砸伤住院了，电话${households[i]!.phone}`);
      const sealed = fake.sender!.seal(fake.sender!.kfEventXml('wk-demo'));
      const answers = [
        await fake.sender!.postSealed(sealed.body, sealed.query),
        await fake.sender!.postSealed(sealed.body, sealed.query), // (d) every callback twice
      ];
      if (answers.some((a) => a.status === 200)) accepted.add(user);
    };

    // (c) WeCom fails for a while: server errors, then rate limits.
    fake.state.faults.push(
      { kind: 'http', status: 503, count: 40, api: 'message/send' },
      { kind: 'errcode', errcode: 45009, count: 20, api: 'message/send' },
    );
    fake.state.faults.push({ kind: 'http', status: 502, count: 20, api: 'kf/send_msg' });
    for (let step = 0; step < 10; step++) {
      const statuses = await Promise.all([postBatch(batches[step]!), postBatch(batches[step]!)]); // (d) every batch twice
      expect(statuses.every((s) => s === 200)).toBe(true);
      await Promise.all(Array.from({ length: VILLAGERS / 10 }, (_, k) => villagerSays(step * 100 + k)));
      if (step === 3) {
        // (a) Redis dies and comes back empty
        await redis.kill();
        await sleep(500);
        await redis.start();
      }
      if (step === 6) {
        // (b) a worker dies mid-job and another takes its place
        killedAt = Date.now();
        workers[0]!.kill('SIGKILL');
        startWorker();
      }
    }

    const unfinished = async () =>
      count(
        `SELECT ((SELECT count(*) FROM inbox WHERE handled_at IS NULL) + (SELECT count(*) FROM outbox WHERE sent_at IS NULL))::int n`,
      );
    for (let i = 0; i < 600 && (await unfinished()) > 0; i++) await sleep(200);
    if (await unfinished()) {
      console.log(
        JSON.stringify((await db.query(`SELECT source, count(*) FROM inbox WHERE handled_at IS NULL GROUP BY 1`)).rows),
      );
      console.log(
        JSON.stringify(
          (
            await db.query(
              `SELECT data->>'kind' AS kind, count(*), min(created_at), max(created_at) FROM outbox WHERE sent_at IS NULL GROUP BY 1`,
            )
          ).rows,
        ),
      );
      console.log(JSON.stringify(fake.state.faults), fake.state.sent.length);
    }
    expect(await unfinished()).toBe(0);

    // Each report is exactly one inbox row, handled, and in a case.
    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:住建局'`)).toBe(ALERTS);
    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:住建局' AND case_id IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'kf'`)).toBe(VILLAGERS);
    // A villager's report opens a case or joins the household's open one (the alert's): either way one case.
    expect(
      await count(
        `SELECT count(*)::int n FROM kf_sessions s JOIN cases c ON c.id = s.case_id WHERE s.external_userid LIKE 'wm-fault-%'`,
      ),
    ).toBe(VILLAGERS);

    // Every task's card went out, and every villager got a receipt, exactly once. The one exception is
    // a message WeCom accepted in the instant its worker was killed, before the outbox could record
    // it: that job is re-run and sends again (at-least-once; only the receiver could deduplicate it).
    const inFlightAtKill = (times: number[]) =>
      times.length === 2 && times[0]! >= killedAt - 1000 && times[0]! <= killedAt + 100;
    const cards = sendTimes(fake, (m) => (m.dropped ? null : cardTaskOf(m)));
    expect(cards.size).toBe(await count('SELECT count(*)::int n FROM tasks'));
    expect([...cards].filter(([, t]) => t.length !== 1 && !inFlightAtKill(t))).toEqual([]);
    const receipts = sendTimes(fake, (m) => (m.api === 'kf/send_msg' && !m.dropped ? m.to : null));
    expect(receipts.size).toBe(VILLAGERS);
    expect([...receipts].filter(([, t]) => t.length !== 1 && !inFlightAtKill(t))).toEqual([]);
    const twice = [...cards.values(), ...receipts.values()].filter((t) => t.length > 1).length;
    if (twice) console.log(`${twice} message(s) in flight when the worker was killed were sent twice`);
    expect(fake.state.faults.filter((f) => f.count > 0)).toEqual([]); // every injected fault was met

    // The run's figures. A report is processed when it is in a case and its villager got a receipt.
    const rows = (
      await db.query<{ key: string; inCase: boolean }>(
        `SELECT CASE WHEN source = 'kf' THEN payload->>'external_userid' ELSE source_msg_id END AS key,
                case_id IS NOT NULL OR source = 'kf' AS "inCase"
           FROM inbox WHERE source IN ('kf', 'dept:住建局')`,
      )
    ).rows;
    const villagers = households.map((_, i) => `wm-fault-${i}`);
    const receiptKeys = [...receipts].flatMap(([to, t]) => t.map(() => to));
    expectNothingLost(
      'stream: Redis killed and restarted empty, a worker SIGKILLed, WeCom 5xx and 45009, everything twice',
      {
        sent: [...batches.flat().map((a) => a.external_id), ...villagers],
        accepted,
        stored: rows.map((r) => r.key),
        processed: [...rows.filter((r) => r.inCase && r.key.startsWith('F-')).map((r) => r.key), ...receiptKeys],
        allowedRepeats: [...receipts].filter(([, t]) => inFlightAtKill(t)).map(([to]) => to),
      },
      { resentAtKill: twice },
    );

    // Redis came back empty: what it lost was found again by the reconciler, not by luck.
    const reconciled = (await web.queues.schedule.getJobs(['completed']))
      .filter((j) => j.name === 'reconcile-inbox')
      .reduce((sum, j) => sum + (j.returnvalue?.requeued ?? 0) + (j.returnvalue?.resent ?? 0), 0);
    expect(reconciled).toBeGreaterThan(0);
  }, 180_000);
});
