import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { triageReport, triageReports, type TriageDeps } from '../../src/domain/use-cases/triage-report.js';
import type { Report } from '../../src/domain/triage/report.js';
import type { Db } from '../../src/store/db.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';
import { liftedHousehold, reportInbox, triageDeps } from '../helpers/store-deps.js';

describe('triageReport on the store', () => {
  let db: Db;
  let deps: TriageDeps;
  let report: (r: Partial<Report>) => Promise<number>;
  const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
  beforeAll(async () => {
    db = await openTestDb();
    deps = triageDeps(db);
    report = reportInbox(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await seedDemo(db, { households: 200, seed: 5 });
  });
  const lifted = () => liftedHousehold(db);

  it('opens a green case for a lifted household found by ID number and assigns its pair-helper', async () => {
    const h = await lifted();
    const id = await report({
      kind: 'medical_cost',
      amountYuan: 8000,
      text: '住院自付费用，车祸重伤，重症监护室抢救中', // green from the event, not the department kind (issue 17)
      identity: { idNumber: h.id_number },
    });
    const out = await triageReport(deps, id, now);
    expect(out).toMatchObject({ status: 'created', caseNumber: expect.stringMatching(/^SW2026\d{6}$/) });
    const { rows } = await db.query('SELECT household_id, risk_types, urgency, state, match_method FROM cases');
    expect(rows).toEqual([
      {
        household_id: h.id,
        risk_types: ['expense_jump', 'illness_disaster_accident'],
        urgency: 'green',
        state: 'assigned',
        match_method: 'id_number',
      },
    ]);
    const task = (
      await db.query<{ cadre_userid: string; ack_due_at: Date; verify_due_at: Date }>(
        'SELECT cadre_userid, ack_due_at, verify_due_at FROM tasks',
      )
    ).rows[0]!;
    expect(task.cadre_userid).toBe(h.helper);
    expect(task.ack_due_at.toISOString()).toBe('2026-11-23T04:00:00.000Z'); // 2 h on the green channel
    expect(task.verify_due_at.toISOString()).toBe('2026-11-25T02:00:00.000Z'); // 2 working days
    if (out.status !== 'created') throw new Error();
    expect(out.notices).toEqual([{ taskId: expect.any(Number), cadre: h.helper }]);
  });

  it('merges a related second signal into the open case instead of opening another', async () => {
    const h = await lifted();
    await triageReport(deps, await report({ text: '户主车祸受伤住院', identity: { householdId: h.id } }), now);
    const second = await triageReport(
      deps,
      await report({ kind: 'medical_cost', amountYuan: 30000, text: '住院自付', identity: { householdId: h.id } }),
      now,
    );
    expect(second.status).toBe('merged');
    const { rows } = await db.query('SELECT signals, risk_types, jsonb_array_length(evidence) AS ev FROM cases');
    expect(rows).toEqual([{ signals: 2, risk_types: ['expense_jump', 'illness_disaster_accident'], ev: 2 }]);
    expect((await db.query('SELECT count(*)::int n FROM tasks')).rows[0]).toEqual({ n: 1 });
  });

  it('opens a separate case for an unrelated risk of the same household', async () => {
    const h = await lifted();
    await triageReport(
      deps,
      await report({ kind: 'dropout', text: '初中未到校', identity: { householdId: h.id } }),
      now,
    );
    const other = await triageReport(
      deps,
      await report({ kind: 'no_water', text: '断水', identity: { householdId: h.id } }),
      now,
    );
    expect(other.status).toBe('created');
  });

  it('is idempotent by inbox id and returns the same notices', async () => {
    const h = await lifted();
    const id = await report({ text: '房子塌了', identity: { householdId: h.id } });
    const first = await triageReport(deps, id, now);
    const again = await triageReport(deps, id, now);
    expect(again).toMatchObject({ status: 'already' });
    expect((again as { notices: unknown }).notices).toEqual((first as { notices: unknown }).notices);
    expect((await db.query('SELECT count(*)::int n FROM cases')).rows[0]).toEqual({ n: 1 });
  });

  it('screens a row below its standard once: triaged again it stays screened, with one signal and one audit row', async () => {
    const h = await lifted();
    const id = await report({
      kind: 'medical_cost',
      amountYuan: 4200,
      text: '住院自付',
      identity: { householdId: h.id },
    });
    const first = await triageReport(deps, id, now);
    expect(first).toEqual({
      status: 'screened',
      reason: '医疗自付4,200元，未达脱贫户5,000元的预警标准。',
      notices: [],
    });
    expect(await triageReport(deps, id, now)).toMatchObject({ status: 'screened', notices: [] });
    expect((await db.query('SELECT count(*)::int n FROM cases')).rows[0]).toEqual({ n: 0 });
    expect((await db.query('SELECT count(*)::int n FROM triage_signals')).rows[0]).toEqual({ n: 1 });
    expect((await db.query("SELECT count(*)::int n FROM audit_log WHERE entity = 'inbox'")).rows[0]).toEqual({ n: 1 });
  });

  it('sends an unmatched report to the village cadre, and with no village to the county office', async () => {
    await triageReport(
      deps,
      await report({
        channel: 'hotline',
        text: '有户人家孩子不上学了',
        identity: { name: '查无此人', village: '石岭村' },
      }),
      now,
    );
    await triageReport(
      deps,
      await report({ channel: 'hotline', text: '家里没水吃', identity: { name: '查无此人' } }),
      now,
    );
    const { rows } = await db.query(
      'SELECT c.match_method, c.village_id, t.cadre_userid FROM cases c JOIN tasks t ON t.case_id = c.id ORDER BY c.id',
    );
    expect(rows).toEqual([
      { match_method: 'unmatched', village_id: 'T1V01', cadre_userid: 'bc-T1V01' },
      { match_method: 'unmatched', village_id: null, cadre_userid: 'county-office' },
    ]);
  });

  it('matches by phone, and a homophone within the named village only with a corroborating detail', async () => {
    const h = (
      await db.query<{ id: string; phone: string; head_name: string; village: string }>(
        `SELECT h.id, h.phone, h.head_name, v.name AS village FROM households h JOIN villages v ON v.id = h.village_id
       WHERE h.phone IS NOT NULL AND length(h.head_name) = 3 ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    await triageReport(deps, await report({ kind: 'job_loss', text: '失业', identity: { phone: h.phone } }), now);
    await db.query(`UPDATE members SET name = '欧阳永华' WHERE household_id = $1 AND relation = '户主'`, [h.id]);
    await triageReport(
      deps,
      await report({ kind: 'no_water', text: '断水', identity: { name: '欧阳勇华', village: h.village } }),
      now,
    );
    await triageReport(
      deps,
      await report({
        kind: 'no_water',
        text: '断水',
        identity: { name: '欧阳勇华', village: h.village, phoneTail: h.phone.slice(-4) },
      }),
      now,
    );
    const { rows } = await db.query('SELECT household_id, match_method, match_candidates FROM cases ORDER BY id');
    expect(rows).toEqual([
      { household_id: h.id, match_method: 'phone', match_candidates: [] },
      {
        household_id: null,
        match_method: 'ambiguous',
        match_candidates: [expect.objectContaining({ householdId: h.id, person: '欧阳永华（户主）' })],
      },
      { household_id: h.id, match_method: 'name_variant', match_candidates: [] },
    ]);
  });

  it('writes the audit trail for every state change', async () => {
    const h = await lifted();
    await triageReport(deps, await report({ text: '房子塌了', identity: { householdId: h.id } }), now);
    const { rows } = await db.query(
      'SELECT action, from_state, to_state FROM audit_log WHERE entity = $1 ORDER BY id',
      ['case'],
    );
    expect(rows).toEqual([
      { action: 'open-case', from_state: null, to_state: 'reported' },
      { action: 'assign', from_state: 'reported', to_state: 'assigned' },
    ]);
  });

  it('triages a batch in one transaction and ends exactly as one by one would', async () => {
    const [a, b] = (
      await db.query<{ id: string; village: string; name: string }>(
        `SELECT h.id, v.name AS village, h.head_name AS name FROM households h JOIN villages v ON v.id = h.village_id
        WHERE h.status <> 'ordinary' ORDER BY h.id LIMIT 2`,
      )
    ).rows as [{ id: string; village: string; name: string }, { id: string; village: string; name: string }];
    const batch: Array<Partial<Report>> = [
      { text: '户主车祸受伤住院', identity: { householdId: a.id } }, // opens a case
      { kind: 'medical_cost', amountYuan: 30000, text: '住院自付', identity: { householdId: a.id } }, // related: merges into it
      { kind: 'no_water', text: '断水', identity: { householdId: a.id } }, // unrelated: a second case
      { kind: 'dropout', text: '初中未到校', identity: { householdId: b.id } }, // b already has an open dropout case: merges
      { channel: 'hotline', text: '家里没水吃', identity: { name: '查无此人' } }, // unmatched: county office
      { kind: 'no_water', text: '又断水了', identity: { householdId: a.id } }, // merges into the second new case
    ];
    const snapshot = async () => ({
      cases: (
        await db.query(`SELECT household_id, risk_types, urgency, state, signals, rules_fired, match_method,
                 ARRAY(SELECT (e ->> 'text') FROM jsonb_array_elements(evidence) e) AS texts FROM cases ORDER BY id`)
      ).rows,
      tasks: (
        await db.query(
          'SELECT t.cadre_userid, c.household_id, t.ack_due_at FROM tasks t JOIN cases c ON c.id = t.case_id ORDER BY t.id',
        )
      ).rows,
      audit: (
        await db.query(`SELECT action, from_state, to_state, note FROM audit_log WHERE entity = 'case' ORDER BY id`)
      ).rows.map((r) => ({ ...r, note: String(r.note).replace(/\d+/g, '#') })),
      untriaged: (await db.query('SELECT count(*)::int n FROM inbox WHERE handled_at IS NULL OR case_id IS NULL'))
        .rows[0],
    });
    // Before the batch: b has an open dropout case, and one more report of b's was triaged already.
    const prepare = async () => {
      await triageReport(deps, await report({ kind: 'dropout', text: '辍学', identity: { householdId: b.id } }), now);
      const id = await report({ text: '房子塌了', identity: { householdId: b.id } });
      return { id, out: await triageReport(deps, id, now) };
    };

    await prepare();
    for (const r of batch) await triageReport(deps, await report(r), now);
    const oneByOne = await snapshot();

    await resetDb(db);
    await seedDemo(db, { households: 200, seed: 5 });
    const before = await prepare();
    const ids: number[] = [];
    for (const r of batch) ids.push(await report(r));
    const outcomes = await triageReports(deps, [...ids, before.id, 999_999], now);
    expect(outcomes.map((o) => o.status)).toEqual([
      'created',
      'merged',
      'created',
      'merged',
      'created',
      'merged',
      'already',
      'missing',
    ]);
    const caseOf = (i: number) => (outcomes[i] as { caseId: number }).caseId;
    expect(outcomes[1]).toMatchObject({ caseId: caseOf(0), notices: [] });
    expect(outcomes[5]).toMatchObject({ caseId: caseOf(2), notices: [] });
    expect((outcomes[0] as { notices: unknown[] }).notices).toEqual([
      { taskId: expect.any(Number), cadre: expect.any(String) },
    ]);
    expect((outcomes[6] as { notices: unknown }).notices).toEqual((before.out as { notices: unknown }).notices);
    expect(await snapshot()).toEqual(oneByOne);
  });
});
