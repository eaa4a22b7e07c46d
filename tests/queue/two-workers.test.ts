import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { startRole, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL, testPrefix, testRedis } from '../helpers/test-redis.js';
import { queuePrefix } from '../../src/queue/queues.js';
import { isCluster } from '../../src/queue/redis.js';

const SWEEP_EVERY_MS = 300;
const wecom = { corpId: 'ww-two-workers', agentId: 1000002, secret: 'two-workers-secret' };

/**
 * Two real worker processes (`cli start --role worker`) on one Redis and one Postgres, both with the
 * sweep scheduler, plus a burst of extra sweeps racing each other: every cadre gets one digest.
 */
describe.runIf(await pgAvailable())('two worker processes', () => {
  const prefix = testPrefix();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  const procs: ChildProcess[] = [];
  let expected: { cadres: number; households: number };
  let elapsedMs = 0;
  let schedulerRuns: unknown[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('two_workers');
    const url = database.url;
    db = await openPgDb({ connectionString: url, max: 2 });
    await migrate(db);
    await seedDemo(db, { households: 2000, seed: 11 });
    // Every household on a schedule is a day overdue for its visit.
    await db.query(
      `UPDATE households SET next_visit_due_at = now() - interval '1 day', next_call_due_at = NULL, remind_at = now() - interval '1 day' WHERE status <> 'ordinary'`,
    );
    expected = (
      await db.query<{ cadres: number; households: number }>(
        `SELECT count(DISTINCT l.cadre_userid)::int AS cadres, count(*)::int AS households FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id WHERE h.status <> 'ordinary'`,
      )
    ).rows[0]!;

    // No quiet hours: this test runs at whatever hour CI does.
    const policy = JSON.parse(await readFile('policy/default.json', 'utf8'));
    policy.reminders.quietHours = { start: '00:00', end: '00:00' };
    // The counts below are the visits'; the 8个一 in the digest are tests/handlers/pair-duties.test.ts's.
    policy.pairHelper.remind = false;
    // The copy lives elsewhere, so the lexicons and model it names are given by their full paths.
    const fromPolicyDir = (f: string) => resolve('policy', f);
    policy.triageFiles.lexicons = policy.triageFiles.lexicons.map(fromPolicyDir);
    policy.triageFiles.model = fromPolicyDir(policy.triageFiles.model);
    const policyFile = join(tmpdir(), `${prefix}-policy.json`);
    await writeFile(policyFile, JSON.stringify(policy));

    fake = await new FakeWecomServer(wecom).start();
    const env = {
      POLICY_FILE: policyFile,
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SWEEP_EVERY_MS: String(SWEEP_EVERY_MS),
      BULLETIN_CRON: '',
      ROUNDS_CRON: '',
      WECOM_API_BASE: fake.url,
      WECOM_CORP_ID: wecom.corpId,
      WECOM_AGENT_ID: String(wecom.agentId),
      WECOM_SECRET: wecom.secret,
      WECOM_TOKEN: 'two-workers-token',
      WECOM_AES_KEY: 'a'.repeat(43),
    };
    const started = Date.now();
    for (let i = 0; i < 2; i++) procs.push(startRole('worker', env));

    // Ten more sweeps of the same instant at once: they overlap across both processes.
    const connection = testRedis();
    const schedule = new Queue('schedule', {
      connection,
      prefix: queuePrefix(prefix, 'schedule', isCluster(connection)),
    });
    await schedule.addBulk(
      Array.from({ length: 10 }, (_, i) => ({
        name: JOB.sweepDue,
        data: { at: new Date().toISOString() },
        opts: { jobId: `race-${i}` },
      })),
    );

    const sentTexts = () => fake.state.sent.filter((m) => m.api === 'message/send').length;
    for (let t = 0; t < 600 && sentTexts() < expected.cadres; t++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 10 * SWEEP_EVERY_MS)); // ten more scheduled sweeps: nothing new may go out
    elapsedMs = Date.now() - started;
    schedulerRuns = (await schedule.getJobs(['completed', 'active', 'waiting', 'delayed'])).filter(
      (j) => j.name === JOB.sweepDue && !j.id?.startsWith('race-'),
    );
    await schedule.close();
    connection.disconnect();
  }, 90_000);

  afterAll(async () => {
    await stopAll(procs);
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await dropPrefix(prefix);
  });

  it('sends each cadre one digest and records each reminder once', async () => {
    const texts = fake.state.sent.filter((m) => m.api === 'message/send');
    expect(expected.cadres).toBeGreaterThan(20);
    expect(texts).toHaveLength(expected.cadres);
    expect(new Set(texts.map((m) => m.to)).size).toBe(expected.cadres);
    const { rows } = await db.query<{ reminders: number; digests: number }>(
      // Each visit reminded is recorded on its household's row (026), not in reminders.
      `SELECT (SELECT count(visit_reminded)::int FROM household_reminders) AS reminders, (SELECT count(*)::int FROM digests) AS digests`,
    );
    expect(rows[0]).toEqual({ reminders: expected.households, digests: expected.cadres });
  });

  it('fires the shared scheduler once per interval, not once per worker', () => {
    expect(schedulerRuns.length).toBeGreaterThan(3);
    expect(schedulerRuns.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / SWEEP_EVERY_MS) + 2);
  });
});
