import type { RoundItem, RoundView } from '../domain/rounds/round-view.js';
import type { Queryable } from './db.js';

const ROUND_COLUMNS = `r.id::int AS id, r.kind, COALESCE(v.name, t.name) AS "placeName", r.period_start AS "periodStart",
  r.period_end AS "periodEnd", r.deadline, r.recipients, r.answered_at AS "answeredAt", r.answered_by AS "answeredBy",
  k.name AS "answeredByName", r.outcome, r.findings`;
const ROUND_FROM = `screening_rounds r LEFT JOIN villages v ON r.kind = 'village' AND v.id = r.place_id
  JOIN townships t ON t.id = r.township_id LEFT JOIN cadres k ON k.userid = r.answered_by`;

/**
 * Rounds with their checklists: `where` filters `r` (screening_rounds), `tail` orders, limits or locks.
 * FOR UPDATE in `tail` locks the rounds only (OF r).
 */
export async function loadRounds(db: Queryable, where: string, params: unknown[], tail = ''): Promise<RoundView[]> {
  const rounds = (
    await db.query<Omit<RoundView, 'items'>>(
      `SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE ${where} ${tail}`,
      params,
    )
  ).rows;
  if (!rounds.length) return [];
  const items = (
    await db.query<RoundItem & { roundId: number }>(
      `SELECT i.round_id::int AS "roundId", i.household_id AS "householdId", h.head_name AS "headName", v.name AS "villageName",
              i.visit_due_at AS "visitDueAt", i.call_due_at AS "callDueAt", i.open_cases AS "openCases", i.signals,
              i.last_contact_at AS "lastContactAt"
         FROM screening_round_items i JOIN households h ON h.id = i.household_id JOIN villages v ON v.id = h.village_id
        WHERE i.round_id = ANY($1::bigint[]) ORDER BY v.id, i.household_id`,
      [rounds.map((r) => r.id)],
    )
  ).rows;
  return rounds.map((r) => ({
    ...r,
    items: items.filter((i) => i.roundId === r.id).map(({ roundId: _, ...i }) => i),
  }));
}
