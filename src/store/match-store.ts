import { isValidIdNumber, normalizeIdNumber } from '../domain/id-card.js';
import { normalizeName, pickByName } from '../domain/triage/match-name.js';
import type { Report } from '../domain/triage/report.js';
import type { HouseholdStatus } from '../domain/types.js';
import type { HouseholdMatch as DomainMatch } from '../domain/ports/triage.js';
import type { Queryable } from './db.js';

export type MatchMethod = 'household_id' | 'id_number' | 'phone' | 'name_village' | 'unmatched';

export interface HouseholdMatch extends DomainMatch {
  method: MatchMethod;
}

/**
 * One match per identity, in order. Most department rows name the household: those are looked up
 * together in one query; the rest go through matchHousehold one by one.
 */
export async function matchHouseholds(db: Queryable, whos: Array<Report['identity']>): Promise<HouseholdMatch[]> {
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
        ? { householdId: h.id, villageId: h.village_id, status: h.status, method: 'household_id' }
        : await matchHousehold(db, who),
    );
  }
  return out;
}

/** ID-card number (checksum-valid), then phone, then name within the village; ambiguity never matches. */
export async function matchHousehold(db: Queryable, who: Report['identity']): Promise<HouseholdMatch> {
  const found = (method: MatchMethod) => async (householdId: string | undefined | null) => {
    if (!householdId) return null;
    const { rows } = await db.query<{ village_id: string; status: HouseholdStatus }>(
      'SELECT village_id, status FROM households WHERE id = $1',
      [householdId],
    );
    return rows[0] ? { householdId, villageId: rows[0].village_id, status: rows[0].status, method } : null;
  };
  if (who.householdId) {
    const m = await found('household_id')(who.householdId);
    if (m) return m;
  }
  if (who.idNumber && isValidIdNumber(who.idNumber)) {
    const { rows } = await db.query<{ household_id: string }>('SELECT household_id FROM members WHERE id_number = $1', [
      normalizeIdNumber(who.idNumber),
    ]);
    const m = await found('id_number')(rows[0]?.household_id);
    if (m) return m;
  }
  if (who.phone) {
    const phone = who.phone.replace(/\D/g, '');
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM households WHERE phone = $1 UNION SELECT household_id FROM members WHERE phone = $1 LIMIT 2`,
      [phone],
    );
    if (rows.length === 1) {
      const m = await found('phone')(rows[0]!.id);
      if (m) return m;
    }
  }
  const villageId = who.village ? await findVillage(db, who.village) : null;
  if (villageId && who.name) {
    const surname = normalizeName(who.name)[0] ?? '';
    const { rows } = await db.query<{ householdId: string; name: string }>(
      `SELECT m.household_id AS "householdId", m.name FROM members m JOIN households h ON h.id = m.household_id
       WHERE h.village_id = $1 AND m.name LIKE $2 || '%'`,
      [villageId, surname],
    );
    const m = await found('name_village')(pickByName(rows, who.name));
    if (m) return m;
  }
  return { householdId: null, villageId, status: null, method: 'unmatched' };
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
