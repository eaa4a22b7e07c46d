import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { openPgDb } from '../src/store/pg-db.js';
import { FakeWecomServer } from '../src/wecom/fake/fake-wecom-server.js';
import { freePort } from '../support/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/test-redis.js';
import { cpuOf, sleep, start, stop } from './bench-process.js';

type Db = Awaited<ReturnType<typeof openPgDb>>;
export type Sealed = Array<{ query: string; body: string }>;

/** Stored callbacks, those handled, and replies recorded but neither sent nor refused yet. */
async function progress(db: Db) {
  const { rows } = await db.query<{ stored: number; handled: number; unsent: number }>(
    `SELECT (SELECT count(*)::int FROM inbox) stored, (SELECT count(handled_at)::int FROM inbox) handled,
            (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) unsent`,
  );
  return rows[0]!;
}

/** Polls until `done` holds (or `ms` passed); returns the last reading. */
async function until(db: Db, done: (p: Awaited<ReturnType<typeof progress>>) => boolean, ms: number) {
  let p = await progress(db);
  for (const end = Date.now() + ms; !done(p) && Date.now() < end; p = await progress(db)) await sleep(200);
  return p;
}

const fakeWecom = (corpId: string) => new FakeWecomServer({ corpId, agentId: 1000002, secret: 'bench' }).start();

/** Handles callbacks until `handled` of them are, then pauses intake and waits for every reply to be sent. */
async function drainTo(db: Db, intake: Queue, handled: number) {
  await intake.resume();
  await until(db, (p) => p.handled >= Math.min(handled, p.stored), 300_000);
  await intake.pause();
  for (let i = 0; i < 1500 && (await intake.getActiveCount()) > 0; i++) await sleep(200);
  return until(db, (q) => q.unsent === 0, 300_000);
}

/**
 * A worker role alone on the web role's backlog: the intake queue is paused while the worker starts, so
 * its start-up is not counted; then it handles `target` callbacks (pausing intake again), and the
 * measurement ends once every reply those produced was sent to the fake WeCom. CPU is that process's.
 *
 * The run is measured in two parts. The first `warmUp` callbacks (one from each cadre) carry what a
 * fresh process pays once: V8 compiling the hot paths, and each cadre's first send rebuilding its send
 * window from the outbox (the bench's prefix is new, so no window exists). The rest is the steady state,
 * reported on its own: the whole run's figure falls as more callbacks share the fixed part.
 */
export async function workerDrain(
  db: Db,
  prefix: string,
  base: NodeJS.ProcessEnv,
  corpId: string,
  target: number,
  warmUp: number,
) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const intake = new Queue('intake', { connection, prefix });
  await intake.pause();
  const fake = await fakeWecom(corpId);
  const port = await freePort();
  const env = { ...base, QUEUE_PREFIX: prefix, WECOM_API_BASE: fake.url, METRICS_PORT: String(port) };
  const worker = await start(['src/cli.ts', 'start', '--role', 'worker'], env, port);
  await sleep(500);
  const cpu0 = await cpuOf(worker);
  const t0 = Date.now();
  const warm = await drainTo(db, intake, Math.min(warmUp, target));
  const [cpuW, tW] = [await cpuOf(worker), Date.now()];
  const p = await drainTo(db, intake, target);
  const [cpuEnd, t] = [await cpuOf(worker), Date.now()];
  await stop(worker);
  await fake.stop();
  await intake.close();
  connection.disconnect();
  const steady = Math.max(1, p.handled - warm.handled);
  return {
    handled: p.handled,
    unsent: p.unsent,
    perS: p.handled / ((t - t0) / 1000),
    cpuUs: ((cpuEnd - cpu0) / Math.max(1, p.handled)) * 1e6,
    warmUp: warm.handled,
    warmUpCpuUs: ((cpuW - cpu0) / Math.max(1, warm.handled)) * 1e6,
    steadyPerS: steady / ((t - tW) / 1000),
    steadyCpuUs: ((cpuEnd - cpuW) / steady) * 1e6,
  };
}

/**
 * `--role all` (web and workers in one process, a fake WeCom for the replies): callbacks for `duration`
 * seconds, then until every stored one is handled and its reply sent. Throughput counts handled callbacks
 * over the whole time, so a process that answers fast and handles late is not flattered; CPU is that
 * process's.
 */
export async function endToEnd(db: Db, sealed: Sealed, base: NodeJS.ProcessEnv, corpId: string, duration: number) {
  await db.query('TRUNCATE inbox, inbox_keys, outbox, outbox_keys CASCADE');
  const fake = await fakeWecom(corpId);
  const prefix = testPrefix();
  const port = await freePort();
  const metricsPort = await freePort();
  const all: ChildProcess = await start(
    ['src/cli.ts', 'start', '--role', 'all'],
    { ...base, QUEUE_PREFIX: prefix, WECOM_API_BASE: fake.url, METRICS_PORT: String(metricsPort) },
    port,
  );
  let next = 0;
  const cpu0 = await cpuOf(all);
  const t0 = Date.now();
  const answered = await autocannon({
    url: `http://127.0.0.1:${port}/wecom/callback`,
    connections: 50,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const s = sealed[(next++ + 60_000) % sealed.length]!;
          return { ...req, path: `/wecom/callback?${s.query}`, body: s.body, headers: { 'content-type': 'text/xml' } };
        },
      },
    ],
  });
  const answeredPerS = answered.requests.average;
  const p = await until(db, (q) => q.handled >= q.stored && q.unsent === 0, 300_000);
  const seconds = (Date.now() - t0) / 1000;
  const cpu = (await cpuOf(all)) - cpu0;
  const jobs = await callbackJobs(metricsPort);
  await stop(all);
  await fake.stop();
  await dropPrefix(prefix);
  return {
    ...p,
    answeredPerS,
    handledPerS: p.handled / seconds,
    cpuUs: (cpu / Math.max(1, p.handled)) * 1e6,
    perJob: p.handled / Math.max(1, jobs),
  };
}

/**
 * Handle-callback jobs the process completed (its /metrics, the worker thread's counters included): how
 * many callbacks a job carried tells how far the web side's group commit batched them.
 */
async function callbackJobs(metricsPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const lines = text.matchAll(/^shouwang_jobs_completed_total\{queue="intake[^"]*",job="handle-callback"\} (\d+)$/gm);
  return [...lines].reduce((n, m) => n + Number(m[1]), 0);
}
