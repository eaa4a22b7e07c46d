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
import { PrivatePostgres, postgresBinDir } from '../helpers/private-postgres.js';
import { startRoleWithLog, stopAll } from '../helpers/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const ALERTS = 1200;
const wecom = fakeCorp('f8', 'd');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * F8: Postgres stopped (fast shutdown: every session ended, mid-transaction included) while workers
 * triage, and a worker started while it is down. Workers stay up, wait, and finish everything once it is
 * back; the alerts API says 503 with Retry-After meanwhile. Runs on a cluster of its own, never :5432.
 */
describe.runIf(postgresBinDir() !== null)('workers while Postgres is down', () => {
  const pg = new PrivatePostgres();
  const prefix = testPrefix();
  let db: Db;
  let fake: FakeWecomServer;
  let web: Service;
  let env: NodeJS.ProcessEnv;
  const procs: ChildProcess[] = [];
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  beforeAll(async () => {
    await pg.init();
    db = await openPgDb({ connectionString: pg.url, max: 2 });
    await migrate(db);
    await seedDemo(db, { households: 800, seed: 8 });
    fake = await startFakeWecom(wecom);
    env = faultEnv(
      { databaseUrl: pg.url, redisUrl: REDIS_URL, prefix: prefix, fake, corp: wecom },
      {
        RECONCILE_EVERY_MS: '500',
        // Every task's own card counted once; summaries of a list (issue 20) are tested in department-batch-cards.
        CARD_BATCH_QUIET_MS: '0',
        RECONCILE_AFTER_MS: '2000',
        JOB_BACKOFF_MS: '200',
        SHUTDOWN_TIMEOUT_MS: '2000',
      },
    );
    web = await startService(loadConfig(env as Record<string, string>), {
      role: 'web',
      logger: createLogger('silent'),
    });
  }, 90_000);

  afterAll(async () => {
    await stopAll(procs, 'SIGKILL');
    await web?.stop();
    await fake?.stop();
    await db?.close();
    await pg.destroy();
    await dropPrefix(prefix);
  }, 30_000);

  it('a worker outlives Postgres stopping mid-triage and finishes every report once it is back', async () => {
    const worker = startRoleWithLog('worker', { ...env, LOG_LEVEL: 'info' });
    procs.push(worker.proc);
    expect(await worker.waitFor('shouwang started', 30_000)).toBe(true);
    const key = await createDeptKey(db, '医保局');
    const households = (
      await db.query<{ id: string }>(`SELECT id FROM households WHERE status <> 'ordinary' ORDER BY id`)
    ).rows;
    const ids = Array.from({ length: ALERTS }, (_, i) => `F8-${i}`);
    const post = (batch: string[]) =>
      fetch(`http://127.0.0.1:${web.port}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          alerts: batch.map((external_id, i) => ({
            external_id,
            kind: 'medical_cost',
            household_id: households[i % households.length]!.id,
            amount_yuan: 30_000,
            description: '住院自付医疗费用',
          })),
        }),
      });
    const accepted: string[] = [];
    for (let b = 0; b < ALERTS; b += 400) {
      const batch = ids.slice(b, b + 400);
      if ((await post(batch)).status === 200) accepted.push(...batch);
    }
    // Stop once triage is under way, so transactions are open when the server ends their sessions.
    for (
      let i = 0;
      i < 500 && (await count(`SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL`)) < 50;
      i++
    )
      await sleep(10);
    const handledAtStop = await count(`SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL`);
    await pg.stop('fast');
    const stoppedAt = Date.now();

    // Meanwhile: the API says "later", with a reason in Chinese, and the worker stays up.
    const res = await post(['F8-late']);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toMatch(/数据库暂时不可用.*请.*重试/);
    await sleep(3000);
    expect(worker.proc.exitCode, worker.lines.filter((l) => /Unhandled|error/i.test(l)).join('\n')).toBeNull();

    await pg.start();
    const restartedAt = Date.now();
    const done = () => count(`SELECT count(*)::int n FROM inbox WHERE handled_at IS NULL`);
    for (
      let i = 0;
      i < 300 && ((await done()) > 0 || (await count(`SELECT count(*)::int n FROM outbox WHERE sent_at IS NULL`)) > 0);
      i++
    )
      await sleep(100);
    expect(worker.proc.exitCode).toBeNull();
    const finishedAt = Date.now();

    const rows = (
      await db.query<{ key: string; processed: boolean }>(
        `SELECT source_msg_id AS key, case_id IS NOT NULL AS processed FROM inbox WHERE source = 'dept:医保局'`,
      )
    ).rows;
    const cards = sendTimes(fake, cardTaskOf);
    expect(cards.size).toBe(await count('SELECT count(*)::int n FROM tasks'));
    expect([...cards].filter(([, t]) => t.length > 1)).toEqual([]);
    expectNothingLost(
      'F8 alerts with Postgres stopped mid-triage',
      {
        sent: ids,
        accepted,
        stored: rows.map((r) => r.key),
        processed: rows.filter((r) => r.processed).map((r) => r.key),
      },
      {
        handledAtStop,
        downMs: restartedAt - stoppedAt,
        doneAfterRestartMs: finishedAt - restartedAt,
        cards: cards.size,
      },
    );
  }, 120_000);

  it('a worker started while Postgres is down waits for it, says so, and starts when it is back', async () => {
    await pg.stop('fast').catch(() => undefined); // (already down if the test before failed midway)
    const worker = startRoleWithLog('worker', { ...env, LOG_LEVEL: 'info' });
    procs.push(worker.proc);
    expect(await worker.waitFor('waiting for the database', 20_000), worker.lines.join('\n')).toBe(true);
    await sleep(1500);
    expect(worker.proc.exitCode, worker.lines.join('\n')).toBeNull();
    await pg.start();
    expect(await worker.waitFor('shouwang started', 20_000), worker.lines.join('\n')).toBe(true);
  }, 60_000);
});
