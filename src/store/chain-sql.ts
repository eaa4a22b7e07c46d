/** The responsibility chain (帮扶人包户, 干部包村, 领导包片) as SQL fragments; arguments are SQL expressions. */

/** Whether a cadre is in charge of a household: its pair-helper, its village cadre, its township leader, or the county office. */
export function inChargeSql(cadre: string, household: string, village: string, township: string): string {
  return `(EXISTS (SELECT 1 FROM cadres k WHERE k.userid = ${cadre} AND k.active AND k.role = 'county')
    OR EXISTS (SELECT 1 FROM links l JOIN cadres k ON k.userid = l.cadre_userid AND k.active WHERE l.cadre_userid = ${cadre} AND (
         (l.kind = 'household' AND l.target_id = ${household})
      OR (l.kind = 'village' AND l.target_id = ${village})
      OR (l.kind = 'area' AND l.target_id = ${township}))))`;
}

/** The active cadre linked to a target at one level (the first by userid when several are). */
export function firstLinkSql(kind: 'household' | 'village' | 'area', target: string): string {
  return `(SELECT l.cadre_userid FROM links l JOIN cadres k ON k.userid = l.cadre_userid AND k.active WHERE l.kind = '${kind}' AND l.target_id = ${target} ORDER BY 1 LIMIT 1)`;
}

/**
 * firstLinkSql for many targets at once, as a CTE `<kind>_link (id, userid)` over the ids `targets` (a
 * SELECT) selects: one pass over their links, where a subquery a row costs a sweep of 20,000 rows dearly.
 */
export function firstLinksSql(kind: 'household' | 'village' | 'area', targets: string): string {
  return `${kind}_link AS (SELECT DISTINCT ON (l.target_id) l.target_id AS id, l.cadre_userid AS userid
    FROM links l JOIN cadres k ON k.userid = l.cadre_userid AND k.active
    WHERE l.kind = '${kind}' AND l.target_id IN (${targets})
    ORDER BY l.target_id, l.cadre_userid)`;
}
