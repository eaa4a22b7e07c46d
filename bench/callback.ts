import { ensureBenchDatabase } from './bench-db.js';
import type { ChildProcess } from 'node:child_process';
import autocannon, { type Result } from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { migrate } from '../src/store/migrate.js';
import { openPgDb } from '../src/store/pg-db.js';
import { decodeCallback } from '../src/wecom/callback-codec.js';
import { sealMessage } from '../src/wecom/callback-crypto.js';
import { freePort } from '../support/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/test-redis.js';
import { cpuSeconds, loadAverage, start, stop } from './bench-process.js';
import { endToEnd, workerDrain } from './callback-worker.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** Callbacks the worker alone handles from the web role's backlog (its CPU per callback). */
const WORKER_CALLBACKS = Number(process.env.BENCH_WORKER_CALLBACKS ?? 20_000);
/** Cadres the callbacks come from (bf-0 … bf-4999, in turn): the worker's first pass over them is its warm-up. */
const CADRES = 5000;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shouwang_bench';
const keys = { token: 'bench-token', aesKey: 'd'.repeat(43), corpId: 'ww-bench' };

/**
 * Runs the load and reports, besides autocannon's figures, the CPU per request of the processes this
 * bench started (the server) and of itself (the load). Postgres and Redis are shared with whatever else
 * runs on the machine, so their CPU is not attributed to the requests.
 */
async function measured(server: ChildProcess, run: () => Promise<Result>) {
  const sides = {
    server: (_: string, pid: number) => pid === server.pid,
    load: (_: string, pid: number) => pid === process.pid,
  };
  const before = await Promise.all(Object.values(sides).map(cpuSeconds));
  const result = await run();
  const after = await Promise.all(Object.values(sides).map(cpuSeconds));
  const perRequest = Object.fromEntries(
    Object.keys(sides).map((k, i) => [
      `${k} µs/req`,
      Math.round(((after[i]! - before[i]!) / result.requests.total) * 1e6),
    ]),
  );
  return { result, perRequest };
}

const env = (prefix: string): NodeJS.ProcessEnv => ({
  DATABASE_URL,
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'off',
  HOST: '127.0.0.1',
  SWEEP_EVERY_MS: '0',
  RECONCILE_EVERY_MS: '0',
  BULLETIN_CRON: '',
  ROUNDS_CRON: '',
  WECOM_CORP_ID: keys.corpId,
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench',
  WECOM_TOKEN: keys.token,
  WECOM_AES_KEY: keys.aesKey,
  // The messages are sealed once at the start; a slow run on a loaded machine must not age them out.
  WECOM_CALLBACK_WINDOW_S: '86400',
  // The bench measures throughput and CPU, not the request's enqueue deadline: on a loaded machine 300 ms
  // is missed and the rows are left to the reconciler (off here), so nothing would be handled.
  ENQUEUE_TIMEOUT_MS: '3000',
});

/**
 * Verified+decrypted+stored+queued callbacks per second vs a bare Koa hello-world. Each server runs in
 * a process of its own (as in production) and autocannon here, so the load generator does not share
 * the server's event loop; same machine, same run, 127.0.0.1.
 */
