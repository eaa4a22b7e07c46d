import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupMeasures, isCarriedOut } from '../../src/domain/assistance/measure.js';
import { incomeBlockers } from '../../src/domain/procedure/exit-conditions.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { incomeHistories, incomeStore } from '../../src/store/income-store.js';
import { measureStore } from '../../src/store/measure-store.js';
import { householdSignals, insertSignals } from '../../src/store/signal-store.js';
import { openTestDb } from '../helpers/test-db.js';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import { loadPolicy } from '../../src/load-policy.js';
import { cadreStore } from '../../src/store/cadre-store.js';

/** Typed measures (一户一策) and the dated income history, on PGlite. */
describe('measure and income stores', () => {
  let db: Db;
  let memberId: number;
  const at = new Date('2026-06-01T02:00:00Z');

  beforeAll(async () => {
    db = await openTestDb();
    await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇')`);
    await db.query(`INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村')`);
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status, monitoring_kind) VALUES ('H1', 'V1', '张大山', 'monitored', 'edge'),
              ('H2', 'V1', '李小河', 'lifted', NULL)`,
    );
    await db.query(
      `INSERT INTO members (household_id, name, id_number, relation, labour) VALUES ('H1', '张大山', NULL, '户主', 'full'),
              ('H1', '张小花', NULL, '之女', 'none')`,
    );
    memberId = (await db.query<{ id: number }>(`SELECT id FROM members WHERE name = '张小花'`)).rows[0]!.id;
  });
  afterAll(() => db.close());

  it('keeps a typed measure for a member and one for the whole household, with their changes and 回头看', async () => {
    const store = measureStore(db);
    const forMember = await store.addMeasure({
      householdId: 'H1',
      caseId: null,
      memberId,
      type: 'education',
      detail: '雨露计划中职补助',
      department: '教育局',
      startDate: '2026-09-01',
      amountYuan: 3000,
      cadre: 'u-helper',
      at,
    });
    const whole = await store.addMeasure({
      householdId: 'H1',
      caseId: null,
      memberId: null,
      type: 'industry',
      detail: '养牛两头',
      cadre: 'u-helper',
      at: new Date(at.getTime() + 1000),
    });
    await store.addMeasure({
      householdId: 'H2',
      caseId: null,
      memberId: null,
      type: 'dibao',
      detail: '',
      cadre: 'x',
      at,
    });

    const m = (await store.measure(forMember))!;
    expect(m).toMatchObject({
      householdId: 'H1',
      memberId,
      memberName: '张小花',
      type: 'education',
      department: '教育局',
      startDate: '2026-09-01',
      amountYuan: 3000,
      status: 'planned',
      effect: null,
    });
    expect(isCarriedOut(m)).toBe(false);

    const later = new Date('2026-10-01T02:00:00Z');
    await store.updateMeasure(forMember, { status: 'done', amountYuan: null }, later);
    await store.checkEffect(whole, { effect: 'partial', note: '牛已出栏一头', by: 'u-helper' }, later);
    const list = await store.householdMeasures('H1');
    expect(list.map((x) => x.id)).toEqual([forMember, whole]);
    expect(list[0]).toMatchObject({ status: 'done', amountYuan: null, startDate: '2026-09-01', department: '教育局' });
    expect(list[0]!.updatedAt).toEqual(later);
    expect(list[1]).toMatchObject({
      memberId: null,
      effect: 'partial',
      effectNote: '牛已出栏一头',
      effectBy: 'u-helper',
    });
    expect(groupMeasures(list).map(([g, ms]) => [g, ms.map((x) => x.id)])).toEqual([
      ['increase', [whole]],
      ['reduce', [forMember]],
    ]);

    // The member row replaced on re-import: the measure keeps the name it was recorded for.
    await db.query('DELETE FROM members WHERE id = $1', [memberId]);
    expect(await store.measure(forMember)).toMatchObject({ memberId: null, memberName: '张小花' });
  });

  it('refuses a status or type the register does not know', async () => {
    await expect(
      db.query(
        `INSERT INTO measures (household_id, cadre_userid, text, at, updated_at, status) VALUES ('H1', 'x', '', now(), now(), 'maybe')`,
      ),
    ).rejects.toThrow();
    await expect(
      db.query(
        `INSERT INTO measures (household_id, cadre_userid, text, at, updated_at, type) VALUES ('H1', 'x', '', now(), now(), '养殖')`,
      ),
    ).rejects.toThrow();
  });

  it('keeps every income figure with its date and source, department rows once each, and reads them in order', async () => {
    const store = incomeStore(db);
    await store.addIncome({
      householdId: 'H1',
      yuan: 6500,
      source: 'verify',
      at: new Date('2026-01-10T02:00:00Z'),
      by: 'u-helper',
    });
    await store.addIncome({
      householdId: 'H1',
      yuan: 8200.4,
      source: 'call',
      at: new Date('2026-04-02T02:00:00Z'),
      note: '外出务工',
    });
    const inboxId = (await insertInbox(db, { source: 'dept:人社局', sourceMsgId: 'r1', payload: {} }))!;
    const signal = {
      inboxId,
      householdId: 'H1',
      villageId: 'V1',
      channel: 'department' as const,
      source: '人社局',
      kind: null,
      verdict: 'below_threshold' as const,
      measure: 'income_per_capita',
      amountYuan: 9100,
      thresholdYuan: 7100,
      reason: '',
      caseId: null,
      at: new Date('2026-07-05T02:00:00Z'),
    };
    await insertSignals(db, [signal]);
    await insertSignals(db, [signal]); // a redelivered row is one figure, not two
    await store.addIncome({ householdId: 'H2', yuan: 12000, source: 'visit', at });

    const h1 = await store.incomeHistory('H1');
    expect(h1.map((r) => [r.source, r.yuan, r.by])).toEqual([
      ['verify', 6500, 'u-helper'],
      ['call', 8200, null],
      ['department', 9100, '人社局'],
    ]);
    expect(h1[1]!.note).toBe('外出务工');
    expect((await store.incomeHistory('H1', new Date('2026-03-01T00:00:00Z'))).length).toBe(2);
    const all = await incomeHistories(db, ['H1', 'H2', 'H9']);
    expect([...all].map(([id, rs]) => [id, rs.length])).toEqual([
      ['H1', 3],
      ['H2', 1],
      ['H9', 0],
    ]);
    // The early-warning score reads the same history, not the department row twice.
    const signals = await householdSignals(db, ['H1'], new Date('2026-08-01T00:00:00Z'));
    expect(signals.get('H1')!.incomes.map((i) => i.yuan)).toEqual([6500, 8200, 9100]);

    // The exit check reads this history: above the line since 04-02, six months on 10-02.
    const policy = loadPolicy('policy/default.json');
    const tz = { timeZone: 'Asia/Shanghai' };
    expect(incomeBlockers({ incomes: h1, now: new Date('2026-09-01T00:00:00Z'), ...tz }, policy)).toHaveLength(1);
    expect(incomeBlockers({ incomes: h1, now: new Date('2026-10-03T00:00:00Z'), ...tz }, policy)).toEqual([]);
    await expect(
      db.query(`INSERT INTO income_readings (household_id, yuan, source, at) VALUES ('H1', 1, 'guess', now())`),
    ).rejects.toThrow();
  });

  it('records a 走访 or 电话 income with its source and the cadre who found it', async () => {
    await db.query(
      `INSERT INTO cadres (userid, name, role, township_id) VALUES ('u-helper', '王帮扶', 'helper', 'T1')`,
    );
    await db.query(`INSERT INTO links (kind, target_id, cadre_userid) VALUES ('household', 'H2', 'u-helper')`);
    const deps = {
      policy: loadPolicy('policy/default.json'),
      timeZone: 'Asia/Shanghai',
      transaction: <R>(fn: (s: ReturnType<typeof cadreStore>) => Promise<R>) =>
        db.transaction((tx) => fn(cadreStore(tx))),
    };
    const when = new Date('2026-11-20T03:00:00Z');
    const out = await runCadreCommand(deps, 'u-helper', parseCommand('电话 H2 在外务工，人均收入约1.3万'), when);
    expect(out.reply).toContain('13000');
    const last = (await incomeStore(db).incomeHistory('H2')).at(-1)!;
    expect(last).toMatchObject({ source: 'call', yuan: 13000, by: 'u-helper', at: when, caseId: null });
    expect(last.note).toContain('在外务工');
  });
});
