import type { BulletinRow } from '../domain/schedule/bulletin.js';
import type { BulletinQueueStore, BulletinStore, StoredBulletin } from '../domain/ports/bulletin.js';
import { firstLinkSql } from './chain-sql.js';
import type { Queryable } from './db.js';
import { dutyRecordsOf } from './pair-duty-store.js';

/**
 * Per cadre and village: contact deadlines that fell in the week [$2, $3) (met ones from visits.due_at,
 * unmet ones still pending on the household), those met by $4 (the week's end, or now for the week in
 * progress), those unmet at $4, and open tasks past their limit. Households go to their pair-helper,
 * else the village cadre.
 */
const ROWS_SQL = `
  WITH hh AS (
    SELECT h.id, h.village_id, h.next_visit_due_at AS nv, h.next_call_due_at AS nc,
           COALESCE(${firstLinkSql('household', 'h.id')}, ${firstLinkSql('village', 'h.village_id')}) AS cadre
      FROM households h JOIN villages v ON v.id = h.village_id
     WHERE v.township_id = $1 AND h.status <> 'ordinary'),
  contacts AS (
    SELECT hh.cadre, hh.village_id, count(*)::int AS households,
           sum(((nv >= $2 AND nv < $3) IS TRUE)::int + ((nc >= $2 AND nc < $3) IS TRUE)::int + COALESCE(m.due, 0))::int AS due,
           sum(COALESCE(m.done, 0))::int AS done,
           sum(((nv < $4) IS TRUE)::int + ((nc < $4) IS TRUE)::int + COALESCE(m.late, 0))::int AS overdue
      FROM hh LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE x.due_at >= $2 AND x.due_at < $3) AS due,
               count(*) FILTER (WHERE x.due_at >= $2 AND x.due_at < $3 AND x.at < $4) AS done,
               count(*) FILTER (WHERE x.due_at < $4 AND x.at >= $4) AS late
          FROM visits x WHERE x.household_id = hh.id AND x.due_at < $3 AND (x.due_at >= $2 OR x.at >= $4)) m ON true
     GROUP BY 1, 2),
  late_tasks AS (
    SELECT t.cadre_userid AS cadre, v.id AS village_id, count(*)::int AS n
      FROM tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN households h ON h.id = c.household_id
      JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
     WHERE t.state = 'open' AND t.next_due_at < $4 AND v.township_id = $1
     GROUP BY 1, 2)
  SELECT COALESCE(c.cadre, t.cadre) AS cadre, k.name AS "cadreName", v.id AS "villageId", v.name AS "villageName",
         COALESCE(c.households, 0) AS households, COALESCE(c.due, 0) AS due, COALESCE(c.done, 0) AS done,
         COALESCE(c.overdue, 0) AS "overdueContacts", COALESCE(t.n, 0) AS "overdueTasks"
    FROM contacts c FULL JOIN late_tasks t ON t.cadre = c.cadre AND t.village_id = c.village_id
    JOIN villages v ON v.id = COALESCE(c.village_id, t.village_id)
    LEFT JOIN cadres k ON k.userid = COALESCE(c.cadre, t.cadre)
   ORDER BY v.id, 1`;

export function bulletinStore(db: Queryable): BulletinStore {
  return {
    townships: async () =>
      (await db.query<{ id: string; name: string }>('SELECT id, name FROM townships ORDER BY id')).rows,
    rows: async (townshipId, week, asOf) =>
      (await db.query<BulletinRow>(ROWS_SQL, [townshipId, week.start, week.end, asOf])).rows,
    save: async (townshipId, weekStart, content, at) =>
      (
        await db.query(
          'INSERT INTO bulletins (township_id, week_start, content, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
          [townshipId, weekStart, content, at],
        )
      ).rows.length === 1,
    // Households by their status now: one that left monitoring this week is no longer counted.
    dutyHouseholds: async (townshipId, statuses, since) => {
      const { rows } = await db.query<{ id: string; villageId: string; villageName: string }>(
        `SELECT h.id, h.village_id AS "villageId", v.name AS "villageName" FROM households h JOIN villages v ON v.id = h.village_id
          WHERE v.township_id = $1 AND h.status = ANY($2::text[]) ORDER BY h.id`,
        [townshipId, statuses],
      );
      const records = await dutyRecordsOf(
        db,
        rows.map((r) => r.id),
        since,
      );
      return rows.map((r) => ({
        villageId: r.villageId,
        villageName: r.villageName,
        records: records.get(r.id) ?? [],
      }));
    },
  };
}

/** Bulletins not yet on the queue, each with its township leaders (or the county office when it has none). */
export async function unqueuedBulletins(db: Queryable): Promise<StoredBulletin[]> {
  return (
    await db.query<StoredBulletin>(
      `SELECT b.township_id AS "townshipId", b.week_start AS "weekStart", b.content,
            COALESCE((SELECT array_agg(l.cadre_userid ORDER BY l.cadre_userid) FROM links l JOIN cadres k ON k.userid = l.cadre_userid AND k.active
                       WHERE l.kind = 'area' AND l.target_id = b.township_id),
                     ARRAY(SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid LIMIT 1)) AS "to"
       FROM bulletins b WHERE b.queued_at IS NULL ORDER BY b.created_at, b.township_id LIMIT 1000`,
    )
  ).rows;
}

export async function markBulletinsQueued(db: Queryable, rows: StoredBulletin[]): Promise<void> {
  for (const b of rows)
    await db.query('UPDATE bulletins SET queued_at = now() WHERE township_id = $1 AND week_start = $2', [
      b.townshipId,
      b.weekStart,
    ]);
}

/** Bulletins waiting to be queued. */
export function bulletinQueueStore(db: Queryable): BulletinQueueStore {
  return { unqueued: () => unqueuedBulletins(db), markQueued: (rows) => markBulletinsQueued(db, rows) };
}
