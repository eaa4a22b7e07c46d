import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showRegister } from '../../src/domain/use-cases/show-register.js';
import { showRegisterHousehold } from '../../src/domain/use-cases/show-register-household.js';
import type { Db } from '../../src/store/db.js';
import { registerStore } from '../../src/store/register-store.js';
import { REGISTER_NOW, writeRegisterFixture } from '../helpers/register-fixture.js';
import { openTestDb } from '../helpers/test-db.js';

/** The monitored-object register against the hand-counted fixture (its table is in the helper). */
describe('register store', () => {
  let db: Db;
  let deps: Parameters<typeof showRegister>[0];
  const county = { townshipId: null };
  beforeAll(async () => {
    db = await openTestDb();
    await writeRegisterFixture(db);
    deps = { register: registerStore(db), timeZone: 'Asia/Shanghai' };
  });
  afterAll(() => db.close());

  const hp = (households: number, persons: number) => ({ households, persons });

  it('counts 户 and 人 for the county as counted by hand', async () => {
    const v = await showRegister(deps, county, {}, REGISTER_NOW);
    expect(v.rows.map((r) => r.householdId)).toEqual(['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07']);
    expect(v.counts).toEqual({
      total: hp(7, 20),
      newThisMonth: hp(2, 5),
      newThisYear: hp(4, 11),
      removed: hp(2, 5),
      removedThisYear: hp(2, 5),
      notRemoved: hp(5, 15),
      noIncludedDate: hp(1, 3),
    });
  });

  it('filters by township, village, category and state, and a township sees only its own', async () => {
    const t1 = await showRegister(deps, { townshipId: 'T1' }, { township: 'T2' }, REGISTER_NOW);
    expect(t1.counts).toMatchObject({
      total: hp(5, 15),
      newThisMonth: hp(2, 5),
      newThisYear: hp(3, 9),
      removed: hp(2, 5),
      notRemoved: hp(3, 10),
    });
    expect(t1.places.townships.map((t) => t.id)).toEqual(['T1']);
    const v2 = await showRegister(deps, county, { village: 'V2' }, REGISTER_NOW);
    expect(v2.rows.map((r) => [r.householdId, r.procedure])).toEqual([
      ['H04', null],
      ['H05', '拟消除·notice'],
    ]);
    const edge = await showRegister(deps, county, { category: 'edge' }, REGISTER_NOW);
    expect(edge.rows.map((r) => r.householdId).sort()).toEqual(['H01', 'H04', 'H06']);
    const removed = await showRegister(deps, county, { state: 'removed' }, REGISTER_NOW);
    expect(removed.rows.map((r) => [r.householdId, r.removedAt?.toISOString()])).toEqual([
      ['H03', '2026-10-01T02:00:00.000Z'],
      ['H04', '2026-02-01T02:00:00.000Z'],
    ]);
  });

  it('shows one household with members, measures, income history, steps and suggestions', async () => {
    const h = (await showRegisterHousehold(deps, county, 'H01', REGISTER_NOW))!;
    expect(h.row).toMatchObject({
      category: 'edge',
      persons: 3,
      state: 'open',
      measures: 1,
      riskTypes: ['illness_disaster_accident'],
    });
    expect(h.members.map((m) => [m.name, m.age, m.labour])).toEqual([
      ['张一', 46, 'full'],
      ['张一家1', 16, 'none'],
      ['张一家2', 16, 'none'],
    ]);
    expect(h.measures.map((m) => m.type)).toEqual(['medical']);
    expect(h.incomes.map((r) => r.yuan)).toEqual([6500, 7600, 8300]);
    expect(h.steps.map((s) => s.what)).toEqual(['include']);
    expect(h.suggestions[0]).toMatchObject({ type: 'employment', memberName: '张一' });
    expect(await showRegisterHousehold(deps, { townshipId: 'T2' }, 'H01', REGISTER_NOW)).toBeNull();
    expect(await showRegisterHousehold(deps, county, 'H08', REGISTER_NOW)).toBeNull();
  });
});
