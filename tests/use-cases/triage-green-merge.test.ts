import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { triageReport, triageReports, type TriageDeps } from '../../src/domain/use-cases/triage-report.js';
import type { Report } from '../../src/domain/triage/report.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { triageDeps } from '../helpers/store-deps.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

// Issue 17: a merged signal that puts a case on the 绿色通道 must shorten its 签收 deadline as a
// green case's would (2 hours from the signal), in the stored task, not only in the case's urgency.
describe('a signal merged into an open case raises it to the 绿色通道', () => {
  let db: Db;
  let deps: TriageDeps;
  const monday = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
  const later = new Date('2026-11-23T05:00:00Z'); // three hours on
  let n = 0;
  beforeAll(async () => {
    db = await openTestDb();
    deps = triageDeps(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await seedDemo(db, { households: 60, seed: 7 });
  });

  const householdId = async () =>
    (
      await db.query<{ id: string }>(
        `SELECT h.id FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id
          WHERE h.status = 'lifted' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!.id;
  const report = async (r: Partial<Report>) => {
    const full: Report = { channel: 'department', reporter: '医保局', text: '', identity: {}, ...r };
    return (await insertInbox(db, { source: `dept:${full.reporter}`, sourceMsgId: String(++n), payload: full }))!;
  };
  // an ordinary 住院自付 row above the lifted household's line: a normal case, 签收 within 24 hours
  const bill = (hid: string) =>
    report({ kind: 'medical_cost', amountYuan: 30000, text: '住院自付', identity: { householdId: hid } });
  // the same household's member now in intensive care: a green signal of a related risk
  const icu = (hid: string) =>
    report({
      channel: 'villager',
      reporter: 'wm-villager',
      text: '我老公脑出血了，现在在县医院ICU抢救',
      identity: { householdId: hid },
    });
  const tasks = async () =>
    (
      await db.query<{ urgency: string; ack: string; next: string; remind: string; n: number }>(
        `SELECT c.urgency, t.ack_due_at AS ack, t.next_due_at AS next, t.remind_at AS remind,
                (SELECT count(*)::int FROM cases) AS n
           FROM cases c JOIN tasks t ON t.case_id = c.id ORDER BY t.id`,
      )
    ).rows.map((r) => ({
      ...r,
      ack: new Date(r.ack).toISOString(),
      next: new Date(r.next).toISOString(),
      remind: new Date(r.remind).toISOString(),
    }));

  it('moves the stored task’s 签收 deadline and reminder to 2 hours after the green signal', async () => {
    const hid = await householdId();
    const first = await triageReport(deps, await bill(hid), monday);
    expect(first.status).toBe('created');
    expect(await tasks()).toEqual([
      {
        urgency: 'normal',
        ack: '2026-11-24T02:00:00.000Z',
        next: '2026-11-24T02:00:00.000Z',
        remind: '2026-11-24T02:00:00.000Z',
        n: 1,
      },
    ]);
    const second = await triageReport(deps, await icu(hid), later);
    expect(second).toMatchObject({ status: 'merged', caseId: (first as { caseId: number }).caseId });
    expect(await tasks()).toEqual([
      {
        urgency: 'green',
        ack: '2026-11-23T07:00:00.000Z',
        next: '2026-11-23T07:00:00.000Z',
        remind: '2026-11-23T07:00:00.000Z',
        n: 1,
      },
    ]);
    const audit = await db.query<{ note: string }>(`SELECT note FROM audit_log WHERE action = 'merge-signal'`);
    expect(audit.rows.map((r) => r.note)).toEqual([
      expect.stringContaining('绿色通道，签收时限 2026-11-23T07:00:00.000Z'),
    ]);
  });

  it('gives a case opened and raised within one batch the green 签收 deadline', async () => {
    const hid = await householdId();
    const out = await triageReports(deps, [await bill(hid), await icu(hid)], monday);
    expect(out.map((o) => o.status)).toEqual(['created', 'merged']);
    expect(await tasks()).toEqual([
      {
        urgency: 'green',
        ack: '2026-11-23T04:00:00.000Z',
        next: '2026-11-23T04:00:00.000Z',
        remind: '2026-11-23T04:00:00.000Z',
        n: 1,
      },
    ]);
  });

  it('leaves a task already 签收 on its later clocks', async () => {
    const hid = await householdId();
    const first = (await triageReport(deps, await bill(hid), monday)) as { caseId: number };
    await db.query(`UPDATE cases SET state = 'acknowledged' WHERE id = $1`, [first.caseId]);
    await db.query(`UPDATE tasks SET next_due_at = verify_due_at, remind_at = verify_due_at WHERE case_id = $1`, [
      first.caseId,
    ]);
    await triageReport(deps, await icu(hid), later);
    const [t] = await tasks();
    expect(t).toMatchObject({ urgency: 'green', ack: '2026-11-24T02:00:00.000Z', next: '2026-11-25T02:00:00.000Z' });
  });
});
