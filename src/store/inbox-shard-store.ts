import type { Queryable } from './db.js';

/**
 * What keeps each inbox row's job in its queue shard (QUEUE_SHARDS), so the reports about one household
 * are handled in one shard, in order: a report for triage goes by the township of the household it names
 * (by household id, an ID number, a phone, or else by its village's name), a villager's message by the
 * villager. Every way of naming a household finds the same township, so they all meet in one shard; a
 * report that names nobody known gets a key of its own. Callbacks (source wecom) have none.
 */
export async function inboxShardKeys(db: Queryable, inboxIds: number[]): Promise<Map<number, string>> {
  if (!inboxIds.length) return new Map();
  const { rows } = await db.query<{ id: string | number; key: string | null }>(
    `SELECT i.id,
            CASE WHEN i.source = 'wecom' THEN NULL
                 WHEN i.source = 'kf' THEN 'villager:' || coalesce(i.payload->>'external_userid', i.id::text)
                 ELSE coalesce('township:' || coalesce(
                   (SELECT v.township_id FROM households h JOIN villages v ON v.id = h.village_id
                     WHERE h.id = i.payload->'identity'->>'householdId'),
                   (SELECT v.township_id FROM members m JOIN households h ON h.id = m.household_id
                      JOIN villages v ON v.id = h.village_id
                     WHERE m.id_number = i.payload->'identity'->>'idNumber'),
                   (SELECT min(v.township_id) FROM households h JOIN villages v ON v.id = h.village_id
                     WHERE h.phone = i.payload->'identity'->>'phone'
                        OR h.id IN (SELECT m.household_id FROM members m WHERE m.phone = i.payload->'identity'->>'phone')),
                   (SELECT min(v.township_id) FROM villages v WHERE v.name = i.payload->'identity'->>'village')
                 ), 'report:' || i.id)
            END AS key
       FROM inbox i WHERE i.id = ANY($1::bigint[])`,
    [inboxIds],
  );
  return new Map(rows.flatMap((r) => (r.key ? [[Number(r.id), r.key] as const] : [])));
}
