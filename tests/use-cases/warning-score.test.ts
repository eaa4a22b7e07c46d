import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { triageReport, type TriageDeps } from '../../src/domain/use-cases/triage-report.js';
import type { Report } from '../../src/domain/triage/report.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import { sweepTransaction } from '../../src/store/sweep-store.js';
import { sweepDue } from '../../src/domain/use-cases/sweep-due.js';
import { triageDeps } from '../helpers/store-deps.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

/** The early-warning score as triage computes and stores it, and the urgency it raises. */
describe('early-warning score in triage', () => {
  let db: Db;
  let deps: TriageDeps;
  let householdId: string;
  let n = 0;
  beforeAll(async () => {
    db = await openTestDb();
    deps = triageDeps(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await seedDemo(db, { households: 50, seed: 9 });
    householdId = (
      await db.query<{ id: string }>(`SELECT id FROM households WHERE status = 'lifted' ORDER BY id LIMIT 1`)
    ).rows[0]!.id;
    // A household of working adults with nothing on file that scores: only what happens to it counts.
    await db.query(
      `UPDATE members SET labour = 'full', disability = '', schooling = '', birth_date = '1980-05-01' WHERE household_id = $1`,
      [householdId],
    );
    await db.query('UPDATE households SET income_per_capita = 9800 WHERE id = $1', [householdId]);
  });

  const row = async (department: string, r: Partial<Report>) => {
    const report: Report = { channel: 'department', reporter: department, text: '', identity: { householdId }, ...r };
    const id = (await insertInbox(db, { source: `dept:${department}`, sourceMsgId: String(++n), payload: report }))!;
    return triageReport(deps, id, new Date());
  };
  const household = async () =>
    (
      await db.query<{ warning_score: number; warning_reasons: Array<{ part: string; points: number; text: string }> }>(
        'SELECT warning_score, warning_reasons FROM households WHERE id = $1',
        [householdId],
      )
    ).rows[0]!;

  it('adds up reports from several departments and a falling income, stores the reasons, and raises the case to green', async () => {
    await db.query(
      `INSERT INTO income_readings (household_id, yuan, source, at) VALUES ($1, 9800, 'cadre', now() - interval '300 days')`,
      [householdId],
    );
    expect(await row('县医保局', { kind: 'medical_cost', amountYuan: 4000, text: '住院自付' })).toMatchObject({
      status: 'screened',
    });
    expect((await household()).warning_score).toBe(0);

    const first = await row('县人社局', { kind: 'job_loss', text: '户主失业' });
    expect(first.status).toBe('created');
    expect(await household()).toMatchObject({ warning_score: 20 }); // 2 reports (8) + 2 departments (12)
    const caseId = (first as { caseId: number }).caseId;
    expect((await db.query('SELECT urgency FROM cases WHERE id = $1', [caseId])).rows[0]).toEqual({
      urgency: 'normal',
    });

    expect(await row('县民政局', { kind: 'low_income', amountYuan: 6900, text: '人均纯收入低于监测线' })).toMatchObject(
      {
        status: 'merged',
        caseId,
      },
    );
    const h = await household();
    expect(h.warning_score).toBe(76);
    expect(h.warning_reasons.map((r) => [r.part, r.points, r.text])).toEqual([
      ['reports', 16, '近90天有3次报告（部门3次，其中1次未达预警标准）。'],
      ['departments', 20, '30天内3个部门推送了该户的数据（县人社局、县医保局、县民政局）。'],
      ['income_trend', 15, '人均纯收入由9,800元降至6,900元（下降30%）。'],
      ['lines', 25, '人均纯收入6,900元，低于监测线7,100元。'],
    ]);
    const raised = (
      await db.query<{ urgency: string; rules_fired: string[] }>(
        'SELECT urgency, rules_fired FROM cases WHERE id = $1',
        [caseId],
      )
    ).rows[0]!;
    expect(raised.urgency).toBe('green');
    expect(raised.rules_fired).toContain('score:信号累积(76分)');
  });

  it('opens a new case on the 绿色通道 (2-hour 签收) once signals have accumulated', async () => {
    await db.query(
      `INSERT INTO income_readings (household_id, yuan, source, at) VALUES ($1, 9800, 'cadre', now() - interval '300 days')`,
      [householdId],
    );
    const first = (await row('县人社局', { kind: 'job_loss', text: '户主失业' })) as { caseId: number };
    await row('县民政局', { kind: 'low_income', amountYuan: 6500, text: '人均纯收入低于监测线' });
    // 2 reports (8) + 2 departments (12) + income 9,800 → 6,500 (17) + below the line (25) = 62: not yet 70.
    expect((await household()).warning_score).toBe(62);
    const task = async (caseId: number) =>
      (
        await db.query<{ urgency: string; ack: number }>(
          `SELECT c.urgency, extract(epoch FROM t.ack_due_at - t.created_at)::int AS ack
             FROM cases c JOIN tasks t ON t.case_id = c.id WHERE c.id = $1`,
          [caseId],
        )
      ).rows[0]!;
    expect(await task(first.caseId)).toEqual({ urgency: 'normal', ack: 24 * 3600 });

    const third = (await row('县教育局', { kind: 'dropout', text: '子女初二未到校' })) as {
      status: string;
      caseId: number;
    };
    expect(third.status).toBe('created');
    expect((await household()).warning_score).toBe(78);
    expect(await task(third.caseId)).toEqual({ urgency: 'green', ack: 2 * 3600 });
  });

  it("orders a cadre's 我的任务 by the rule: a household scoring 高 before a sooner deadline", async () => {
    const { rows } = await db.query<{ cadre: string; ids: string[] }>(
      `SELECT cadre_userid AS cadre, array_agg(target_id ORDER BY target_id) AS ids FROM links
        WHERE kind = 'household' GROUP BY cadre_userid HAVING count(*) >= 2 ORDER BY cadre_userid LIMIT 1`,
    );
    const { cadre, ids } = rows[0]!;
    const numbers: string[] = [];
    for (const id of ids.slice(0, 2)) {
      const report: Report = {
        channel: 'department',
        reporter: '县水务局',
        text: '季节性断水',
        kind: 'no_water',
        identity: { householdId: id },
      };
      const inbox = (await insertInbox(db, { source: 'dept:县水务局', sourceMsgId: `w${++n}`, payload: report }))!;
      numbers.push(((await triageReport(deps, inbox, new Date())) as { caseNumber: string }).caseNumber);
    }
    const list = () => db.transaction((tx) => cadreStore(tx).myTasks(cadre, 20));
    expect((await list()).lines.map((l) => l.number)).toEqual(numbers); // the sooner deadline first
    await db.query('UPDATE households SET warning_score = 75 WHERE id = $1', [ids[1]]);
    const { lines } = await list();
    expect(lines.map((l) => l.number)).toEqual([numbers[1], numbers[0]]);
    expect(lines[0]!.score).toBe(75);
    expect(lines[1]!.score).toBeLessThan(60); // what triage computed for that household
  });

  it('lets the sweep compute a day-old score again, so a household whose signals have aged out falls', async () => {
    const now = new Date();
    const dayAgo = new Date(now.getTime() - 2 * 86_400_000);
    const other = (
      await db.query<{ id: string }>('SELECT id FROM households WHERE id <> $1 ORDER BY id LIMIT 1', [householdId])
    ).rows[0]!.id;
    await db.query(
      `UPDATE households SET warning_score = 50, warning_reasons = '[{"text":"old"}]', warning_at = $2 WHERE id = $1`,
      [householdId, dayAgo],
    );
    await db.query(`UPDATE households SET warning_score = 50, warning_at = $2 WHERE id = $1`, [other, now]);
    await sweepDue({ policy: deps.policy, timeZone: 'Asia/Shanghai', transaction: sweepTransaction(db) }, now);
    const { rows } = await db.query<{ id: string; warning_score: number; warning_reasons: unknown[] }>(
      'SELECT id, warning_score, warning_reasons FROM households WHERE id = ANY($1::text[]) ORDER BY id',
      [[householdId, other]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(householdId)).toMatchObject({ warning_score: 0, warning_reasons: [] });
    expect(byId.get(other)).toMatchObject({ warning_score: 50 }); // computed less than a day ago: left alone
  });
});
