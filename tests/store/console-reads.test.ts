import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseQuery, ConsoleReads, HouseholdQuery } from '../../src/domain/ports/console.js';
import type { Db } from '../../src/store/db.js';
import { consoleReads } from '../../src/store/pg-console-reads.js';
import { openTestDb } from '../helpers/test-db.js';

const NOW = new Date('2026-12-01T04:00:00Z');
const DAY = 86_400_000;
const county = { townshipId: null };

/**
 * The console's reads (ConsoleReads over SQL) on a fixture small enough to count by hand: two townships,
 * four households, five cases. Search by number and its tail, name, ID number and phone tail; totals,
 * pages and the four sorts; a township sees only its own.
 */
describe('console reads', () => {
  let db: Db;
  let reads: ConsoleReads;
  const cases = (q: Partial<CaseQuery>, scope: { townshipId: string | null } = county) =>
    reads.listCases(scope, { sort: 'newest', page: 1, pageSize: 50, ...q }, NOW);
  const numbers = async (q: Partial<CaseQuery>, scope?: { townshipId: string | null }) =>
    (await cases(q, scope)).rows.map((r) => r.number);
  const households = (q: Partial<HouseholdQuery>, scope: { townshipId: string | null } = county) =>
    reads.listHouseholds(scope, { sort: 'id', page: 1, pageSize: 50, ...q });

  beforeAll(async () => {
    db = await openTestDb();
    for (const sql of [
      `INSERT INTO townships (id, name) VALUES ('T1', '青山镇'), ('T2', '河口乡')`,
      `INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '石岭村'), ('V2', 'T2', '河湾村')`,
      `INSERT INTO households (id, village_id, head_name, phone, status, income_per_capita, warning_score) VALUES
        ('H01', 'V1', '王大山', '13800001234', 'lifted', 9000, 10), ('H02', 'V1', '王大海', '13900005678', 'monitored', 6000, 60),
        ('H03', 'V2', '李春花', NULL, 'ordinary', 12000, 0), ('H04', 'V2', '赵小明', '13700009999', 'lifted', NULL, 35)`,
      `INSERT INTO members (household_id, name, id_number, relation, phone) VALUES
        ('H01', '王大山', '530699199001011234', '户主', NULL), ('H03', '李秋生', '53069920100202123X', '子女', '15012344321')`,
      `INSERT INTO cadres (userid, name, role, township_id) VALUES ('u1', '黄帮扶', 'helper', 'T1')`,
    ])
      await db.query(sql);
    // Case n opened n days ago; its open task's deadline in (6 - n) days, so deadline order runs the other way.
    const spec = [
      ['SW2026000001', 'H01', 'V1'],
      ['SW2026000002', 'H02', 'V1'],
      ['SW2026000013', 'H03', 'V2'],
      ['SW2026000004', 'H04', 'V2'],
      ['SW2026000005', null, 'V1'],
    ] as const;
    for (const [i, [number, household, village]] of spec.entries()) {
      const n = i + 1;
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO cases (number, household_id, village_id, state, opened_at) VALUES ($1, $2, $3, 'assigned', $4) RETURNING id`,
        [number, household, village, new Date(NOW.getTime() - n * DAY)],
      );
      await db.query(`INSERT INTO tasks (case_id, cadre_userid, state, next_due_at) VALUES ($1, 'u1', 'open', $2)`, [
        rows[0]!.id,
        new Date(NOW.getTime() + (6 - n) * DAY),
      ]);
    }
    reads = consoleReads(db);
  });
  afterAll(() => db.close());

  it('finds a case by its number, the tail of its number, a head or member name, an ID number or a phone tail', async () => {
    expect(await numbers({ q: 'SW2026000002' })).toEqual(['SW2026000002']);
    expect(await numbers({ q: '0013' })).toEqual(['SW2026000013']);
    expect(await numbers({ q: '王大' })).toEqual(['SW2026000001', 'SW2026000002']); // a prefix of the head's name
    expect(await numbers({ q: '李秋生' })).toEqual(['SW2026000013']); // a member
    expect(await numbers({ q: '53069920100202123x' })).toEqual(['SW2026000013']);
    expect(await numbers({ q: '5678' })).toEqual(['SW2026000002']); // the household's phone
    expect(await numbers({ q: '4321' })).toEqual(['SW2026000013']); // a member's phone
    expect(await numbers({ q: '100%' })).toEqual([]); // LIKE wildcards are text
  });

  it('counts all matches, pages them, and sorts by deadline, warning score and age', async () => {
    const page2 = await cases({ pageSize: 2, page: 2 });
    expect(page2.total).toBe(5);
    expect(page2.rows.map((r) => r.number)).toEqual(['SW2026000013', 'SW2026000004']);
    expect(await numbers({ sort: 'deadline' })).toEqual([
      'SW2026000005',
      'SW2026000004',
      'SW2026000013',
      'SW2026000002',
      'SW2026000001',
    ]);
    expect((await numbers({ sort: 'risk' })).slice(0, 3)).toEqual(['SW2026000002', 'SW2026000004', 'SW2026000001']);
    expect(await numbers({ sort: 'age' })).toEqual(await numbers({ sort: 'deadline' }));
  });

  it('keeps a township to its own cases and households whatever the filter asks', async () => {
    const t2 = await cases({ township: 'T1' }, { townshipId: 'T2' });
    expect(t2.total).toBe(2);
    expect(t2.rows.map((r) => r.township)).toEqual(['T2', 'T2']);
    expect((await households({}, { townshipId: 'T2' })).rows.map((h) => h.id)).toEqual(['H03', 'H04']);
    expect((await reads.places({ townshipId: 'T2' })).villages.map((v) => v.id)).toEqual(['V2']);
  });

  it('lists households with their open cases, searched, filtered and sorted', async () => {
    const all = await households({});
    expect(all.total).toBe(4);
    expect(all.rows.find((h) => h.id === 'H03')).toMatchObject({ township: '河口乡', members: 1, openCases: 1 });
    expect((await households({ q: '1234' })).rows.map((h) => h.id)).toEqual(['H01']);
    expect((await households({ status: 'lifted' })).rows.map((h) => h.id)).toEqual(['H01', 'H04']);
    expect((await households({ sort: 'income' })).rows.map((h) => h.id)).toEqual(['H02', 'H01', 'H03', 'H04']);
    expect((await households({ sort: 'risk', pageSize: 2 })).rows.map((h) => h.id)).toEqual(['H02', 'H04']);
  });
});
