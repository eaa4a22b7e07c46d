import type { z } from 'zod';
import type { Cadre, Household, Link, Member, Township, Village } from '../domain/types.js';
import { writeAudit } from '../store/audit-store.js';
import {
  existingIds,
  upsertCadres,
  upsertHouseholds,
  upsertHeads,
  upsertLinks,
  upsertTownships,
  upsertVillages,
} from '../store/county-store.js';
import type { Db, Queryable } from '../store/db.js';
import { listPlaces } from '../store/place-store.js';
import {
  COLUMNS,
  normalizeHeader,
  ROW_SCHEMAS,
  type CadreRow,
  type HouseholdRow,
  type ImportKind,
  type LinkRow,
  type MemberRow,
} from './import-schemas.js';
import type { Table } from '../files/read-table.js';
import { birthDateOf, writeMembers } from './write-members.js';

export interface RowError {
  row: number;
  reason: string;
}
export interface ImportReport {
  kind: ImportKind;
  rows: number;
  written: number;
  errors: RowError[];
}

export type Parsed<T> = { row: number; value: T };

/** Validates every row, writes the good ones in one transaction, reports the bad ones by row number. */
export async function importTable(db: Db, kind: ImportKind, table: Table, actor = 'import'): Promise<ImportReport> {
  const columns = mapColumns(kind, table.headers);
  if ('missing' in columns) {
    return {
      kind,
      rows: table.rows.length,
      written: 0,
      errors: [{ row: 1, reason: `缺少列：${columns.missing.join('、')}` }],
    };
  }
  const errors: RowError[] = [];
  const parsed: Parsed<unknown>[] = [];
  for (const { row, cells } of table.rows) {
    const input = Object.fromEntries(Object.keys(COLUMNS[kind]).map((f) => [f, cells[columns.index[f] ?? -1] ?? '']));
    const result = (ROW_SCHEMAS[kind] as z.ZodType).safeParse(input);
    if (result.success) parsed.push({ row, value: result.data });
    else errors.push({ row, reason: result.error.issues.map((i) => i.message).join('；') });
  }
  const written = await db.transaction(async (tx) => {
    const n =
      kind === 'households'
        ? await writeHouseholds(tx, parsed as Parsed<HouseholdRow>[], errors)
        : kind === 'members'
          ? await writeMembers(tx, parsed as Parsed<MemberRow>[], errors)
          : kind === 'cadres'
            ? await writeCadres(tx, parsed as Parsed<CadreRow>[], errors)
            : await writeLinks(tx, parsed as Parsed<LinkRow>[], errors);
    await writeAudit(tx, {
      actor,
      action: `import-${kind}`,
      entity: kind,
      entityId: '*',
      note: `${n} written, ${errors.length} rejected`,
    });
    return n;
  });
  errors.sort((a, b) => a.row - b.row);
  return { kind, rows: table.rows.length, written, errors };
}

function mapColumns(kind: ImportKind, headers: string[]): { index: Record<string, number> } | { missing: string[] } {
  const normalized = headers.map(normalizeHeader);
  const index: Record<string, number> = {};
  for (const [field, aliases] of Object.entries(COLUMNS[kind])) {
    const i = normalized.findIndex((h) => aliases.some((a) => normalizeHeader(a) === h));
    if (i >= 0) index[field] = i;
  }
  const required = {
    households: ['household_id', 'head_name', 'status'],
    members: ['household_id', 'name', 'relation', 'labour'],
    cadres: ['userid', 'name', 'role'],
    links: ['kind', 'target', 'cadre_userid'],
  }[kind];
  const missing = required.filter((f) => index[f] === undefined).map((f) => COLUMNS[kind][f]![1]!);
  return missing.length ? { missing } : { index };
}

/** Keeps the first row for each key; later ones become errors (a file must not contradict itself). */
export function firstByKey<T>(
  rows: Parsed<T>[],
  key: (v: T) => string | null,
  label: string,
  errors: RowError[],
): Parsed<T>[] {
  const seen = new Map<string, number>();
  return rows.filter(({ row, value }) => {
    const k = key(value);
    if (k === null) return true;
    const first = seen.get(k);
    if (first !== undefined) {
      errors.push({ row, reason: `${label}“${k}”与第${first}行重复` });
      return false;
    }
    seen.set(k, row);
    return true;
  });
}

async function writeHouseholds(db: Queryable, rows: Parsed<HouseholdRow>[], errors: RowError[]): Promise<number> {
  rows = firstByKey(rows, (v) => v.household_id, '户编号', errors);
  rows = firstByKey(rows, (v) => v.head_id_number, '户主身份证号', errors);
  const places = await listPlaces(db);
  const newTownships = new Map<string, Township>();
  const newVillages = new Map<string, Village>();
  const households: Household[] = [];
  const members: Member[] = [];
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
    // The head is a member with or without an ID number; labour stays unknown until the members import.
    members.push({
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
  await upsertTownships(db, [...newTownships.values()]);
  await upsertVillages(db, [...newVillages.values()]);
  await upsertHouseholds(db, households);
  await upsertHeads(db, members);
  return households.length;
}

async function writeCadres(db: Queryable, rows: Parsed<CadreRow>[], errors: RowError[]): Promise<number> {
  rows = firstByKey(rows, (v) => v.userid, '企业微信账号', errors);
  const places = await listPlaces(db);
  const cadres: Cadre[] = [];
  for (const { row, value: r } of rows) {
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
  await upsertCadres(db, cadres);
  return cadres.length;
}

async function writeLinks(db: Queryable, rows: Parsed<LinkRow>[], errors: RowError[]): Promise<number> {
  const places = await listPlaces(db);
  const cadres = await existingIds(
    db,
    'cadres',
    rows.map((r) => r.value.cadre_userid),
  );
  const households = await existingIds(
    db,
    'households',
    rows.filter((r) => r.value.kind === 'household').map((r) => r.value.target),
  );
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
  await upsertLinks(db, links);
  return links.length;
}
