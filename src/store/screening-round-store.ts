import type { NewRound, ScreeningRoundStore, StoredMonthlyDigest } from '../domain/ports/rounds.js';
import type { RoundItem } from '../domain/rounds/round-view.js';
import type { Db, Queryable } from './db.js';
import { writeAudit } from './audit-store.js';
import { loadRounds } from './round-views.js';

const ITEM_COLUMNS = `h.id AS "householdId", h.head_name AS "headName", v.name AS "villageName",
  COALESCE((SELECT array_agg(c.number ORDER BY c.number) FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL), '{}') AS "openCases"`;

/** Active cadres linked at one level of the chain, as an array. */
const linked = (kind: string, target: string) =>
  `ARRAY(SELECT l.cadre_userid FROM links l JOIN cadres k ON k.userid = l.cadre_userid AND k.active
          WHERE l.kind = '${kind}' AND l.target_id = ${target} ORDER BY 1)`;
const COUNTY = `ARRAY(SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid LIMIT 1)`;
/** Who gets a round: the village's 包村干部 (排查) or the township's 包片领导 (核实), else the next one up. */
const RECIPIENTS = `CASE WHEN $1 = 'village'
  THEN COALESCE(NULLIF(${linked('village', '$2')}, '{}'), NULLIF(${linked('area', '$3')}, '{}'), ${COUNTY})
  ELSE COALESCE(NULLIF(${linked('area', '$3')}, '{}'), ${COUNTY}) END`;

/** The scheduled rounds' store; opening a round and storing a digest are audited in the same transaction. */
export function screeningRoundStore(db: Db): ScreeningRoundStore {
  return {
    villages: async () =>
      (
        await db.query<{ id: string; townshipId: string }>(
          'SELECT id, township_id AS "townshipId" FROM villages ORDER BY id',
        )
      ).rows,
    townships: async () =>
      (await db.query<{ id: string; name: string }>('SELECT id, name FROM townships ORDER BY id')).rows,
    countyName: async () =>
      (await db.query<{ county: string }>(`SELECT county FROM townships WHERE county <> '' ORDER BY id LIMIT 1`))
        .rows[0]?.county ?? '',
    roundExists: async (kind, placeId, periodStart) =>
      (
        await db.query('SELECT 1 FROM screening_rounds WHERE kind = $1 AND place_id = $2 AND period_start = $3', [
          kind,
          placeId,
          periodStart,
        ])
      ).rows.length > 0,
    villageChecklist: async (villageId, deadline, since) =>
      (
        await db.query<RoundItem>(
          `SELECT ${ITEM_COLUMNS},
                  CASE WHEN h.next_visit_due_at < $2 THEN h.next_visit_due_at END AS "visitDueAt",
                  CASE WHEN h.next_call_due_at < $2 THEN h.next_call_due_at END AS "callDueAt",
                  (SELECT count(*)::int FROM triage_signals s WHERE s.household_id = h.id AND s.case_id IS NULL AND s.at >= $3) AS signals,
                  NULL::timestamptz AS "lastContactAt"
             FROM households h JOIN villages v ON v.id = h.village_id
            WHERE h.village_id = $1
              AND (h.next_visit_due_at < $2 OR h.next_call_due_at < $2
                   OR EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL)
                   OR EXISTS (SELECT 1 FROM triage_signals s WHERE s.household_id = h.id AND s.case_id IS NULL AND s.at >= $3))
            ORDER BY h.id`,
          [villageId, deadline, since],
        )
      ).rows,
    townshipRecords: async (townshipId) =>
      (
        await db.query<RoundItem & { villageId: string }>(
          `SELECT ${ITEM_COLUMNS}, v.id AS "villageId", NULL::timestamptz AS "visitDueAt", NULL::timestamptz AS "callDueAt",
                  0 AS signals, (SELECT max(x.at) FROM visits x WHERE x.household_id = h.id) AS "lastContactAt"
             FROM households h JOIN villages v ON v.id = h.village_id
            WHERE v.township_id = $1 AND h.status IN ('lifted', 'monitored')
            ORDER BY v.id, h.id`,
          [townshipId],
        )
      ).rows,
    createRound: (r, at) => db.transaction((tx) => createRound(tx, r, at)),
    unqueuedRounds: () => loadRounds(db, 'r.queued_at IS NULL', [], 'ORDER BY r.created_at, r.id LIMIT 200'),
    markRoundsQueued: async (ids, at) => {
      await db.query('UPDATE screening_rounds SET queued_at = $2 WHERE id = ANY($1::bigint[])', [ids, at]);
    },
    monthlyDigestStored: async (month) =>
      (await db.query('SELECT 1 FROM monthly_digests WHERE month = $1', [month])).rows.length > 0,
    saveMonthlyDigest: (month, content, at) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query(
          'INSERT INTO monthly_digests (month, content, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
          [month, content, at],
        );
        if (rows.length)
          await writeAudit(tx, {
            actor: 'system',
            action: 'monthly-digest',
            entity: 'monthly_digest',
            entityId: month,
            at,
          });
        return rows.length === 1;
      }),
    unqueuedMonthlyDigests: async () =>
      (
        await db.query<StoredMonthlyDigest>(
          `SELECT month, content, ARRAY(SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid) AS "to"
             FROM monthly_digests WHERE queued_at IS NULL ORDER BY month`,
        )
      ).rows,
    markMonthlyDigestsQueued: async (months, at) => {
      await db.query('UPDATE monthly_digests SET queued_at = $2 WHERE month = ANY($1::text[])', [months, at]);
    },
  };
}

async function createRound(db: Queryable, r: NewRound, at: Date): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO screening_rounds (kind, place_id, township_id, period_start, period_end, deadline, recipients, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, ${RECIPIENTS}, $7)
     ON CONFLICT (kind, place_id, period_start) DO NOTHING RETURNING id::int AS id`,
    [r.kind, r.placeId, r.townshipId, r.periodStart, r.periodEnd, r.deadline, at],
  );
  const id = rows[0]?.id;
  if (id === undefined) return null;
  await writeAudit(db, {
    actor: 'system',
    action: 'round-open',
    entity: 'screening_round',
    entityId: String(id),
    note: `${r.kind} ${r.placeId}: ${r.items.length} households, due ${r.deadline.toISOString()}`,
    at,
  });
  if (r.items.length)
    await db.query(
      `INSERT INTO screening_round_items (round_id, household_id, visit_due_at, call_due_at, open_cases, signals, last_contact_at)
       SELECT $1, x.household_id, x.visit_due_at, x.call_due_at, ARRAY(SELECT jsonb_array_elements_text(x.open_cases)), x.signals, x.last_contact_at
         FROM jsonb_to_recordset($2::jsonb) AS x(household_id text, visit_due_at timestamptz, call_due_at timestamptz,
              open_cases jsonb, signals int, last_contact_at timestamptz)`,
      [
        id,
        JSON.stringify(
          r.items.map((i) => ({
            household_id: i.householdId,
            visit_due_at: i.visitDueAt,
            call_due_at: i.callDueAt,
            open_cases: i.openCases,
            signals: i.signals,
            last_contact_at: i.lastContactAt,
          })),
        ),
      ],
    );
  return id;
}
