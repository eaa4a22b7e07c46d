import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import type { CountyImportStore } from '../../src/domain/ports/county-import.js';
import type { Household, Member } from '../../src/domain/types.js';
import { countyImportStore, importDeps } from '../../src/store/county-import-store.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb, pgAvailable, resetDb, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const ID = '53069919800101001' + idCheckChar('53069919800101001');

const household = (id: string, villageId: string, headName: string): Household => ({
  id,
  villageId,
  groupName: '1组',
  headName,
  phone: null,
  address: '',
  status: 'lifted',
  monitoringKind: null,
  incomePerCapita: 9800,
});
const member = (householdId: string, name: string, over: Partial<Member> = {}): Member => ({
  householdId,
  name,
  idNumber: null,
  relation: '子女',
  birthDate: null,
  phone: null,
  labour: 'full',
  disability: '',
  schooling: '',
  ...over,
});

/** The CountyImportStore port's contract, on PGlite and on the real Postgres. */
describe.each(kinds)('countyImportStore on %s', (kind) => {
  let db: Db;
  let store: CountyImportStore;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = countyImportStore(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await store.upsertTownships([
      { id: 'T1', name: '青山镇', county: '' },
      { id: 'T2', name: '龙潭镇', county: '' },
    ]);
    await store.upsertVillages([
      { id: 'T1V1', townshipId: 'T1', name: '石岭村' },
      { id: 'T1V2', townshipId: 'T1', name: '新村' },
      { id: 'T2V1', townshipId: 'T2', name: '新村' },
    ]);
  });

  it('finds places by id and name; a village name two townships share is not found by name alone', async () => {
    const places = await store.places();
    expect([...places.townshipIds].sort()).toEqual(['T1', 'T2']);
    expect(places.townshipByName.get('龙潭镇')?.id).toBe('T2');
    expect([...places.villageIds].sort()).toEqual(['T1V1', 'T1V2', 'T2V1']);
    expect(places.villageByKey.get('T2/新村')).toBe('T2V1');
    expect(places.villageByName.get('石岭村')).toBe('T1V1');
    expect(places.villageByName.has('新村')).toBe(false);
  });

  it('writes households, heads and members once however often they are imported, and says which ids exist', async () => {
    for (let i = 0; i < 2; i++) {
      await store.upsertHouseholds([household('H1', 'T1V1', '王永华'), household('H2', 'T1V2', '李芳')]);
      await store.upsertHeads([member('H1', '王永华', { relation: '户主', idNumber: ID, labour: null })]);
      await store.upsertMembers([member('H1', '王小军'), member('H2', '李小红', { labour: 'none' })]);
    }
    expect([...(await store.existingIds('households', ['H1', 'H2', 'H9']))].sort()).toEqual(['H1', 'H2']);
    const { rows } = await db.query<{ household_id: string; name: string; relation: string }>(
      'SELECT household_id, name, relation FROM members ORDER BY household_id, name',
    );
    expect(rows).toEqual([
      { household_id: 'H1', name: '王小军', relation: '子女' },
      { household_id: 'H1', name: '王永华', relation: '户主' },
      { household_id: 'H2', name: '李小红', relation: '子女' },
    ]);
    await store.upsertHouseholds([{ ...household('H1', 'T1V1', '王永华'), incomePerCapita: 10400 }]);
    const income = await db.query<{ n: number }>("SELECT income_per_capita::int n FROM households WHERE id = 'H1'");
    expect(income.rows[0]!.n).toBe(10400);
  });

  it('writes cadres and their links, and audits with the database clock when the entry has no time', async () => {
    await store.upsertHouseholds([household('H1', 'T1V1', '王永华')]);
    await store.upsertCadres([
      { userid: 'wangwei', name: '王伟', role: 'helper', townshipId: 'T1', phone: null },
      { userid: 'county-office', name: '县乡村振兴局', role: 'county', townshipId: null, phone: null },
    ]);
    await store.upsertLinks([{ kind: 'household', targetId: 'H1', cadreUserid: 'wangwei' }]);
    await store.upsertLinks([{ kind: 'household', targetId: 'H1', cadreUserid: 'wangwei' }]);
    expect([...(await store.existingIds('cadres', ['wangwei', 'nobody']))]).toEqual(['wangwei']);
    const links = await db.query('SELECT kind, target_id, cadre_userid FROM links');
    expect(links.rows).toEqual([{ kind: 'household', target_id: 'H1', cadre_userid: 'wangwei' }]);
    const before = Date.now();
    await store.audit({ actor: 'test', action: 'import-cadres', entity: 'cadres', entityId: '*', note: '2 written' });
    const audit = await db.query<{ action: string; at: Date }>('SELECT action, at FROM audit_log');
    expect(audit.rows.map((r) => r.action)).toEqual(['import-cadres']);
    expect(Math.abs(new Date(audit.rows[0]!.at).getTime() - before)).toBeLessThan(60_000);
  });

  it("keeps nothing of an import whose transaction fails (importDeps' transaction)", async () => {
    const failing = importDeps(db).transaction(async (tx) => {
      await tx.upsertHouseholds([household('H7', 'T1V1', '赵强')]);
      throw new Error('stop');
    });
    await expect(failing).rejects.toThrow('stop');
    expect([...(await store.existingIds('households', ['H7']))]).toEqual([]);
  });
});
