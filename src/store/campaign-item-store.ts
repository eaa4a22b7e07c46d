import type { ScreeningLine } from '../domain/campaign/campaign-notice.js';
import type { CampaignItemStore, ScreeningItem, ScreeningStore } from '../domain/ports/campaigns.js';
import { writeAudits } from './audit-store.js';
import { cadreReportStore } from './cadre-report-store.js';
import { inChargeSql } from './chain-sql.js';
import type { Queryable } from './db.js';

const ITEM = `i.campaign_id::int AS "campaignId", c.name AS "campaignName", c.deadline, i.household_id AS "householdId",
  h.head_name AS "headName", v.name AS "villageName", v.township_id AS "townshipId", h.status,
  i.cadre_userid AS cadre, i.result, i.note
  FROM campaign_items i JOIN campaigns c ON c.id = i.campaign_id JOIN households h ON h.id = i.household_id
  JOIN villages v ON v.id = i.village_id`;

/** Campaign items read and written inside a cadre command's or an upload's transaction. */
export function campaignItemStore(tx: Queryable): CampaignItemStore {
  return {
    screeningItemsOf: async (userid, idOrName) =>
      (
        await tx.query<ScreeningItem>(
          `SELECT ${ITEM} WHERE (h.id = $2 OR h.head_name = $2) AND ${inChargeSql('$1', 'h.id', 'h.village_id', 'v.township_id')}
            ORDER BY c.created_at DESC, c.id DESC, h.id LIMIT 20 FOR UPDATE OF i`,
          [userid, idOrName],
        )
      ).rows,
    outstandingFor: async (userid, limit) => {
      const { rows } = await tx.query<
        ScreeningLine & { campaignId: string; name: string; deadline: Date; total: number; n: string }
      >(
        `SELECT * FROM (
           SELECT c.id AS "campaignId", c.name, c.deadline, count(*) OVER (PARTITION BY c.id)::int AS total,
                  row_number() OVER (PARTITION BY c.id ORDER BY i.village_id, i.household_id) AS n,
                  i.household_id AS "householdId", h.head_name AS "headName", v.name AS "villageName", c.created_at
             FROM campaign_items i JOIN campaigns c ON c.id = i.campaign_id JOIN households h ON h.id = i.household_id
             JOIN villages v ON v.id = i.village_id
            WHERE i.cadre_userid = $1 AND i.result IS NULL) x
          WHERE n <= $2 ORDER BY created_at DESC, "campaignId" DESC, n`,
        [userid, limit],
      );
      const by = new Map<string, { name: string; deadline: Date; total: number; households: ScreeningLine[] }>();
      for (const r of rows) {
        const c = by.get(r.campaignId) ?? { name: r.name, deadline: r.deadline, total: r.total, households: [] };
        c.households.push({ householdId: r.householdId, headName: r.headName, villageName: r.villageName });
        by.set(r.campaignId, c);
      }
      return [...by.values()];
    },
    campaignItems: async (campaignId, townshipId, householdIds) =>
      (
        await tx.query<ScreeningItem>(
          `SELECT ${ITEM} WHERE i.campaign_id = $1 AND i.household_id = ANY($2::text[])
              AND ($3::text IS NULL OR v.township_id = $3) ORDER BY i.household_id FOR UPDATE OF i`,
          [campaignId, householdIds, townshipId],
        )
      ).rows,
    setScreenings: async (campaignId, rows) => {
      if (!rows.length) return;
      await tx.query(
        `UPDATE campaign_items i SET result = r.result, note = r.note, inbox_id = COALESCE(r."inboxId", i.inbox_id),
                screened_by = r.by, screened_via = r.via, screened_at = r.at
           FROM jsonb_to_recordset($2::jsonb) AS r("householdId" text, result text, note text, "inboxId" bigint, by text,
                via text, at timestamptz)
          WHERE i.campaign_id = $1 AND i.household_id = r."householdId"`,
        [campaignId, JSON.stringify(rows)],
      );
    },
    audits: (entries) => writeAudits(tx, entries),
  };
}

/** Results from the console's upload: the items, 上报's inbox rows and the audit log in one transaction. */
export function screeningStore(tx: Queryable): ScreeningStore {
  return { ...campaignItemStore(tx), ...cadreReportStore(tx) };
}
