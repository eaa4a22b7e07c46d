import type { Member } from '../domain/types.js';
import { existingIds, upsertMembers } from '../store/county-store.js';
import type { Queryable } from '../store/db.js';
import type { MemberRow } from './import-schemas.js';
import { firstByKey, type Parsed, type RowError } from './import-table.js';

/** The birth date an ID number carries (digits 7-14). */
export const birthDateOf = (idNumber: string) =>
  `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/** Members rows: each names a household already imported; an ID number or, without one, household + name is the key. */
export async function writeMembers(db: Queryable, rows: Parsed<MemberRow>[], errors: RowError[]): Promise<number> {
  rows = firstByKey(rows, (v) => v.id_number, '身份证号', errors);
  rows = firstByKey(
    rows,
    (v) => (v.id_number ? null : `${v.household_id} ${v.name}`),
    '同户同名且无身份证号的成员',
    errors,
  );
  const households = await existingIds(
    db,
    'households',
    rows.map((r) => r.value.household_id),
  );
  const members: Member[] = [];
  for (const { row, value: r } of rows) {
    if (!households.has(r.household_id)) {
      errors.push({ row, reason: `户编号“${r.household_id}”不存在，请先导入农户` });
      continue;
    }
    members.push({
      householdId: r.household_id,
      name: r.name,
      idNumber: r.id_number,
      relation: r.relation,
      birthDate: r.birth_date ?? (r.id_number ? birthDateOf(r.id_number) : null),
      phone: r.phone,
      labour: r.labour,
      disability: r.disability,
      schooling: r.schooling ?? '',
      sex: r.sex ?? (r.id_number ? (Number(r.id_number[16]) % 2 === 1 ? '男' : '女') : ''),
      health: r.health ?? '',
    });
  }
  await upsertMembers(db, members);
  return members.length;
}
