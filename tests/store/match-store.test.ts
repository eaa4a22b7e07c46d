import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import type { Household, Member } from '../../src/domain/types.js';
import type { Db } from '../../src/store/db.js';
import { upsertHouseholds, upsertMembers, upsertTownships, upsertVillages } from '../../src/store/county-store.js';
import { matchHousehold } from '../../src/store/match-store.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

const idOf = (birth: string, seq: number) => {
  const first17 = `530699${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};
const household = (id: string, headName: string, more: Partial<Household> = {}): Household => ({
  id,
  villageId: 'V1',
  groupName: '3组',
  headName,
  phone: null,
  address: '',
  status: 'lifted',
  monitoringKind: null,
  incomePerCapita: 9000,
  ...more,
});
const member = (householdId: string, name: string, idNumber: string, more: Partial<Member> = {}): Member => ({
  householdId,
  name,
  idNumber,
  relation: '户主',
  birthDate: null,
  phone: null,
  labour: 'full',
  disability: '',
  schooling: '',
  ...more,
});

describe('matchHousehold on the store', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await upsertTownships(db, [{ id: 'T1', name: '青山镇', county: '守望县' }]);
    await upsertVillages(db, [
      { id: 'V1', townshipId: 'T1', name: '石岭村' },
      { id: 'V2', townshipId: 'T1', name: '大坪村' },
    ]);
    // 测试甲 was imported without an ID number: a household row, no member row.
    await upsertHouseholds(db, [
      household('H1', '测试甲'),
      household('H2', '测试乙', { phone: '13800001111' }),
      household('H3', '张德明'),
      household('H4', '王芳'),
      household('H5', '罗玉华', { villageId: 'V2' }),
    ]);
    await upsertMembers(db, [
      member('H2', '测试乙', idOf('19700101', 1), { phone: '13800001111' }),
      member('H3', '张德明', idOf('19500101', 2)),
      member('H4', '王芳', idOf('19800101', 3)),
      member('H4', '张德明', idOf('19400101', 4), { relation: '父母' }),
    ]);
  });

  it('finds a head that has no member row, instead of the neighbour one character away', async () => {
    expect(await matchHousehold(db, { name: '测试甲', village: '石岭村' }, 2026)).toMatchObject({
      householdId: 'H1',
      method: 'name_village',
    });
  });

  it('sends namesakes in two households to 待关联 with both as candidates', async () => {
    const m = await matchHousehold(db, { name: '张德明', village: '石岭' }, 2026);
    expect(m).toMatchObject({ householdId: null, villageId: 'V1', method: 'ambiguous' });
    expect(m.candidates.map((c) => [c.householdId, c.person])).toEqual([
      ['H3', '张德明（户主）'],
      ['H4', '张德明（父母）'],
    ]);
    // The birth year in the ID number tells them apart when the report gives an age.
    expect(await matchHousehold(db, { name: '张德明', village: '石岭村', age: 86 }, 2026)).toMatchObject({
      householdId: 'H4',
    });
  });

  it('ID number, then phone; a look-alike name without corroboration is asked about', async () => {
    expect(await matchHousehold(db, { idNumber: idOf('19400101', 4) }, 2026)).toMatchObject({
      householdId: 'H4',
      method: 'id_number',
    });
    expect(await matchHousehold(db, { phone: '138-0000-1111' }, 2026)).toMatchObject({ householdId: 'H2' });
    expect(await matchHousehold(db, { name: '测试丙', village: '石岭村' }, 2026)).toMatchObject({
      householdId: null,
      method: 'ambiguous',
    });
    expect(await matchHousehold(db, { name: '罗玉华' }, 2026)).toMatchObject({ method: 'ambiguous', villageId: 'V2' });
    expect(await matchHousehold(db, { name: '陈无人', village: '石岭村' }, 2026)).toMatchObject({
      method: 'unmatched',
      villageId: 'V1',
    });
  });
});
