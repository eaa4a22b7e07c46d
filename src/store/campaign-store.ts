import type { CampaignScope, Progress } from '../domain/campaign/campaign.js';
import type { ScreeningLine } from '../domain/campaign/campaign-notice.js';
import type { CampaignReads, CampaignRow, CampaignStartStore, FoundRisk, SheetRow } from '../domain/ports/campaigns.js';
import { writeAudit } from './audit-store.js';
import { firstLinkSql } from './chain-sql.js';
import type { Queryable } from './db.js';

/** The households of a scope ($1 kinds, $2 townships, $3 villages): no places = the whole county. */
const IN_SCOPE = `h.status = ANY($1::text[])
  AND ((cardinality($2::text[]) = 0 AND cardinality($3::text[]) = 0) OR v.township_id = ANY($2::text[]) OR v.id = ANY($3::text[]))`;
const scopeParams = (s: CampaignScope) => [s.kinds, s.townships, s.villages];

/** Starting a campaign, inside one transaction: its items are written set-based (a county screens 30,000 at once). */
export function campaignStartStore(tx: Queryable): CampaignStartStore {
  return {
    countInScope: async (scope) =>
      Number(
        (
          await tx.query<{ n: string }>(
            `SELECT count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id WHERE ${IN_SCOPE}`,
            scopeParams(scope),
          )
        ).rows[0]!.n,
      ),
    createCampaign: async (c) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO campaigns (name, scope, deadline, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [c.name, JSON.stringify(c.scope), c.deadline, c.createdBy, c.at],
      );
      const id = Number(rows[0]!.id);
      // Along the chain: the household's 帮扶责任人, else its village's 包村干部.
      await tx.query(
        `INSERT INTO campaign_items (campaign_id, household_id, village_id, cadre_userid)
         SELECT $4, h.id, h.village_id, COALESCE(${firstLinkSql('household', 'h.id')}, ${firstLinkSql('village', 'h.village_id')})
           FROM households h JOIN villages v ON v.id = h.village_id WHERE ${IN_SCOPE}`,
        [...scopeParams(c.scope), id],
      );
      return id;
    },
    assignments: async (campaignId) => {
      const { rows } = await tx.query<ScreeningLine & { cadre: string | null }>(
        `SELECT i.cadre_userid AS cadre, i.household_id AS "householdId", h.head_name AS "headName", v.name AS "villageName"
           FROM campaign_items i JOIN households h ON h.id = i.household_id JOIN villages v ON v.id = i.village_id
          WHERE i.campaign_id = $1 ORDER BY i.cadre_userid NULLS LAST, i.village_id, i.household_id`,
        [campaignId],
      );
      const by = new Map<string | null, ScreeningLine[]>();
      for (const { cadre, ...line } of rows) by.set(cadre, [...(by.get(cadre) ?? []), line]);
      return [...by].map(([cadre, households]) => ({ cadre, households }));
    },
    audit: (e) => writeAudit(tx, e),
  };
}

const PROGRESS = `count(*)::int AS total, count(*) FILTER (WHERE i.result = 'none')::int AS clear,
  count(*) FILTER (WHERE i.result = 'risk')::int AS risks`;
const IN_TOWNSHIP = `($1::text IS NULL OR v.township_id = $1)`;

interface CampaignSql {
  id: string;
  name: string;
  scope: CampaignScope;
  deadline: Date;
  created_at: Date;
  created_by: string;
  total: number;
  clear: number;
  risks: number;
}
const campaignRow = (r: CampaignSql): CampaignRow => ({
  id: Number(r.id),
  name: r.name,
  scope: typeof r.scope === 'string' ? JSON.parse(r.scope) : r.scope,
  deadline: r.deadline,
  createdAt: r.created_at,
  createdBy: r.created_by,
  progress: { total: r.total, clear: r.clear, risks: r.risks },
});

/** The console's 集中排查 reads, within the viewer's township ($1; null: the county). */
export function campaignReads(db: Queryable): CampaignReads {
  const list = async (townshipId: string | null, id: number | null) =>
    (
      await db.query<CampaignSql>(
        `SELECT c.id, c.name, c.scope, c.deadline, c.created_at, c.created_by, ${PROGRESS}
           FROM campaigns c JOIN campaign_items i ON i.campaign_id = c.id JOIN villages v ON v.id = i.village_id
          WHERE ${IN_TOWNSHIP} AND ($2::bigint IS NULL OR c.id = $2)
          GROUP BY c.id ORDER BY c.created_at DESC, c.id DESC`,
        [townshipId, id],
      )
    ).rows.map(campaignRow);
  return {
    campaigns: (scope) => list(scope.townshipId, null),
    campaign: async (scope, id) => (await list(scope.townshipId, id))[0] ?? null,
    villageProgress: async (scope, id) =>
      (
        await db.query<Progress & { villageId: string; villageName: string; townshipName: string; cadres: string[] }>(
          `SELECT v.id AS "villageId", v.name AS "villageName", t.name AS "townshipName", ${PROGRESS},
                  array_remove(array_agg(DISTINCT k.name), NULL) AS cadres
             FROM campaign_items i JOIN villages v ON v.id = i.village_id JOIN townships t ON t.id = v.township_id
             LEFT JOIN cadres k ON k.userid = i.cadre_userid
            WHERE ${IN_TOWNSHIP} AND i.campaign_id = $2
            GROUP BY v.id, v.name, t.id, t.name ORDER BY t.id, v.id`,
          [scope.townshipId, id],
        )
      ).rows,
    foundRisks: async (scope, id) =>
      (
        await db.query<FoundRisk>(
          `SELECT i.household_id AS "householdId", h.head_name AS "headName", v.name AS "villageName", i.note,
                  COALESCE(k.name, i.screened_by) AS "screenedBy", i.screened_at AS "screenedAt", c.number AS "caseNumber"
             FROM campaign_items i JOIN households h ON h.id = i.household_id JOIN villages v ON v.id = i.village_id
             LEFT JOIN cadres k ON k.userid = i.screened_by
             LEFT JOIN inbox x ON x.id = i.inbox_id LEFT JOIN cases c ON c.id = x.case_id
            WHERE ${IN_TOWNSHIP} AND i.campaign_id = $2 AND i.result = 'risk'
            ORDER BY i.screened_at DESC, i.household_id`,
          [scope.townshipId, id],
        )
      ).rows,
    sheetRows: async (scope, id) =>
      (
        await db.query<SheetRow>(
          `SELECT i.household_id AS "householdId", h.head_name AS "headName", t.name AS "townshipName",
                  v.name AS "villageName", h.status, COALESCE(k.name, '') AS "cadreName", i.result, i.note
             FROM campaign_items i JOIN households h ON h.id = i.household_id JOIN villages v ON v.id = i.village_id
             JOIN townships t ON t.id = v.township_id LEFT JOIN cadres k ON k.userid = i.cadre_userid
            WHERE ${IN_TOWNSHIP} AND i.campaign_id = $2 ORDER BY t.id, v.id, i.household_id`,
          [scope.townshipId, id],
        )
      ).rows,
    placeNames: async () =>
      new Map(
        (
          await db.query<{ id: string; name: string }>(
            'SELECT id, name FROM townships UNION ALL SELECT id, name FROM villages',
          )
        ).rows.map((r) => [r.id, r.name]),
      ),
  };
}
