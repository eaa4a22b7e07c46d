import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { faultEnv, fakeCorp, startFakeWecom } from '../helpers/fault-env.js';
import { expectNothingLost } from '../helpers/fault-tally.js';
import { startRole, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { PrivateRedis, testPrefix } from '../helpers/test-redis.js';

const wecom = fakeCorp('send', 'e');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * The suite scales the retry budget down (3 attempts from 100 ms, about 0.3 s) and keeps WeCom down
 * for 5 s. FAULT_WECOM_OUTAGE_S=200 runs the real thing: the production budget (8 attempts from 1 s,
 * about 2 minutes) and an outage longer than it.
 */
const LONG_OUTAGE_S = Number(process.env.FAULT_WECOM_OUTAGE_S ?? 0);
const OUTAGE_MS = LONG_OUTAGE_S > 0 ? LONG_OUTAGE_S * 1000 : 5000;
const BUDGET: Record<string, string> = LONG_OUTAGE_S > 0 ? {} : { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '100' };

/**
 * What goes out to WeCom, under the two faults that used to lose messages: an outage longer than a job's
 * whole retry budget (F6: the job failed for good and the reconciler's re-add was ignored), and a Redis
 * wipe while a member's messages are being sent (F9: the 30-a-minute window was forgotten and WeCom
 * silently dropped what went over it). Each cadre text is one request; its effect is the reply.
 */
describe.runIf(await pgAvailable())('sending through WeCom and Redis outages', () => {
  const redis = new PrivateRedis(6200 + Math.floor(Math.random() * 90));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  let web: Service;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    await redis.start();
    database = await createTestDatabase('send');
    db = await openPgDb({ connectionString: database.url, max: 2 });
    await migrate(db);
    fake = await startFakeWecom(wecom);
    const env = faultEnv(
      { databaseUrl: database.url, redisUrl: redis.url, prefix: testPrefix(), fake, corp: wecom },
      {
        RECONCILE_EVERY_MS: '500',
        RECONCILE_AFTER_MS: '3000',
        SHUTDOWN_TIMEOUT_MS: '2000',
        ...BUDGET,
      },
    );
    web = await startService(loadConfig(env as Record<string, string>), {
      role: 'web',
      logger: createLogger('silent'),
    });
    fake.connectApp(`http://127.0.0.1:${web.port}/wecom/callback`);
    workers.push(startRole('worker', env));
    // The worker is up and the path warm before any fault starts.
    await fake.sender!.text('warm-up', '帮助');
    for (let i = 0; i < 600 && !fake.state.sent.some((m) => m.to === 'warm-up'); i++) await sleep(100);
    expect(
      fake.state.sent.some((m) => m.to === 'warm-up'),
      'the worker answers before the faults',
    ).toBe(true);
  }, 90_000);

  afterAll(async () => {
    await stopAll(workers, 'SIGKILL');
    await web?.stop();
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await redis.kill();
  }, 30_000);

  /** Each user says 帮助 once, 10 at a time; the users whose callback was answered 200. */
  const say = async (users: string[]) => {
    const accepted: string[] = [];
    for (let i = 0; i < users.length; i += 10)
      await Promise.all(
        users.slice(i, i + 10).map(async (u) => {
          if ((await fake.sender!.text(u, '帮助')).status === 200) accepted.push(u);
        }),
      );
    return accepted;
  };
  const delivered = (user?: string) =>
    fake.state.sent.filter((m) => m.api === 'message/send' && !m.dropped && (!user || m.to === user));
  const storedFrom = async (like: string) =>
    (
      await db.query<{ user: string }>(
        `SELECT payload->>'FromUserName' AS user FROM inbox WHERE payload->>'FromUserName' LIKE $1`,
        [like],
      )
    ).rows.map((r) => r.user);

  it(
    'F6: a WeCom 5xx outage longer than the retry budget loses no reply and sends none twice',
    async () => {
      const users = Array.from({ length: 50 }, (_, i) => `f6-${i}`);
      // WeCom stays down at least OUTAGE_MS and until jobs have used up their budget (on a slow
      // machine the worker may take a while to reach them), then comes back.
      const started = Date.now();
      const outage = {
        kind: 'http' as const,
        status: 503,
        count: 0,
        api: 'message/send',
        untilMs: started + OUTAGE_MS + 60_000,
      };
      fake.state.faults.push(outage);
      const accepted = await say(users);
      let failedForGood = 0;
      while (Date.now() < started + OUTAGE_MS || (failedForGood === 0 && Date.now() < outage.untilMs)) {
        failedForGood = Math.max(failedForGood, (await web.queues.notify.getJobCounts('failed')).failed ?? 0);
        await sleep(200);
      }
      outage.untilMs = Date.now();
      const outageMs = outage.untilMs - started;
      const replied = () =>
        new Set(
          delivered()
            .filter((m) => m.to.startsWith('f6-'))
            .map((m) => m.to),
        ).size;
      // Jobs still inside their budget come back on their own, the last one a full backoff step later.
      const patience = LONG_OUTAGE_S > 0 ? 1600 : 300;
      for (let i = 0; i < patience && replied() < users.length; i++) await sleep(100);
      await sleep(1500); // a reconciler pass or two more: nothing may go out again

      expect(failedForGood, 'the outage outlasted the retry budget').toBeGreaterThan(0);
      expectNothingLost(
        `F6 WeCom 5xx for ${Math.round(outageMs / 1000)} s`,
        {
          sent: users,
          accepted,
          stored: await storedFrom('f6-%'),
          processed: delivered()
            .filter((m) => m.to.startsWith('f6-'))
            .map((m) => m.to),
        },
        { failedForGood },
      );
    },
    120_000 + OUTAGE_MS * 2 + (LONG_OUTAGE_S > 0 ? 160_000 : 0),
  );

  it('F9: a Redis wipe while a member is being sent to drops nothing and sends nothing twice', async () => {
    // 40 texts from one member: 25, Redis wiped while their replies go out, then 15 more. WeCom takes
    // 30 a minute for a member and silently drops the rest, so 10 replies must wait for the window.
    const member = 'f9-cadre';
    const texts = Array.from({ length: 40 }, () => fake.sender!.textXml(member, '帮助'));
    const msgIds = texts.map(
      (x) => /<MsgId><!\[CDATA\[(\d+)\]\]><\/MsgId>|<MsgId>(\d+)<\/MsgId>/.exec(x)!.slice(1).find(Boolean)!,
    );
    const post = async (xs: string[]) => {
      const ok: string[] = [];
      await Promise.all(
        xs.map(async (x) => {
          if ((await fake.sender!.post(x)).status === 200) ok.push(msgIds[texts.indexOf(x)]!);
        }),
      );
      return ok;
    };
    const accepted = await post(texts.slice(0, 25));
    for (let i = 0; i < 200 && delivered(member).length < 10; i++) await sleep(20);
    await redis.kill();
    await redis.start(); // empty: jobs, schedulers and the send window are gone
    accepted.push(...(await post(texts.slice(25))));
    // Each reply's outbox row, by the MsgId of the text it answers.
    const outbox = async () =>
      (
        await db.query<{ msg: string; sent: boolean }>(
          `SELECT i.payload->>'MsgId' AS msg, o.sent_at IS NOT NULL AS sent
             FROM outbox o JOIN inbox i ON o.job_id = 'cadre-reply-' || i.id || '-0'
            WHERE i.payload->>'FromUserName' = $1`,
          [member],
        )
      ).rows;
    // Every text answered (those whose jobs the wipe took, by the reconciler once their rows are 3 s old)
    // and the window full: a worker sends answers itself, so the window can fill before that.
    const settled = (rows: Array<{ sent: boolean }>) =>
      rows.length >= accepted.length && rows.filter((r) => r.sent).length >= 30;
    for (let i = 0; i < 150 && !settled(await outbox()); i++) await sleep(100);
    await sleep(2000); // what is over the window stays held, however often the reconciler runs

    const rows = await outbox();
    const stored = (
      await db.query<{ msg: string }>(
        `SELECT payload->>'MsgId' AS msg FROM inbox WHERE payload->>'FromUserName' = $1`,
        [member],
      )
    ).rows.map((r) => r.msg);
    const dropped = fake.state.sent.filter((m) => m.to === member && m.dropped).length;
    const sent = rows.filter((r) => r.sent).map((r) => r.msg);
    const held = rows.filter((r) => !r.sent).map((r) => r.msg);
    // WeCom got exactly what the outbox says was sent: nothing dropped, nothing extra, no more than 30.
    expect(dropped).toBe(0);
    expect(delivered(member)).toHaveLength(sent.length);
    expect(sent.length).toBeLessThanOrEqual(30);
    // Held, not lost: each waiting reply's job waits in Redis for the window to move on.
    const inboxOf = async (msg: string) =>
      (await db.query<{ id: number }>(`SELECT id FROM inbox WHERE payload->>'MsgId' = $1`, [msg])).rows[0]!.id;
    // A reply whose job the wipe took has none until the reconciler finds its row RECONCILE_AFTER_MS
    // (3 s) old; with sends running 20 at once the window can be full before then.
    const jobStates = () =>
      Promise.all(held.map(async (m) => web.queues.notify.getJobState(`cadre-reply-${await inboxOf(m)}-0`)));
    let states = await jobStates();
    for (let i = 0; i < 100 && states.some((s) => s !== 'delayed' && s !== 'waiting'); i++) {
      await sleep(100);
      states = await jobStates();
    }
    expect(states.filter((s) => s !== 'delayed' && s !== 'waiting')).toEqual([]);
    expectNothingLost(
      'F9 Redis wiped while sending to one member',
      { sent: msgIds, accepted, stored, processed: sent, held },
      { droppedByWecom: dropped },
    );
  }, 60_000);
});
