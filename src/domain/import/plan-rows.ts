import type { Places } from '../ports/county-import.js';
import type { Cadre, Household, Link, Member, Township, Village } from '../types.js';
import type { CadreRow, HouseholdRow, LinkRow, MemberRow } from './import-schemas.js';
import type { CaseHistory } from './national-history.js';
import { birthDateOf, firstByKey, type Parsed, type RowError } from './parse-table.js';

/** Households rows (the first per 户编号 and per 户主身份证号): with the places they name, new ones made. */
export function planHouseholds(rows: Parsed<HouseholdRow>[], places: Places, errors: RowError[]) {
  const newTownships = new Map<string, Township>();
  const newVillages = new Map<string, Village>();
  const households: Household[] = [];
  const heads: Member[] = [];
  const histories: CaseHistory[] = [];
  for (const { row, value: r } of rows) {
    let villageId: string;
    if (r.village_id) {
      if (!places.villageIds.has(r.village_id)) {
        errors.push({ row, reason: `村编号“${r.village_id}”不存在` });
        continue;
      }
      villageId = r.village_id;
    } else {
      const name = r.township!;
      const known = places.townshipByName.get(name) ?? (places.townshipIds.has(name) ? { id: name } : undefined);
      const township = known ?? newTownships.get(name) ?? { id: name, name, county: '' };
      if (!known) newTownships.set(name, township as Township);
      const key = `${township.id}/${r.village!}`;
      villageId = places.villageByKey.get(key) ?? key;
      if (!places.villageByKey.has(key)) newVillages.set(key, { id: key, townshipId: township.id, name: r.village! });
    }
    households.push({
      id: r.household_id,
      villageId,
      groupName: r.group_name,
      headName: r.head_name,
      phone: r.phone,
      address: r.address,
      status: r.status,
      monitoringKind: r.monitoring_kind,
      incomePerCapita: r.income_per_capita,
    });
    if (r.history) histories.push({ householdId: r.household_id, kind: r.monitoring_kind, ...r.history });
    // The head is a member with or without an ID number; labour stays unknown until the members import.
    heads.push({
      householdId: r.household_id,
      name: r.head_name,
      idNumber: r.head_id_number,
      relation: '户主',
      birthDate: r.head_id_number ? birthDateOf(r.head_id_number) : null,
      phone: r.phone,
      labour: null,
      disability: '',
      schooling: '',
    });
  }
  return { townships: [...newTownships.values()], villages: [...newVillages.values()], households, heads, histories };
}

/** The keys seen so far in a file read in batches (so a later batch's duplicate is caught too). */
export type SeenKeys = [Map<string, number>, Map<string, number>];
export const seenKeys = (): SeenKeys => [new Map(), new Map()];

/** The rows a households file may hold once each: the first per 户编号 and per 户主身份证号. */
export function distinctHouseholds(
  rows: Parsed<HouseholdRow>[],
  errors: RowError[],
  [ids, heads]: SeenKeys = seenKeys(),
): Parsed<HouseholdRow>[] {
  rows = firstByKey(rows, (v) => v.household_id, '户编号', errors, ids);
  return firstByKey(rows, (v) => v.head_id_number, '户主身份证号', errors, heads);
}

/** Adds the townships and villages a batch created to the known places, so later batches use them. */
export function rememberPlaces(places: Places, created: { townships: Township[]; villages: Village[] }): void {
  for (const t of created.townships) {
    places.townshipIds.add(t.id);
    places.townshipByName.set(t.name, t);
  }
  for (const v of created.villages) {
    places.villageIds.add(v.id);
    places.villageByKey.set(`${v.townshipId}/${v.name}`, v.id);
  }
}

/** Cadres rows (the first per userid): a cadre below the county names a township that exists. */
export function planCadres(
  rows: Parsed<CadreRow>[],
  places: Places,
  errors: RowError[],
  seen = new Map<string, number>(),
): Cadre[] {
  const cadres: Cadre[] = [];
  for (const { row, value: r } of firstByKey(rows, (v) => v.userid, '企业微信账号', errors, seen)) {
    const townshipId = r.township
      ? places.townshipIds.has(r.township)
        ? r.township
        : places.townshipByName.get(r.township)?.id
      : null;
    if (r.township && !townshipId) {
      errors.push({ row, reason: `乡镇“${r.township}”不存在` });
      continue;
    }
    if (!townshipId && r.role !== 'county') {
      errors.push({ row, reason: '除县乡村振兴局外，干部须填所属乡镇' });
      continue;
    }
    cadres.push({ userid: r.userid, name: r.name, role: r.role, townshipId: townshipId ?? null, phone: r.phone });
  }
  return cadres;
}

/** Links rows: each names a household, village or township and a cadre that exist. */
export function planLinks(
  rows: Parsed<LinkRow>[],
  known: { places: Places; cadres: Set<string>; households: Set<string> },
  errors: RowError[],
): Link[] {
  const { places, cadres, households } = known;
  const links: Link[] = [];
  for (const { row, value: r } of rows) {
    const targetId =
      r.kind === 'household'
        ? households.has(r.target)
          ? r.target
          : undefined
        : r.kind === 'village'
          ? places.villageIds.has(r.target)
            ? r.target
            : places.villageByName.get(r.target)
          : places.townshipIds.has(r.target)
            ? r.target
            : places.townshipByName.get(r.target)?.id;
    const problems = [
      targetId ? null : `对象“${r.target}”不存在`,
      cadres.has(r.cadre_userid) ? null : `干部账号“${r.cadre_userid}”不存在`,
    ].filter(Boolean);
    if (problems.length) errors.push({ row, reason: problems.join('；') });
    else links.push({ kind: r.kind, targetId: targetId!, cadreUserid: r.cadre_userid });
  }
  return links;
}

/** The members rows a file may hold once each: an ID number or, without one, household + name is the key. */
export function distinctMembers(
  rows: Parsed<MemberRow>[],
  errors: RowError[],
  [ids, names]: SeenKeys = seenKeys(),
): Parsed<MemberRow>[] {
  rows = firstByKey(rows, (v) => v.id_number, '身份证号', errors, ids);
  return firstByKey(
    rows,
    (v) => (v.id_number ? null : `${v.household_id} ${v.name}`),
    '同户同名且无身份证号的成员',
    errors,
    names,
  );
}

/** Members rows: each names a household already imported. */
export function planMembers(rows: Parsed<MemberRow>[], households: Set<string>, errors: RowError[]): Member[] {
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
  return members;
}
