import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { dutySweepStore } from '../../src/store/pair-duty-store.js';
import { type DbKind, openTestDb, pgAvailable } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const OWED = ['lifted', 'monitored'] as const;
const at = new Date('2026-12-07T02:00:00Z');
const later = (days: number) => new Date(at.getTime() + days * 86_400_000);

/**
 * The sweep's 8个一 schedule (household_duty_reminders, 022): which households a sweep looks at, in what
 * order, and how a household that becomes owed the duties gets on it.
 */
describe.each(kinds)('the 8个一 schedule the sweep reads (%s)', (kind) => {
  let db: Db;
  const due = async (limit = 100) =>
    (await db.transaction((tx) => dutySweepStore(tx).dutyHouseholds(at, OWED, limit))).map((h) => h.id);
  const advance = (rows: Array<{ id: string; remindAt: Date | null }>) =>
    db.transaction((tx) => dutySweepStore(tx).advanceDutyHouseholds(rows));

  beforeAll(async () => {
    db = await openTestDb(kind);
    await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇')`);
    await db.query(`INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村')`);
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status) VALUES
        ('H1', 'V1', '张大山', 'lifted'), ('H2', 'V1', '李二', 'monitored'), ('H3', 'V1', '王三', 'lifted'),
        ('H4', 'V1', '赵四', 'ordinary')`,
    );
    await db.query(
      `INSERT INTO cadres (userid, name, role) VALUES ('u1', '王帮扶', 'helper'), ('u2', '李村干', 'village')`,
    );
    await db.query(
      `INSERT INTO links (kind, target_id, cadre_userid) VALUES ('household', 'H1', 'u1'), ('village', 'V1', 'u2')`,
    );
  });
  afterAll(() => db.close());

  it('takes the owed households never looked at, with the pair-helper or else the village cadre', async () => {
    const rows = await db.transaction((tx) => dutySweepStore(tx).dutyHouseholds(at, OWED, 100));
    expect(rows.map((h) => [h.id, h.cadre, h.status])).toEqual([
      ['H1', 'u1', 'lifted'],
      ['H2', 'u2', 'monitored'],
      ['H3', 'u2', 'lifted'],
    ]);
    expect(rows[0]!.who).toBe('张大山户（河口村，户号 H1）');
  });

  it('takes those past their time first, oldest first, then the unscheduled, up to the limit', async () => {
    await advance([
      { id: 'H1', remindAt: later(-1) },
      { id: 'H2', remindAt: later(-2) },
    ]);
    expect(await due()).toEqual(['H2', 'H1', 'H3']);
    expect(await due(2)).toEqual(['H2', 'H1']);
    await advance([
      { id: 'H1', remindAt: later(3) },
      { id: 'H2', remindAt: later(1) },
    ]);
    expect(await due()).toEqual(['H3']);
  });

  it('looks again at a household set aside (null) while its status owes the duties', async () => {
    await advance([{ id: 'H3', remindAt: null }]);
    expect(await due()).toEqual(['H3']);
    await advance([{ id: 'H3', remindAt: later(5) }]);
    expect(await due()).toEqual([]);
  });

  it('puts a household on the schedule when it stops being ordinary, and one added owed', async () => {
    await db.query(`UPDATE households SET status = 'monitored', monitoring_kind = 'edge' WHERE id = 'H4'`);
    await db.query(`INSERT INTO households (id, village_id, head_name, status) VALUES ('H5', 'V1', '钱五', 'lifted')`);
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status) VALUES ('H6', 'V1', '孙六', 'ordinary')`,
    );
    expect(await due()).toEqual(['H4', 'H5']);
  });

  // PGlite has one connection: no other transaction can hold a row meanwhile.
  it.runIf(kind === 'pg')('skips a household whose schedule another transaction holds', async () => {
    await advance([
      { id: 'H4', remindAt: later(5) },
      { id: 'H5', remindAt: later(-1) },
    ]);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM household_duty_reminders WHERE household_id = 'H5' FOR UPDATE`);
      locked();
      await held;
    });
    await isLocked;
    expect(await due()).toEqual([]);
    release();
    await holder;
    expect(await due()).toEqual(['H5']);
  });
});
