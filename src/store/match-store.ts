import {
  decideMatch,
  phoneDigits,
  usableIdNumber,
  type MatchFindings,
  type MatchQuery,
} from '../domain/triage/decide-match.js';
import type { HouseholdRoster } from '../domain/triage/match-evidence.js';
import { parseNameQuery } from '../domain/triage/match-name.js';
import type { HouseholdMatch } from '../domain/ports/triage.js';
import type { HouseholdStatus } from '../domain/types.js';
import type { Queryable } from './db.js';

export type { HouseholdMatch } from '../domain/ports/triage.js';
export type { MatchMethod } from '../domain/triage/decide-match.js';

/** No more households than this are read for one name (a surname in a big village). */
const NAME_LIMIT = 60;

/**
 * One match per identity, in order. Most department rows name the household: those are looked up
 * together in one query; the rest go through matchHousehold one by one.
 */
export async function matchHouseholds(db: Queryable, whos: MatchQuery[], asOfYear: number): Promise<HouseholdMatch[]> {
  const ids = [...new Set(whos.flatMap((w) => (w.householdId ? [w.householdId] : [])))];
  const { rows } = ids.length
    ? await db.query<{ id: string; village_id: string; status: HouseholdStatus }>(
        'SELECT id, village_id, status FROM households WHERE id = ANY($1::text[])',
        [ids],
      )
    : { rows: [] };
  const known = new Map(rows.map((r) => [r.id, r]));
  const out: HouseholdMatch[] = [];
  for (const who of whos) {
    const h = who.householdId ? known.get(who.householdId) : undefined;
    out.push(
      h
        ? { householdId: h.id, villageId: h.village_id, status: h.status, method: 'household_id', candidates: [] }
        : await matchHousehold(db, who, asOfYear),
    );
  }
  return out;
}

/** Gathers what each route finds (SQL), then lets the domain decide: matched, ask (待关联) or unmatched. */
export async function matchHousehold(db: Queryable, who: MatchQuery, asOfYear: number): Promise<HouseholdMatch> {
  const findings = await findHouseholds(db, who);
  const d = decideMatch(who, findings, asOfYear);
  if (d.kind === 'matched') {
    const { rows } = await db.query<{ status: HouseholdStatus }>('SELECT status FROM households WHERE id = $1', [
      d.householdId,
    ]);
    return {
      householdId: d.householdId,
      villageId: d.villageId,
      status: rows[0]!.status,
      method: d.method,
      candidates: [],
    };
  }
  return {
    householdId: null,
    villageId: d.villageId,
    status: null,
    method: d.kind === 'ask' ? 'ambiguous' : 'unmatched',
    candidates: d.kind === 'ask' ? d.candidates : [],
  };
}

