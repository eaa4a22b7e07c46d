/**
 * A household's monitoring dates from the audit log, joined as `d` beside households `h`: d.included_at, its
 * first 纳入, and d.removed_at, its last 风险消除. The register and the national export both show them.
 */
export const MONITORING_DATES_JOIN = `LEFT JOIN LATERAL (
      SELECT min(a.at) FILTER (WHERE a.action = 'include') AS included_at,
             max(a.at) FILTER (WHERE a.action = 'remove_risk') AS removed_at
        FROM cases c JOIN audit_log a ON a.entity = 'case' AND a.entity_id = c.id::text
       WHERE c.household_id = h.id AND a.action IN ('include', 'remove_risk')) d ON true`;
