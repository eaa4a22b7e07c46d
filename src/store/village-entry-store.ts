import type { VillageEntryStore, VillageRef } from '../domain/ports/village-entry.js';
import type { Queryable } from './db.js';

const VILLAGE = `v.id, v.name, v.township_id AS "townshipId"`;

/** Village codes (一村一码) and the dialog prefill their scans bring. */
export function villageEntryStore(db: Queryable): VillageEntryStore {
  const one = async (sql: string, params: unknown[]) => (await db.query<VillageRef>(sql, params)).rows[0] ?? null;
  return {
    village: (id) => one(`SELECT ${VILLAGE} FROM villages v WHERE v.id = $1`, [id]),
    code: async (villageId) =>
      (
        await db.query<{ scene: string; url: string }>('SELECT scene, url FROM village_codes WHERE village_id = $1', [
          villageId,
        ])
      ).rows[0] ?? null,
    saveCode: async (r, at) => {
      await db.query(
        `INSERT INTO village_codes (village_id, scene, open_kfid, url, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [r.villageId, r.scene, r.openKfid, r.url, at],
      );
    },
    villageOfScene: (scene) =>
      one(`SELECT ${VILLAGE} FROM village_codes c JOIN villages v ON v.id = c.village_id WHERE c.scene = $1`, [scene]),
    findVillage: async (idOrName) => {
      const bare = idOrName.replace(/(村委会|村|社区)$/, '');
      const { rows } = await db.query<VillageRef>(
        `SELECT ${VILLAGE} FROM villages v WHERE v.id = $1 OR v.name = $1 OR v.name IN ($2 || '村', $2 || '社区') LIMIT 2`,
        [idOrName, bare],
      );
      return rows.length === 1 ? rows[0]! : null;
    },
    prefillVillage: async (user, openKfid, village, at) => {
      // A new session's window stays shut (last_customer_at at the epoch) until the villager writes.
      await db.query(
        `INSERT INTO kf_sessions (external_userid, open_kfid, case_id, draft, last_customer_at, replies_since, updated_at)
         VALUES ($1, $2, NULL, jsonb_build_object('description', '[]'::jsonb) || $3::jsonb, to_timestamp(0), 0, $4)
         ON CONFLICT (external_userid) DO UPDATE SET draft = kf_sessions.draft || $3::jsonb, updated_at = $4`,
        [user, openKfid, JSON.stringify({ villageId: village.id, villageName: village.name }), at],
      );
    },
  };
}

/** The villages of a township (null: the county) with their links, for the 一村一码 page. */
export async function villageCodeList(db: Queryable, townshipId: string | null) {
  const { rows } = await db.query<VillageRef & { townshipName: string; url: string | null }>(
    `SELECT ${VILLAGE}, t.name AS "townshipName", c.url
       FROM villages v JOIN townships t ON t.id = v.township_id LEFT JOIN village_codes c ON c.village_id = v.id
      WHERE $1::text IS NULL OR v.township_id = $1 ORDER BY v.township_id, v.id`,
    [townshipId],
  );
  return rows;
}
