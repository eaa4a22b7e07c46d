import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyBulletin } from '../../src/domain/use-cases/publish-bulletins.js';
import { loadPolicy } from '../../src/load-policy.js';
import { bulletinStore } from '../../src/store/bulletin-store.js';
import type { Db } from '../../src/store/db.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { createTestDatabase, pgAvailable } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const run = promisify(execFile);
const DAY = 86_400_000;

/** The operator's commands as they are typed: `npm run cli -- sweep --at …` and `report weekly`, on the real server. */
describe.runIf(await pgAvailable())('cli sweep and report weekly', () => {
  const prefix = testPrefix();
  const out = join(tmpdir(), `${prefix}.xlsx`);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: NodeJS.ProcessEnv;
  let db: Db;
  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env });
  const failing = (...args: string[]) =>
    cli(...args).then(
      () => {
        throw new Error('expected the command to fail');
      },
      (err: { code: number; stderr: string }) => err,
    );

  beforeAll(async () => {
    database = await createTestDatabase('cli');
    env = { ...process.env, DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
    await cli('seed-demo', '--households', '300');
    db = await openPgDb({ connectionString: database.url, max: 2 });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    await dropPrefix(prefix);
    await rm(out, { force: true });
  });

  it('replays an instant: reminders for everything due then, digests queued, nothing twice', async () => {
    const at = new Date(Date.now() + 100 * DAY).toISOString().replace(/T.*/, 'T10:00:00+08:00'); // every schedule has come due
    const first = JSON.parse((await cli('sweep', '--at', at)).stdout);
    const scheduled = (
      await db.query<{ n: number; cadres: number }>(
        `SELECT count(*)::int n, count(DISTINCT l.cadre_userid)::int cadres FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id WHERE h.status <> 'ordinary'`,
      )
    ).rows[0]!;
    expect(first).toMatchObject({
      quiet: false,
      households: scheduled.n,
      digests: scheduled.cadres,
      queued: scheduled.cadres,
    });
    expect(first.reminders).toBeGreaterThanOrEqual(scheduled.n);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const notify = new Queue('notify', { connection, prefix });
    // One job hands the page of digests to a worker, which adds their send jobs; the messages are in the
    // outbox already, so the reconciler sends them should Redis lose that job.
    const waiting = await notify.getWaiting();
    expect(waiting.map((j) => j.name)).toEqual(['queue-digests']);
    const { rows: digestIds } = await db.query<{ id: number }>('SELECT id FROM digests ORDER BY id');
    expect(waiting[0]!.data.digestIds).toEqual(digestIds.map((r) => Number(r.id)));
    const recorded = await db.query<{ n: number }>(
      `SELECT count(*)::int n FROM outbox WHERE job_id LIKE 'digest-%' AND sent_at IS NULL`,
    );
    expect(recorded.rows[0]!.n).toBe(scheduled.cadres);
    await notify.close();
    connection.disconnect();

    expect(JSON.parse((await cli('sweep', '--at', at)).stdout)).toMatchObject({ reminders: 0, digests: 0, queued: 0 });
    const bad = await failing('sweep', '--at', 'tomorrow');
    expect(bad.stderr).toContain('--at must be an ISO time');
  }, 60_000);

  it('writes the XLSX with the same figures the bulletin has, and names the townships when one is wrong', async () => {
    const inWeek = new Date(Date.now() + 14 * DAY);
    const day = inWeek.toISOString().slice(0, 10);
    const { stdout } = await cli('report', 'weekly', '--township', 'T1', '--week', day, '--out', out);
    expect(stdout).toContain(`周通报已写入 ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '干部', '村', '8个一']);
    const summary = Object.fromEntries(
      wb
        .getWorksheet('汇总')!
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    const policy = loadPolicy('policy/default.json');
    const b = await weeklyBulletin(
      { policy, timeZone: 'Asia/Shanghai', store: bulletinStore(db) },
      { id: 'T1', name: '青山镇' },
      new Date(`${day}T12:00:00Z`),
      new Date(),
    );
    expect(b.totals.due).toBeGreaterThan(0);
    expect(summary).toMatchObject({
      乡镇: '青山镇（T1）',
      干部: b.totals.cadres,
      脱贫户和监测户: b.totals.households,
      '应走访联系（次）': b.totals.due,
      '完成（次）': 0,
    });
    expect(wb.getWorksheet('干部')!.rowCount).toBe(b.cadres.length + 1);
    expect(wb.getWorksheet('村')!.rowCount).toBe(6); // header + T1's five villages

    const wrong = await failing('report', 'weekly', '--township', 'T9');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('没有乡镇「T9」；--township 可选：T1（青山镇）、T2（河口乡）');
  }, 60_000);

  it('rounds opens the week’s and half month’s rounds once and queues their cards; a rerun queues nothing', async () => {
    const at = '2026-12-02T10:00:00+08:00';
    const first = JSON.parse((await cli('rounds', '--at', at)).stdout);
    const places = (
      await db.query<{ v: number; t: number }>(
        'SELECT (SELECT count(*) FROM villages)::int AS v, (SELECT count(*) FROM townships)::int AS t',
      )
    ).rows[0]!;
    expect(first).toMatchObject({ villages: places.v, townships: places.t, month: '2026-11' });
    expect(first.queued).toBe(places.v + places.t); // every round queued (its cards to the chain)
    const again = JSON.parse((await cli('rounds', '--at', at)).stdout);
    expect(again).toMatchObject({ villages: 0, townships: 0, month: null, queued: 0, digests: 0 });
    expect(await failing('rounds', '--at', 'someday')).toMatchObject({ code: 1 });
  }, 60_000);
});
