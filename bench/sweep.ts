import { readFileSync } from 'node:fs';
import { recordDigestMessages, recordOutbound } from '../src/store/outbox-store.js';
import { Redis } from 'ioredis';
import { runSweep } from '../src/domain/use-cases/run-sweep.js';
import { loadPolicy } from '../src/load-policy.js';
import { createLogger } from '../src/logger.js';
import { enqueuer } from '../src/queue/enqueue.js';
import { sweepDeps } from '../src/wiring/schedule-deps.js';
import { closeAll, createQueues } from '../src/queue/queues.js';
import type { Db } from '../src/store/db.js';
import { seedDemo } from '../src/store/seed-demo.js';
import { openBenchDatabase } from './bench-db.js';
import { scheduleUnscheduled } from '../src/store/sweep-store.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/test-redis.js';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const DUE = (process.env.BENCH_DUE ?? '100000,1000,0').split(',').map(Number);
const SERVER = process.env.BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = `shouwang_bench_sweep_${HOUSEHOLDS}`;
/** A Wednesday 10:00 in the county: outside the quiet hours. */
const AT = new Date('2027-01-06T10:00:00+08:00');
const HOUR = 3_600_000;

async function openBenchDb(): Promise<Db> {
  const db = await openBenchDatabase(SERVER, DB_NAME);
  return db;
}

/** Exactly `due` scheduled households are a day overdue at AT; the rest are due a month later. */
async function makeDue(db: Db, due: number): Promise<void> {
  await db.query('TRUNCATE reminders, digests, outbox, outbox_keys');
  // What earlier runs' claims recorded as reminded (026), as TRUNCATE forgets the rest.
  await db.query(
    'UPDATE household_reminders SET visit_reminded = NULL, visit_period = NULL, call_reminded = NULL, call_period = NULL WHERE visit_reminded IS NOT NULL OR call_reminded IS NOT NULL',
  );
  await db.query(
    `UPDATE households SET next_visit_due_at = $1, next_call_due_at = NULL, remind_at = $1 WHERE status <> 'ordinary'`,
    [new Date(AT.getTime() + 30 * 24 * HOUR)],
  );
  await db.query(
    `UPDATE households SET next_visit_due_at = $1, remind_at = $1 WHERE id IN (SELECT id FROM households WHERE status <> 'ordinary' ORDER BY id LIMIT $2)`,
    [new Date(AT.getTime() - 24 * HOUR), due],
  );
  // The 8个一 as on a morning when the same households' duties change stage: those due a look, none
  // unscheduled (else each run would take the next 20,000 never looked at, and no two runs would compare).
  await db.query(
    `UPDATE household_duty_reminders d SET remind_at = CASE WHEN x.id IS NULL THEN $2::timestamptz ELSE $1::timestamptz END
       FROM household_duty_reminders r LEFT JOIN (SELECT id FROM households WHERE status <> 'ordinary' ORDER BY id LIMIT $3) x ON x.id = r.household_id
      WHERE d.household_id = r.household_id`,
    [new Date(AT.getTime() - 24 * HOUR), new Date(AT.getTime() + 30 * 24 * HOUR), due],
  );
  // What autovacuum would have done after such an update.
  await db.query('VACUUM ANALYZE households');
  await db.query('VACUUM ANALYZE household_reminders');
  await db.query('VACUUM ANALYZE household_duty_reminders');
}

/**
 * CPU (ms) the Postgres backends serving this database have used so far, by pid, from /proc (the server
 * runs on this machine; {} where it does not). A sweep's cost is as much in Postgres as in Node.
 */
async function pgCpu(db: Db): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, after the ")" that ends the command name.
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      byPid.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // Not on this machine, or gone: counts nothing.
    }
  }
  return byPid;
}

async function pgCpuSince(db: Db, before: Map<number, number>): Promise<number> {
  let ms = 0;
  for (const [pid, now] of await pgCpu(db)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** Wall time, this process's CPU, and peak heap above the starting point while fn runs, sampled every 5 ms (RSS is not: seeding leaves it high). */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; heapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  const peak = Math.max(heap, process.memoryUsage().heapUsed) - base.heapUsed;
  return {
    value,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapMb: Math.round((peak / 1048576) * 10) / 10,
  };
}

/**
 * One reminder sweep over a county of a million households, with 100,000, 1,000 and no households
 * due: store transaction plus queueing the digests on BullMQ, time and memory. The cost should
 * follow what is due, not the county's size.
 */
export async function benchSweep(): Promise<Record<string, string | number>[]> {
  const db = await openBenchDb();
  const loaded = loadPolicy('policy/default.json');
  // BENCH_SWEEP_DUTIES=off leaves out the 8个一 duty reminders, for figures comparable with sweeps from before them.
  const policy =
    process.env.BENCH_SWEEP_DUTIES === 'off'
      ? { ...loaded, pairHelper: { ...loaded.pairHelper, remind: false } }
      : loaded;
  const have = (await db.query<{ n: number }>('SELECT count(*)::int n FROM households')).rows[0]!.n;
  if (have < HOUSEHOLDS) {
    const t0 = Date.now();
    const seeded = await seedDemo(db, { households: HOUSEHOLDS, seed: 2026 });
    await scheduleUnscheduled(db, policy, AT);
    console.log(`seeded ${JSON.stringify(seeded)} in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  const { households, scheduled } = (
    await db.query<{ households: number; scheduled: number }>(
      `SELECT count(*)::int households, count(*) FILTER (WHERE status <> 'ordinary')::int scheduled FROM households`,
    )
  ).rows[0]!;

  const prefix = testPrefix();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createQueues({ connection, prefix, logger: createLogger('silent') });
  const deps = sweepDeps(
    db,
    policy,
    'Asia/Shanghai',
    enqueuer(queues, {
      record: (rows) => recordOutbound(db, rows),
      recordDigests: (rows) => recordDigestMessages(db, rows),
      villagerUpdateDelayMs: 0,
    }),
  );
  const rows: Record<string, string | number>[] = [];
  for (const due of DUE) {
    await makeDue(db, due);
    const plan = (
      await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT household_id FROM household_reminders WHERE remind_at <= $1`,
        [AT],
      )
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join(' ');
    // The machine is shared: the 1-minute load average just before the run says how much of it the sweep had.
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
    const pg0 = await pgCpu(db);
    const run = await measured(() => runSweep(deps, AT));
    const pgMs = await pgCpuSince(db, pg0);
    await queues.notify.obliterate({ force: true });
    rows.push({
      households,
      scheduled,
      due,
      'sweep ms': run.ms,
      // This process's CPU (not Postgres' or Redis'): on a shared machine it moves far less than the wall time.
      'node cpu ms': run.cpuMs,
      'pg cpu ms': pgMs,
      'µs per due': due ? Math.round((run.ms * 1000) / due) : '-',
      reminders: run.value.reminders,
      digests: run.value.digests,
      queued: run.value.queued,
      'heap peak MB': run.heapMb,
      load,
      'due rows via': /household_reminders_due_idx/.test(plan) ? 'household_reminders_due_idx' : plan.slice(0, 60),
    });
  }
  await closeAll(queues, []);
  connection.disconnect();
  await dropPrefix(prefix);
  await db.close();
  return rows;
}