export async function benchCallback(): Promise<Record<string, string | number>[]> {
  const loadStart = await loadAverage();
  const helloPort = await freePort();
  const hello = await start(['bench/hello-server.ts'], {}, helloPort);
  const { result: base, perRequest: baseCpu } = await measured(hello, () =>
    autocannon({ url: `http://127.0.0.1:${helloPort}/`, connections: CONNECTIONS, duration: DURATION }),
  );
  await stop(hello);

  const cut = DATABASE_URL.lastIndexOf('/');
  await ensureBenchDatabase(DATABASE_URL.slice(0, cut), DATABASE_URL.slice(cut + 1));
  const db = await openPgDb({ connectionString: DATABASE_URL, max: 1 });
  await migrate(db);
  await db.query('TRUNCATE inbox, inbox_keys, outbox, outbox_keys CASCADE');
  const prefix = testPrefix();
  const port = await freePort();
  const web = await start(['src/cli.ts', 'start', '--role', 'web'], env(prefix), port);
  // Distinct, correctly sealed messages, so every request is a new inbox row and a new job.
  const now = Math.floor(Date.now() / 1000);
  const sealed = Array.from({ length: 120_000 }, (_, i) => {
    const xml = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[bf-${i % CADRES}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[家里有人生病住院了 ${i}]]></Content><MsgId>${7_000_000_000_000_000 + i}</MsgId><AgentID>1000002</AgentID></xml>`;
    const s = sealMessage(keys, xml, String(now));
    return {
      query: `msg_signature=${s.msg_signature}&timestamp=${s.timestamp}&nonce=${s.nonce}`,
      body: `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${s.encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
    };
  });
  // The protocol work alone, in this process: what a callback costs before storage, queueing and HTTP.
  const decode = (i: number) => {
    const s = sealed[i % sealed.length]!;
    const q = Object.fromEntries(new URLSearchParams(s.query)) as {
      msg_signature: string;
      timestamp: string;
      nonce: string;
    };
    if (!decodeCallback({ keys, windowSeconds: 300, now: () => new Date(now * 1000) }, q, s.body).ok)
      throw new Error('bench message did not decode');
  };
  for (let i = 0; i < 5000; i++) decode(i); // warm up
  const decodeStart = process.hrtime.bigint();
  for (let i = 0; i < 20_000; i++) decode(i);
  const decodeUs = Number(process.hrtime.bigint() - decodeStart) / 1e3 / 20_000;

  // Our HTTP stack alone (metrics, errors, router; no body, no storage): how much of the gap is Koa's setup.
  const { result: stack, perRequest: stackCpu } = await measured(web, () =>
    autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections: CONNECTIONS, duration: DURATION / 2 }),
  );

  let next = 0;
  const callbacks = (run: { duration: number } | { amount: number }) =>
    autocannon({
      url: `http://127.0.0.1:${port}/wecom/callback`,
      connections: CONNECTIONS,
      ...run,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const s = sealed[next++ % sealed.length]!;
            return {
              ...req,
              path: `/wecom/callback?${s.query}`,
              body: s.body,
              headers: { 'content-type': 'text/xml' },
            };
          },
        },
      ],
    });
  const { result: ours, perRequest: oursCpu } = await measured(web, () => callbacks({ duration: DURATION }));
  // The worker's run needs its whole backlog (a warm-up pass over the cadres, then the steady state): on a
  // loaded machine the web role's 10 s store fewer, so more are sent, unmeasured.
  const toppedUp = Math.max(0, WORKER_CALLBACKS - ours.requests.total);
  if (toppedUp) await callbacks({ amount: toppedUp });
  await stop(web);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int n FROM inbox');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const intake = new Queue('intake', { connection, prefix });
  // Callbacks stored together share a job: count the inbox rows the jobs carry.
  const queued = (await intake.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).reduce(
    (n, j) => n + (j.data.inboxIds?.length ?? 0),
    0,
  );
  await intake.close();
  connection.disconnect();
  const loadBefore = await loadAverage();
  const worker = await workerDrain(db, prefix, env(prefix), keys.corpId, Math.min(WORKER_CALLBACKS, queued), CADRES);
  await dropPrefix(prefix);
  const e2e = await endToEnd(db, sealed, env(prefix), keys.corpId, DURATION);
  // The same process with its workers in a thread of their own (WORKER_THREAD=on): what a second loop buys.
  const threaded = await endToEnd(db, sealed, { ...env(prefix), WORKER_THREAD: 'on' }, keys.corpId, DURATION);
  const loadAfter = await loadAverage();
  await db.close();

  return [
    {
      case: 'bare Koa hello-world',
      'req/s': Math.round(base.requests.average),
      'p50 ms': base.latency.p50,
      'p99 ms': base.latency.p99,
      non2xx: base.non2xx,
      ...baseCpu,
    },
    {
      case: 'callback verify+decrypt+store+queue',
      'req/s': Math.round(ours.requests.average),
      'p50 ms': ours.latency.p50,
      'p99 ms': ours.latency.p99,
      non2xx: ours.non2xx,
      'ratio vs bare': (ours.requests.average / base.requests.average).toFixed(3),
      'inbox rows': rows[0]!.n,
      queued,
      'topped up': toppedUp,
      ...oursCpu,
    },
    {
      case: 'our web stack, GET /healthz',
      'req/s': Math.round(stack.requests.average),
      'p50 ms': stack.latency.p50,
      'p99 ms': stack.latency.p99,
      non2xx: stack.non2xx,
      ...stackCpu,
    },
    {
      case: 'worker role alone: backlog handled, replies sent',
      'req/s': Math.round(worker.perS),
      handled: worker.handled,
      unsent: worker.unsent,
      'worker µs/callback': Math.round(worker.cpuUs),
    },
    {
      case: `  of which the first ${worker.warmUp} (a callback from each cadre: JIT warm-up, each send window rebuilt)`,
      'worker µs/callback': Math.round(worker.warmUpCpuUs),
    },
    {
      case: `  and the other ${worker.handled - worker.warmUp}, steady state`,
      'req/s': Math.round(worker.steadyPerS),
      'worker µs/callback': Math.round(worker.steadyCpuUs),
    },
    ...[
      ['one process --role all: callbacks answered, handled, replies sent', e2e] as const,
      ['the same with its workers in a thread (WORKER_THREAD=on)', threaded] as const,
    ].map(([name, run]) => ({
      case: name,
      'req/s': Math.round(run.handledPerS),
      'answered req/s': Math.round(run.answeredPerS),
      'ratio vs web role': (run.handledPerS / ours.requests.average).toFixed(3),
      'inbox rows': run.stored,
      handled: run.handled,
      unsent: run.unsent,
      'server µs/req': Math.round(run.cpuUs),
      'callbacks/job': run.perJob.toFixed(1),
    })),
    { case: 'verify+decrypt+parse alone, in process', 'server µs/req': Math.round(decodeUs) },
    {
      case: `machine load (1 min): ${loadStart} at the start, ${loadBefore} before the worker run, ${loadAfter} at the end`,
    },
  ];
}
