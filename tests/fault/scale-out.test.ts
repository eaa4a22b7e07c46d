import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import type { Db } from '../../src/store/db.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { faultEnv, fakeCorp, startFakeWecom } from '../helpers/fault-env.js';
import { cardTaskOf, sendTimes } from '../helpers/fake-sends.js';
import { expectNothingLost } from '../helpers/fault-tally.js';
import { freePort, startRole, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const REPORTS = 400;
const SWEEP_EVERY_MS = 500;
const wecom = fakeCorp('scale', 'c');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two web and two worker processes on one Redis and one Postgres: a stream split across both webs. */
describe.runIf(await pgAvailable())('scale-out: 2 web + 2 worker processes', () => {
  const prefix = testPrefix();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  const procs: ChildProcess[] = [];
  const ports: number[] = [];
  let started = 0;

  beforeAll(async () => {
    database = await createTestDatabase('scale');
    db = await openPgDb({ connectionString: database.url, max: 2 });
    await migrate(db);
    await seedDemo(db, { households: 4000, seed: 9 });
    fake = await startFakeWecom(wecom);
    const env = faultEnv(
      { databaseUrl: database.url, redisUrl: REDIS_URL, prefix: prefix, fake, corp: wecom },
      {
        SWEEP_EVERY_MS: String(SWEEP_EVERY_MS),
        VILLAGER_UPDATE_DELAY_MS: '0',
        // Every task's own card counted once; summaries of a list (issue 20) are tested in department-batch-cards.
        CARD_BATCH_QUIET_MS: '0',
      },
    );
    started = Date.now();
    for (const role of ['web', 'web', 'worker', 'worker'] as const) {
      const port = role === 'web' ? await freePort() : 0;
      if (port) ports.push(port);
      procs.push(startRole(role, { ...env, PORT: String(port) }));
    }
    for (const port of ports) {
      for (let i = 0; i < 600; i++) {
        if (
          await fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await sleep(100);
      }
    }
  }, 90_000);

  afterAll(async () => {
    await stopAll(procs);
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await dropPrefix(prefix);
  }, 30_000);

  it('handles every report once across both webs and both workers, and fires the scheduler once per interval', async () => {
    const key = await createDeptKey(db, '教育局');
    const households = (
      await db.query<{ id: string; phone: string }>(
        `SELECT id, phone FROM households h WHERE status <> 'ordinary' AND (SELECT count(*) FROM households x WHERE x.phone = h.phone) = 1 ORDER BY id LIMIT $1`,
        [REPORTS],
      )
    ).rows;
    const alerts = households.slice(0, REPORTS / 2).map((h, i) => ({
      external_id: `S-${i}`,
      kind: 'dropout',
      household_id: h.id,
      description: '初二学生连续缺课两周',
    }));
    // Department batches alternate between the webs; villager callbacks go to either, each one twice.
    for (let b = 0; b < 4; b++) {
      const res = await fetch(`http://127.0.0.1:${ports[b % 2]}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ alerts: alerts.slice(b * 50, b * 50 + 50) }),
      });
      expect(res.status).toBe(200);
    }
    await Promise.all(
      households.slice(REPORTS / 2).map(async (h, i) => {
        fake.state.addKfMessage(`wm-scale-${i}`, 'wk-demo', `家里房子塌了，老人被砸伤住院了，电话${h.phone}`);
        const sealed = fake.sender!.seal(fake.sender!.kfEventXml('wk-demo'));
        for (const port of ports) {
          const res = await fetch(`http://127.0.0.1:${port}/wecom/callback?${sealed.query}`, {
            method: 'POST',
            body: sealed.body,
            headers: { 'content-type': 'text/xml' },
          });
          expect(res.status).toBe(200);
        }
      }),
    );

    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
    const pending = () =>
      count(
        `SELECT ((SELECT count(*) FROM inbox WHERE handled_at IS NULL) + (SELECT count(*) FROM outbox WHERE sent_at IS NULL))::int n`,
      );
    for (
      let i = 0;
      i < 300 &&
      ((await pending()) > 0 || (await count(`SELECT count(*)::int n FROM inbox WHERE source = 'kf'`)) < REPORTS / 2);
      i++
    )
      await sleep(200);
    expect(await pending()).toBe(0);

    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:教育局' AND case_id IS NOT NULL`)).toBe(
      REPORTS / 2,
    );
    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'kf'`)).toBe(REPORTS / 2);
    const perTask = sendTimes(fake, cardTaskOf);
    expect(perTask.size).toBe(await count('SELECT count(*)::int n FROM tasks'));
    expect([...perTask.values()].every((t) => t.length === 1)).toBe(true);
    const receipts = fake.state.sent.filter((m) => m.api === 'kf/send_msg');
    expect(new Set(receipts.map((m) => m.to)).size).toBe(REPORTS / 2);
    expect(receipts).toHaveLength(REPORTS / 2);

    const rows = (
      await db.query<{ key: string; inCase: boolean }>(
        `SELECT CASE WHEN source = 'kf' THEN payload->>'external_userid' ELSE source_msg_id END AS key,
                case_id IS NOT NULL AS "inCase" FROM inbox WHERE source IN ('kf', 'dept:教育局')`,
      )
    ).rows;
    const villagers = households.slice(REPORTS / 2).map((_, i) => `wm-scale-${i}`);
    expectNothingLost('scale-out: 2 web + 2 workers, every callback to both webs', {
      sent: [...alerts.map((a) => a.external_id), ...villagers],
      accepted: [...alerts.map((a) => a.external_id), ...villagers], // every answer above was checked to be 200
      stored: rows.map((r) => r.key),
      processed: [
        ...rows.filter((r) => r.inCase && r.key.startsWith('S-')).map((r) => r.key),
        ...receipts.map((m) => m.to),
      ],
    });

    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const schedule = new Queue('schedule', { connection, prefix });
    const sweeps = (await schedule.getJobs(['completed', 'active', 'waiting', 'delayed'])).filter(
      (j) => j.name === JOB.sweepDue,
    );
    await schedule.close();
    connection.disconnect();
    expect(sweeps.length).toBeGreaterThan(2);
    expect(sweeps.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / SWEEP_EVERY_MS) + 2);
  }, 120_000);
});
