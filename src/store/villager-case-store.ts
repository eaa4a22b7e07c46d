import type { VillagerCaseView } from '../domain/chat/case-status.js';
import type { VillagerFollowUpStore } from '../domain/ports/villager-chat.js';
import { writeAudit } from './audit-store.js';
import type { Queryable } from './db.js';

/** A villager's own cases as they may see them: state, the holder's role and name, the deadlines. */
export function villagerFollowUpStore(db: Queryable): VillagerFollowUpStore {
  return {
    casesOf: async (user) => {
      const { rows } = await db.query<VillagerCaseView>(
        `SELECT c.number, c.state, c.closed_at IS NOT NULL AS closed, k.role AS "holderRole", k.name AS "holderName",
                  t.ack_due_at AS "ackDueAt", t.verify_due_at AS "verifyDueAt", t.decide_due_at AS "decideDueAt",
                  t.review_due_at AS "reviewDueAt", h.next_visit_due_at AS "nextVisitDueAt"
             FROM cases c
             LEFT JOIN tasks t ON t.case_id = c.id AND t.state = 'open'
             LEFT JOIN cadres k ON k.userid = t.cadre_userid
             LEFT JOIN households h ON h.id = c.household_id
            WHERE c.reporter = $1
              AND (c.closed_at IS NULL OR NOT EXISTS (SELECT 1 FROM cases o WHERE o.reporter = $1 AND o.closed_at IS NULL))
            ORDER BY c.closed_at IS NULL DESC, c.id DESC LIMIT 5`,
        [user],
      );
      return rows[0]?.closed ? rows.slice(0, 1) : rows; // none open: the latest closed one
    },
    caseHolder: async (caseId) =>
      (
        await db.query<{ number: string; who: string; holder: string | null }>(
          `SELECT c.number, COALESCE(h.head_name || '户，', '未关联农户，') || COALESCE(v.name, '村未知') AS who,
                  (SELECT t.cadre_userid FROM tasks t WHERE t.case_id = c.id AND t.state = 'open' LIMIT 1) AS holder
             FROM cases c LEFT JOIN households h ON h.id = c.household_id
             LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
            WHERE c.id = $1`,
          [caseId],
        )
      ).rows[0] ?? null,
    audit: (e) => writeAudit(db, e),
  };
}
