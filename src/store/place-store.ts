import type { Places } from '../domain/ports/county-import.js';
import type { Township } from '../domain/types.js';
import type { Queryable } from './db.js';

export type { Places };

/** A county has tens of townships and hundreds of villages: loading them all is cheap. */
export async function listPlaces(db: Queryable): Promise<Places> {
  const t = await db.query<Township>('SELECT id, name, county FROM townships');
  const v = await db.query<{ id: string; township_id: string; name: string }>(
    'SELECT id, township_id, name FROM villages',
  );
  const nameCount = new Map<string, number>();
  for (const r of v.rows) nameCount.set(r.name, (nameCount.get(r.name) ?? 0) + 1);
  return {
    townshipIds: new Set(t.rows.map((r) => r.id)),
    townshipByName: new Map(t.rows.map((r) => [r.name, r])),
    villageIds: new Set(v.rows.map((r) => r.id)),
    villageByKey: new Map(v.rows.map((r) => [`${r.township_id}/${r.name}`, r.id])),
    villageByName: new Map(v.rows.filter((r) => nameCount.get(r.name) === 1).map((r) => [r.name, r.id])),
  };
}