/** Every route's households, each with everyone in it: the head (from the household row) and the members. */
export async function findHouseholds(db: Queryable, who: MatchQuery): Promise<MatchFindings> {
  const ids = async (sql: string, params: unknown[]) =>
    (await db.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
  const villageId = who.village ? await findVillage(db, who.village) : null;
  const byHouseholdId = who.householdId ? await ids('SELECT id FROM households WHERE id = $1', [who.householdId]) : [];
  const idNumber = usableIdNumber(who.idNumber);
  const byIdNumber = idNumber
    ? await ids('SELECT household_id AS id FROM members WHERE id_number = $1', [idNumber])
    : [];
  const phone = phoneDigits(who.phone);
  const byPhone =
    phone.length >= 7
      ? await ids(
          `SELECT id FROM households WHERE phone = $1 UNION SELECT household_id FROM members WHERE phone = $1 ORDER BY 1 LIMIT 10`,
          [phone],
        )
      : [];
  const byName = await namedHouseholds(db, who.name, villageId);
  const rosters = await loadRosters(db, [...byHouseholdId, ...byIdNumber, ...byPhone, ...byName]);
  const pick = (list: string[]) => list.flatMap((id) => (rosters.has(id) ? [rosters.get(id)!] : []));
  return {
    villageId,
    byHouseholdId: pick(byHouseholdId)[0] ?? null,
    byIdNumber: pick(byIdNumber)[0] ?? null,
    byPhone: pick(byPhone),
    byName: pick(byName),
  };
}

/**
 * In the village: households with someone of the same surname and name length (exact, homophone and
 * one-character variants are told apart in the domain), or for 老张家 whose head is a 张. Without a
 * village: exact namesakes only, county-wide.
 */
async function namedHouseholds(db: Queryable, rawName: string | null | undefined, villageId: string | null) {
  const q = parseNameQuery(rawName);
  if (!q) return [];
  const run = async (sql: string, params: unknown[]) =>
    (await db.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
  if (q.kind === 'surname')
    return villageId
      ? run(`SELECT id FROM households WHERE village_id = $1 AND head_name LIKE $2 || '%' ORDER BY id LIMIT $3`, [
          villageId,
          q.surname,
          NAME_LIMIT,
        ])
      : [];
  if (!villageId)
    return run(
      `SELECT id FROM households WHERE head_name = $1 UNION SELECT household_id FROM members WHERE name = $1 ORDER BY 1 LIMIT $2`,
      [q.name, NAME_LIMIT],
    );
  const surname = [...q.name][0]!;
  const length = [...q.name].length;
  return run(
    `SELECT id FROM households WHERE village_id = $1 AND head_name LIKE $2 || '%' AND char_length(head_name) = $3
     UNION SELECT m.household_id FROM members m JOIN households h ON h.id = m.household_id
      WHERE h.village_id = $1 AND m.name LIKE $2 || '%' AND char_length(m.name) = $3
     ORDER BY 1 LIMIT $4`,
    [villageId, surname, length, NAME_LIMIT],
  );
}

async function loadRosters(db: Queryable, householdIds: string[]): Promise<Map<string, HouseholdRoster>> {
  const ids = [...new Set(householdIds)];
  if (!ids.length) return new Map();
  const { rows: houses } = await db.query<Omit<HouseholdRoster, 'people'>>(
    `SELECT h.id AS "householdId", h.village_id AS "villageId", v.name AS "villageName", h.group_name AS "groupName",
            h.head_name AS "headName", h.phone
       FROM households h JOIN villages v ON v.id = h.village_id WHERE h.id = ANY($1::text[])`,
    [ids],
  );
  const { rows: people } = await db.query<{
    householdId: string;
    name: string;
    relation: string;
    idNumber: string | null;
    birthYear: number | null;
    phone: string | null;
  }>(
    `SELECT household_id AS "householdId", name, relation, id_number AS "idNumber",
            COALESCE(extract(year FROM birth_date)::int, NULLIF(substring(id_number FROM 7 FOR 4), '')::int) AS "birthYear", phone
       FROM members WHERE household_id = ANY($1::text[]) ORDER BY id`,
    [ids],
  );
  const out = new Map<string, HouseholdRoster>();
  for (const h of houses) out.set(h.householdId, { ...h, people: [] });
  for (const { householdId, ...p } of people) out.get(householdId)?.people.push(p);
  // A head imported without a member row is still someone a report can name.
  for (const h of out.values())
    if (!h.people.some((p) => p.name === h.headName))
      h.people.unshift({ name: h.headName, relation: '户主', idNumber: null, birthYear: null, phone: h.phone });
  return out;
}

/** A village by id, by exact name, or by name without the 村/社区 suffix; only when unique. */
export async function findVillage(db: Queryable, village: string): Promise<string | null> {
  const v = village.trim();
  const bare = v.replace(/(村委会|村|社区)$/, '');
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM villages WHERE id = $1 OR name = $1 OR name IN ($2 || '村', $2 || '社区') LIMIT 2`,
    [v, bare],
  );
  return rows.length === 1 ? rows[0]!.id : null;
}
