import type { MissedRoundReads, RoundAnswerStore } from '../domain/ports/rounds.js';
import type { MissedRound } from '../domain/rounds/missed-rounds.js';
import type { Queryable } from './db.js';
import { loadRounds } from './round-views.js';

/** Answers to screening rounds, inside a cadre command's transaction. */
export function roundAnswerStore(tx: Queryable): RoundAnswerStore {
  return {
    roundFor: async (userid, roundId) =>
      (await loadRounds(tx, 'r.id = $1 AND $2 = ANY(r.recipients)', [roundId, userid], 'FOR UPDATE OF r'))[0] ?? null,
    openRoundsOf: (userid) =>
      loadRounds(
        tx,
        '$1 = ANY(r.recipients) AND r.answered_at IS NULL',
        [userid],
        'ORDER BY r.period_start DESC, r.id FOR UPDATE OF r',
      ),
    roundCovering: async (userid, householdId, at) =>
      (
        await loadRounds(
          tx,
          `$1 = ANY(r.recipients) AND (r.answered_at IS NULL OR (r.period_start <= $3 AND r.period_end > $3))
           AND EXISTS (SELECT 1 FROM households h JOIN villages hv ON hv.id = h.village_id WHERE h.id = $2
                        AND (r.kind = 'village' AND hv.id = r.place_id OR r.kind = 'township' AND hv.township_id = r.place_id))`,
          [userid, householdId, at],
          // The round running now first, else the newest unanswered; the village's 排查 before its township's 核实.
          `ORDER BY (r.period_start <= $3 AND r.period_end > $3) DESC, r.period_start DESC, (r.kind = 'village') DESC, r.id
           LIMIT 1 FOR UPDATE OF r`,
        )
      )[0] ?? null,
    answerRound: async (roundId, a) => {
      await tx.query(
        `UPDATE screening_rounds SET answered_at = COALESCE(answered_at, $2), answered_by = COALESCE(answered_by, $3),
                outcome = CASE WHEN $4 = 'found' OR outcome = 'found' THEN 'found' ELSE $4 END, findings = findings + $5
          WHERE id = $1`,
        [roundId, a.at, a.by, a.outcome, a.findings],
      );
    },
  };
}

/** Missed rounds for the weekly bulletin. */
export function missedRoundReads(db: Queryable): MissedRoundReads {
  return {
    missedRounds: async (townshipId, from, to, asOf) =>
      (
        await db.query<MissedRound>(
          `SELECT r.kind, COALESCE(v.name, t.name) AS "placeName", r.period_start AS "periodStart", r.period_end AS "periodEnd",
                  r.deadline, CASE WHEN r.answered_at <= $4 THEN r.answered_at END AS "answeredAt"
             FROM screening_rounds r JOIN townships t ON t.id = r.township_id
             LEFT JOIN villages v ON r.kind = 'village' AND v.id = r.place_id
            WHERE r.township_id = $1 AND r.deadline > $2 AND r.deadline <= $3 AND r.deadline <= $4
              AND (r.answered_at IS NULL OR r.answered_at > r.deadline)
            ORDER BY r.kind DESC, r.place_id, r.period_start`,
          [townshipId, from, to, asOf],
        )
      ).rows,
  };
}
