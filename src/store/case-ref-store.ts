import type { CaseRefCandidate, CaseRefStore } from '../domain/ports/case-refs.js';
import type { Queryable } from './db.js';

/** The short-reference port over one transaction. */
export function caseRefStore(tx: Queryable): CaseRefStore {
  return {
    casesEndingWith: async (userid, tail, limit) =>
      (
        await tx.query<CaseRefCandidate>(
          `SELECT c.number, h.head_name AS "headName", v.name AS "villageName",
                  EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.state = 'open' AND t.cadre_userid = $1) AS mine
             FROM cases c LEFT JOIN households h ON h.id = c.household_id
             LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
            WHERE right(c.number, 4) = $2
            ORDER BY mine DESC, c.closed_at IS NULL DESC, c.id DESC LIMIT $3`,
          [userid, tail, limit],
        )
      ).rows,
    listRef: async (userid) =>
      (await tx.query<{ numbers: string[] }>('SELECT numbers FROM cadre_list_refs WHERE userid = $1', [userid])).rows[0]
        ?.numbers ?? null,
    saveListRef: async (userid, numbers, at) => {
      await tx.query(
        `INSERT INTO cadre_list_refs (userid, numbers, shown_at) VALUES ($1, $2, $3)
         ON CONFLICT (userid) DO UPDATE SET numbers = EXCLUDED.numbers, shown_at = EXCLUDED.shown_at`,
        [userid, numbers, at],
      );
    },
  };
}
