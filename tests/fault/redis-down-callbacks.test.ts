import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import type { Db } from '../../src/store/db.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { faultEnv, fakeCorp, startFakeWecom } from '../helpers/fault-env.js';
import { expectNothingLost } from '../helpers/fault-tally.js';
import { startRole, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { PrivateRedis, testPrefix } from '../helpers/test-redis.js';

const wecom = fakeCorp('f7', 'c');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** WeCom waits 5 s for an answer; we promise 1 s. A request still open after this counts as hung. */
const GIVE_UP_MS = 2000;

/**
 * F7: the inbox row is the commitment, so a callback is answered as soon as it is stored, whether or not
 * Redis takes the job. With Redis killed and then frozen (SIGSTOP: connected but silent), every callback
 * is answered well within WeCom's 5 s, and once Redis is back the reconciler queues what could not be.
 */
describe.runIf(await pgAvailable())('callbacks while Redis is down', () => {
  const redis = new PrivateRedis(6300 + Math.floor(Math.random() * 90));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  let web: Service;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    await redis.start();
    database = await createTestDatabase('f7');
    db = await openPgDb({ connectionString: database.url, max: 2 });
    await migrate(db);
    fake = await startFakeWecom(wecom);
    const env = faultEnv(
      { databaseUrl: database.url, redisUrl: redis.url, prefix: testPrefix(), fake, corp: wecom },
      {
        RECONCILE_EVERY_MS: '500',
        RECONCILE_AFTER_MS: '2000',
        SHUTDOWN_TIMEOUT_MS: '2000',
      },
    );
    web = await startService(loadConfig(env as Record<string, string>), {
      role: 'web',
      logger: createLogger('silent'),
    });
    fake.connectApp(`http://127.0.0.1:${web.port}/wecom/callback`);
    workers.push(startRole('worker', env));
  }, 60_000);

  afterAll(async () => {
    redis.thaw();
    await stopAll(workers, 'SIGKILL');
    await web?.stop();
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await redis.kill();
  }, 30_000);

  /** Posts one text per user, 20 at a time as WeCom's pushes overlap; each answer's status and time. */
  const postTexts = async (users: string[]) => {
    const answers: Array<{ user: string; status: number; ms: number }> = [];
    for (let i = 0; i < users.length; i += 20) {
      await Promise.all(
        users.slice(i, i + 20).map(async (user) => {
          const { body, query } = fake.sender!.seal(fake.sender!.textXml(user, '帮助'));
          const started = performance.now();
          const status = await fetch(`http://127.0.0.1:${web.port}/wecom/callback?${query}`, {
            method: 'POST',
            headers: { 'content-type': 'text/xml' },
            body,
            signal: AbortSignal.timeout(GIVE_UP_MS),
          }).then(
            (r) => r.status,
            () => 0, // gave up: WeCom would have too, and retried
          );
          answers.push({ user, status, ms: performance.now() - started });
        }),
      );
    }
    return answers;
  };
  const postAlerts = async (ids: string[]) => {
    const key = await createDeptKey(db, '民政局');
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${web.port}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        alerts: ids.map((external_id) => ({ external_id, kind: 'low_income', name: '某某', village: '某村' })),
      }),
      signal: AbortSignal.timeout(GIVE_UP_MS),
    }).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { accepted: number }) : null;
    return { status: res?.status ?? 0, accepted: body?.accepted ?? 0, ms: performance.now() - started };
  };
  const summary = (answers: Array<{ ms: number }>) => {
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const at = (q: number) => Math.round(ms[Math.ceil(q * ms.length) - 1]!);
    return { n: ms.length, p50: at(0.5), p99: at(0.99), max: Math.round(ms.at(-1)!) };
  };

  it('answers every callback within 1 s and handles each once Redis is back', async () => {
    const users = (phase: string, n: number) => Array.from({ length: n }, (_, i) => `f7-${phase}-${i}`);
    const warm = await postTexts(users('up', 5)); // Redis up: the worker is ready and the path is warm
    const repliedTo = () => new Set(fake.state.sent.filter((m) => m.api === 'message/send').map((m) => m.to));
    for (let i = 0; i < 100 && repliedTo().size < 5; i++) await sleep(100);

    await redis.kill();
    const alertIds = Array.from({ length: 20 }, (_, i) => `F7-${i}`);
    const alerts = await postAlerts(alertIds); // a department's list is stored the same way
    const killed = await postTexts(users('killed', 200));
    await redis.start(); // empty: every job of the outage is gone
    // Frozen only once the web process is connected again, so its commands are sent and go unanswered.
    for (
      let i = 0;
      i < 100 &&
      !(await web.queues.intake.count().then(
        () => true,
        () => false,
      ));
      i++
    )
      await sleep(100);
    await sleep(2100); // the callbacks' own connection retries at most 2 s apart: it is back too
    redis.freeze();
    const frozen = await postTexts(users('frozen', 100));
    redis.thaw();

    const killedFigures = summary(killed);
    const frozenFigures = summary(frozen);
    console.log(`[fault] F7 answer times (ms), Redis killed: ${JSON.stringify(killedFigures)}`);
    console.log(`[fault] F7 answer times (ms), Redis frozen: ${JSON.stringify(frozenFigures)}`);
    const all = [...warm, ...killed, ...frozen];
    expect(all.filter((a) => a.status !== 200)).toEqual([]);
    expect(alerts).toMatchObject({ status: 200, accepted: alertIds.length });
    expect(alerts.ms).toBeLessThan(1000);
    expect(killedFigures.max).toBeLessThan(1000);
    expect(frozenFigures.max).toBeLessThan(1000);

    const handled = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL`)).rows[0]!.n;
    const expected = all.length + alertIds.length;
    for (let i = 0; i < 300 && ((await handled()) < expected || repliedTo().size < all.length); i++) await sleep(100);

    // A callback's key is its sender, an alert's its external id.
    const stored = await db.query<{ key: string; processed: boolean }>(
      `SELECT coalesce(payload->>'FromUserName', source_msg_id) AS key, case_id IS NOT NULL AS processed FROM inbox`,
    );
    expect(await handled()).toBe(stored.rows.length);
    // Processed: a callback's command ran and its reply reached WeCom (one key per reply); an alert is in a case.
    expectNothingLost(
      'F7 callbacks and an alert list with Redis killed, then frozen',
      {
        sent: [...all.map((a) => a.user), ...alertIds],
        accepted: [
          ...all.filter((a) => a.status === 200).map((a) => a.user),
          ...(alerts.status === 200 ? alertIds : []),
        ],
        stored: stored.rows.map((r) => r.key),
        processed: [
          ...fake.state.sent.filter((m) => m.api === 'message/send').map((m) => m.to),
          ...stored.rows.filter((r) => r.processed).map((r) => r.key),
        ],
      },
      { killedMaxMs: killedFigures.max, killedP99Ms: killedFigures.p99, frozenMaxMs: frozenFigures.max },
    );
  }, 120_000);
});
