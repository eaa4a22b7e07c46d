import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { TRIAGE_BATCH } from '../src/queue/jobs.js';
import { createDeptKey } from '../src/store/dept-key-store.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/test-redis.js';
import { startTestService } from '../support/test-service.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const KINDS = ['medical_cost', 'dropout', 'unsafe_house', 'no_water', 'job_loss', 'low_income'];

async function waitUntil(fn: () => Promise<boolean>, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * A BullMQ no-op worker on the same Redis, with jobs of the same shape as triage's (TRIAGE_BATCH inbox
 * ids each): the reference for triage throughput, in reports a second.
 */
async function bareBullmq(jobs: number): Promise<number> {
  const prefix = testPrefix();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix });
  for (let i = 0; i < jobs; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: 'noop',
        data: { inboxIds: Array.from({ length: TRIAGE_BATCH }, (_, r) => (i + k) * TRIAGE_BATCH + r) },
      })),
    );
  let done = 0;
  const started = Date.now();
  const worker = new Worker('bare', async () => undefined, {
    connection: connection.duplicate(),
    prefix,
    concurrency: 5,
  });
  const finished = new Promise<void>((resolve) => worker.on('completed', () => ++done >= jobs && resolve()));
  await finished;
  const rate = (jobs * TRIAGE_BATCH) / ((Date.now() - started) / 1000);
  await worker.close();
  await queue.close();
  await dropPrefix(prefix);
  connection.disconnect();
  return rate;
}

/** 100,000 department rows end to end (request → every row triaged into a case), and triage rate per worker. */
export async function benchIntake(): Promise<Record<string, string | number>[]> {
  const env: Record<string, string> = { SEED_DEMO: 'auto' };
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const svc = await startTestService(env);
  await svc.db.query('TRUNCATE inbox, tasks, cases, audit_log CASCADE');
  const key = await createDeptKey(svc.db, '医保局');
  const { rows: hh } = await svc.db.query<{ id: string }>('SELECT id FROM households');
  const alerts = Array.from({ length: ROWS }, (_, i) => ({
    external_id: `B-${Date.now()}-${i}`,
    kind: KINDS[i % KINDS.length],
    household_id: hh[(i * 7919) % hh.length]!.id,
    description: i % 3 === 0 ? '住院自付费用' : '部门比对预警',
    amount_yuan: i % 3 === 0 ? 3000 + (i % 40) * 500 : undefined,
  }));
  const body = JSON.stringify({ alerts });
  const t0 = Date.now();
  const res = await fetch(`${svc.base}/api/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body,
  });
  const result = (await res.json()) as { accepted: number };
  const accepted = Date.now() - t0;
  if (process.env.BENCH_ACCEPT_ONLY) {
    await svc.stop();
    return [
      {
        case: `department batch ${ROWS} rows: request accepted`,
        value: `${(accepted / 1000).toFixed(1)} s`,
        note: `${result.accepted} accepted, workers triaging meanwhile`,
      },
    ];
  }
  const triaged = async () =>
    (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL')).rows[0]!.n;
  const finished = await waitUntil(async () => (await triaged()) >= ROWS, 30 * 60_000);
  const total = Date.now() - t0;
  const n = await triaged();
  const cases = (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM cases')).rows[0]!.n;
  await svc.stop();
  const triageRate = n / ((total - accepted) / 1000);
  const bare = await bareBullmq(2_000);
  return [
    {
      case: `department batch ${ROWS} rows: request accepted`,
      value: `${(accepted / 1000).toFixed(1)} s`,
      note: `${result.accepted} accepted`,
    },
    {
      case: 'department batch: request → all triaged',
      value: `${(total / 1000).toFixed(1)} s`,
      note: finished ? `${cases} cases (rest merged)` : `only ${n} triaged`,
    },
    { case: 'triage per worker (concurrency 5)', value: `${triageRate.toFixed(0)} reports/s`, note: svc.db.kind },
    {
      case: `bare BullMQ no-op worker, same Redis, jobs of ${TRIAGE_BATCH} ids`,
      value: `${bare.toFixed(0)} reports/s`,
      note: `ratio ${(triageRate / bare).toFixed(3)}`,
    },
  ];
}
