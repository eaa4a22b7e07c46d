import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { faultEnv, fakeCorp, startFakeWecom } from '../helpers/fault-env.js';
import { expectNothingLost } from '../helpers/fault-tally.js';
import { freePort, startRoleWithLog, stopAll } from '../helpers/processes.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const CADRES = 300;
const wecom = fakeCorp('thread', 't');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `--role all` on Postgres with WORKER_THREAD=on runs its workers and schedulers in a worker thread of the
 * one process: the process answers callbacks and its thread handles them and sends the replies; /readyz
 * and /metrics speak for both threads; a SIGTERM while callbacks arrive drains the web side and the
 * thread, and what was answered is handled (after the next start, for jobs still waiting). A thread that
 * cannot start stops the process instead of leaving a web side that answers callbacks nobody handles.
 */
describe.runIf(await pgAvailable())('--role all with its workers in a thread', () => {
  const prefix = testPrefix();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let fake: FakeWecomServer;
  let env: NodeJS.ProcessEnv;
  const apps: Array<ReturnType<typeof startRoleWithLog>> = [];

  beforeAll(async () => {
    database = await createTestDatabase('thread');
    db = await openPgDb({ connectionString: database.url, max: 2 });
    await migrate(db);
    fake = await startFakeWecom(wecom);
    env = faultEnv(
      { databaseUrl: database.url, redisUrl: REDIS_URL, prefix, fake, corp: wecom },
      { LOG_LEVEL: 'info', WORKER_THREAD: 'on' },
    );
  }, 60_000);

  afterAll(async () => {
    await stopAll(apps.map((a) => a.proc));
    await fake?.stop();
    await db?.close();
    await database?.drop();
    await dropPrefix(prefix);
  }, 30_000);

  /** Starts the process on fresh ports and waits until it is ready (the thread included). */
  const start = async (extra: NodeJS.ProcessEnv = {}) => {
    const port = await freePort();
    const metricsPort = await freePort();
    const app = startRoleWithLog('all', { ...env, PORT: String(port), METRICS_PORT: String(metricsPort), ...extra });
    apps.push(app);
    expect(await app.waitFor('"role":"all"', 90_000), app.lines.join('\n')).toBe(true);
    fake.connectApp(`http://127.0.0.1:${port}/wecom/callback`);
    return { ...app, port, metricsPort };
  };
  const exited = (app: { proc: { exitCode: number | null; once(e: 'exit', f: (code: number) => void): void } }) =>
    new Promise<number>((resolve) =>
      app.proc.exitCode !== null ? resolve(app.proc.exitCode) : app.proc.once('exit', (code) => resolve(code)),
    );
  const progress = async () =>
    (
      await db.query<{ stored: number; unhandled: number; unsent: number }>(
        `SELECT (SELECT count(*)::int FROM inbox) stored, (SELECT count(*)::int FROM inbox WHERE handled_at IS NULL) unhandled,
                (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) unsent`,
      )
    ).rows[0]!;

  it('answers, handles and replies in one process, reports both threads, and a SIGTERM mid-load loses nothing', async () => {
    const app = await start();
    const logs = () => app.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const thread = logs().find((l) => l.msg === 'shouwang started' && l.thread === 'worker');
    expect(thread, app.lines.join('\n')).toMatchObject({ role: 'worker', pid: app.proc.pid });
    expect(logs().find((l) => l.msg === 'shouwang started' && l.role === 'all')).toMatchObject({ workerThread: true });
    const ready = (await (await fetch(`http://127.0.0.1:${app.port}/readyz`)).json()) as { checks: object };
    expect(ready.checks).toEqual({ db: 'ok', redis: 'ok', queues: 'ok', 'worker thread': 'ok' });

    // One callback end to end: stored by the web side, handled and answered by the thread.
    expect((await fake.sender!.text('bf-first', '帮助')).status).toBe(200);
    for (let i = 0; i < 200 && !fake.state.sent.some((m) => m.to === 'bf-first'); i++) await sleep(50);
    expect(fake.state.sent.filter((m) => m.to === 'bf-first')).toHaveLength(1);
    // The thread's counters (its jobs) beside the web side's (callbacks); the queue gauge once, not summed.
    // The job completes just after its reply went out: its count is read once it is there.
    const completed = /^shouwang_jobs_completed_total\{queue="intake",job="handle-callback"\} 1$/m;
    let metrics = '';
    for (let i = 0; i < 100 && !completed.test(metrics); i++, await sleep(50))
      metrics = await (await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(completed);
    expect(metrics).toMatch(/^shouwang_callback_seconds_count 1$/m);
    expect(metrics.match(/^shouwang_queue_jobs\{queue="intake",state="failed"\} 0$/gm)).toHaveLength(1);

    // A stream of callbacks, one per cadre, and a SIGTERM while it runs.
    const sent: string[] = [];
    const accepted: string[] = [];
    let stopped = false;
    const stream = (async () => {
      for (let i = 0; i < CADRES; i += 10) {
        const batch = Array.from({ length: 10 }, (_, j) => `bf-${i + j}`);
        sent.push(...batch);
        await Promise.all(
          batch.map((u) =>
            fake.sender!.text(u, '帮助').then(
              (r) => r.status === 200 && accepted.push(u),
              () => undefined, // the port is closed: not answered, WeCom would retry
            ),
          ),
        );
        if (stopped && accepted.length < sent.length) break;
      }
    })();
    while (accepted.length < CADRES / 3) await sleep(20);
    app.proc.kill('SIGTERM');
    stopped = true;
    expect(await exited(app)).toBe(0);
    await stream;
    const stops = logs().filter((l) => l.msg === 'shouwang stopped');
    expect(stops.map((l) => l.thread ?? 'web').sort()).toEqual(['web', 'worker']);
    expect(accepted.length).toBeLessThan(CADRES); // the stop came mid-stream

    // What was answered is stored; the next start handles whatever was still waiting, and replies once.
    const again = await start();
    let p = await progress();
    for (let i = 0; i < 600 && (p.unhandled > 0 || p.unsent > 0); i++, p = await progress()) await sleep(100);
    const stored = (await db.query<{ user: string }>(`SELECT payload->>'FromUserName' AS user FROM inbox`)).rows;
    expectNothingLost('--role all, SIGTERM mid-load, worker thread', {
      sent,
      accepted,
      stored: stored.map((r) => r.user).filter((u) => u !== 'bf-first'),
      processed: fake.state.sent.map((m) => m.to).filter((to) => to !== 'bf-first'),
    });
    again.proc.kill('SIGTERM');
    expect(await exited(again)).toBe(0);
  }, 180_000);

  it('stops the process, with an error, when its worker thread cannot start', async () => {
    // The web side reads the policy without the triage files; the thread reads them, and this one is missing.
    const policy = JSON.parse(await readFile('policy/default.json', 'utf8')) as Record<string, unknown>;
    const file = join(await mkdtemp(join(tmpdir(), 'thread-policy-')), 'policy.json');
    const model = resolve('policy', (policy.triageFiles as { model: string }).model);
    await writeFile(
      file,
      JSON.stringify({ ...policy, triageFiles: { lexicons: ['/nonexistent/lexicon.json'], model } }),
    );
    const app = startRoleWithLog('all', { ...env, PORT: String(await freePort()), POLICY_FILE: file });
    apps.push(app);
    expect(await exited(app)).toBe(1);
    expect(app.lines.join('\n')).toContain('/nonexistent/lexicon.json');
  }, 90_000);
});
