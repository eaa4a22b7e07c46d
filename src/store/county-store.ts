import type { Cadre, Household, Link, Member, Township, Village } from '../domain/types.js';
import type { Queryable } from './db.js';

/** Rows go in as one jsonb parameter: one round trip per chunk, same SQL on pg and PGlite. */
const CHUNK = 5000;

/** Runs `sql`, whose $1 is a jsonb array of rows, once per chunk. */
async function bulk(db: Queryable, sql: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.query(sql, [JSON.stringify(rows.slice(i, i + CHUNK))]);
}

export async function upsertTownships(db: Queryable, rows: Township[]): Promise<void> {
  await bulk(
    db,
    `INSERT INTO townships (id, name, county)
      SELECT id, name, county FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, county text)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, county = EXCLUDED.county`,
    rows,
  );
}

export async function upsertVillages(db: Queryable, rows: Village[]): Promise<void> {
  await bulk(
    db,
    `INSERT INTO villages (id, township_id, name)
      SELECT id, "townshipId", name FROM jsonb_to_recordset($1::jsonb) AS r(id text, "townshipId" text, name text)
      ON CONFLICT (id) DO UPDATE SET township_id = EXCLUDED.township_id, name = EXCLUDED.name`,
    rows,
  );
}

export async function upsertHouseholds(db: Queryable, rows: Household[]): Promise<void> {
  await bulk(
    db,
    `INSERT INTO households (id, village_id, group_name, head_name, phone, address, status, monitoring_kind, income_per_capita)
      SELECT id, "villageId", "groupName", "headName", phone, address, status, "monitoringKind", "incomePerCapita"
      FROM jsonb_to_recordset($1::jsonb) AS r(id text, "villageId" text, "groupName" text, "headName" text,
        phone text, address text, status text, "monitoringKind" text, "incomePerCapita" integer)
      ON CONFLICT (id) DO UPDATE SET village_id = EXCLUDED.village_id, group_name = EXCLUDED.group_name,
        head_name = EXCLUDED.head_name, phone = EXCLUDED.phone, address = EXCLUDED.address,
        status = EXCLUDED.status, monitoring_kind = EXCLUDED.monitoring_kind,
        income_per_capita = EXCLUDED.income_per_capita, updated_at = now()`,
    rows,
  );
}

/**
 * Members are keyed by ID-card number (a person moving household is updated, not duplicated), or without
 * one by household and name; a member who now has an ID number replaces their row without one.
 */
export async function upsertMembers(db: Queryable, rows: Member[]): Promise<void> {
  const withId = rows.filter((r) => r.idNumber);
  const withoutId = rows.filter((r) => !r.idNumber);
  const columns = `"householdId" text, name text, "idNumber" text, relation text, "birthDate" text, phone text,
        labour text, disability text, schooling text, sex text, health text`;
  const select = `SELECT "householdId", name, "idNumber", relation, "birthDate"::date, phone, labour, disability, schooling,
        COALESCE(sex, ''), COALESCE(health, '') FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`;
  const set = `household_id = EXCLUDED.household_id, name = EXCLUDED.name, relation = EXCLUDED.relation,
        birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone, labour = EXCLUDED.labour, disability = EXCLUDED.disability,
        schooling = EXCLUDED.schooling, sex = EXCLUDED.sex, health = EXCLUDED.health`;
  const insert =
    'INSERT INTO members (household_id, name, id_number, relation, birth_date, phone, labour, disability, schooling, sex, health)';
  await bulk(
    db,
    `DELETE FROM members m USING jsonb_to_recordset($1::jsonb) AS r("householdId" text, name text)
      WHERE m.id_number IS NULL AND m.household_id = r."householdId" AND m.name = r.name`,
    withId,
  );
  await bulk(db, `${insert} ${select} ON CONFLICT (id_number) DO UPDATE SET ${set}`, withId);
  await bulk(
    db,
    `${insert} ${select} ON CONFLICT (household_id, name) WHERE id_number IS NULL DO UPDATE SET ${set}`,
    withoutId,
  );
}

/**
 * The head named in a households import: a member row if there is none, else only name, relation, phone
 * and ID number change. Labour, health and schooling are the members import's to say.
 */
export async function upsertHeads(db: Queryable, rows: Member[]): Promise<void> {
  const withId = rows.filter((r) => r.idNumber);
  await bulk(
    db,
    `DELETE FROM members m USING jsonb_to_recordset($1::jsonb) AS r("householdId" text, name text)
      WHERE m.id_number IS NULL AND m.household_id = r."householdId" AND m.name = r.name`,
    withId,
  );
  const select = `SELECT "householdId", name, "idNumber", '户主', "birthDate"::date, phone
      FROM jsonb_to_recordset($1::jsonb) AS r("householdId" text, name text, "idNumber" text, "birthDate" text, phone text)`;
  const insert = 'INSERT INTO members (household_id, name, id_number, relation, birth_date, phone)';
  await bulk(
    db,
    `${insert} ${select} ON CONFLICT (id_number) DO UPDATE SET household_id = EXCLUDED.household_id, name = EXCLUDED.name,
       relation = '户主', birth_date = EXCLUDED.birth_date, phone = COALESCE(EXCLUDED.phone, members.phone)`,
    withId,
  );
  await bulk(
    db,
    `${insert} ${select} ON CONFLICT (household_id, name) WHERE id_number IS NULL DO UPDATE SET relation = '户主',
       phone = COALESCE(EXCLUDED.phone, members.phone)`,
    rows.filter((r) => !r.idNumber),
  );
}

export async function upsertCadres(db: Queryable, rows: Cadre[]): Promise<void> {
  await bulk(
    db,
    `INSERT INTO cadres (userid, name, role, township_id, phone)
      SELECT userid, name, role, "townshipId", phone
      FROM jsonb_to_recordset($1::jsonb) AS r(userid text, name text, role text, "townshipId" text, phone text)
      ON CONFLICT (userid) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
        township_id = EXCLUDED.township_id, phone = EXCLUDED.phone, active = true`,
    rows,
  );
}

export async function upsertLinks(db: Queryable, rows: Link[]): Promise<void> {
  await bulk(
    db,
    `INSERT INTO links (kind, target_id, cadre_userid)
      SELECT kind, "targetId", "cadreUserid" FROM jsonb_to_recordset($1::jsonb) AS r(kind text, "targetId" text, "cadreUserid" text)
      ON CONFLICT DO NOTHING`,
    rows,
  );
}

export async function countHouseholds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
  return rows[0]!.n;
}

/** Which of the given ids exist in a table with a text primary key (for import validation). */
export async function existingIds(
  db: Queryable,
  table: 'households' | 'villages' | 'townships' | 'cadres',
  ids: string[],
): Promise<Set<string>> {
  const key = table === 'cadres' ? 'userid' : 'id';
  const { rows } = await db.query<{ id: string }>(`SELECT ${key} AS id FROM ${table} WHERE ${key} = ANY($1::text[])`, [
    ids,
  ]);
  return new Set(rows.map((r) => r.id));
}
