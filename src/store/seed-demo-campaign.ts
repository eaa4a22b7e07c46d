import type { DemoCampaign } from '../demo/demo-campaign.js';
import type { Queryable } from './db.js';

/**
 * The demo county's running 集中排查 (src/demo/demo-campaign.ts): the campaign, its items with the results
 * so far, each found risk pointing at the report its case came from (`reportIds`, in the order of the risks).
 */
export async function writeDemoCampaign(tx: Queryable, c: DemoCampaign, reportIds: number[]): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO campaigns (name, scope, deadline, created_by, created_at) VALUES ($1, $2, $3, 'console:县级（全部乡镇）', $4) RETURNING id`,
    [c.name, JSON.stringify(c.scope), c.deadline, c.startedAt],
  );
  const id = rows[0]!.id;
  let risk = 0;
  const items = c.items.map((i) => ({
    household_id: i.householdId,
    village_id: i.villageId,
    cadre: i.cadre,
    result: i.result,
    note: i.note,
    inbox_id: i.result === 'risk' ? reportIds[risk++] : null,
    by: i.result ? i.cadre : null,
    via: i.result ? i.via : null,
    at: i.screenedAt,
  }));
  await tx.query(
    `INSERT INTO campaign_items (campaign_id, household_id, village_id, cadre_userid, result, note, inbox_id, screened_by, screened_via, screened_at)
     SELECT $2, r.household_id, r.village_id, r.cadre, r.result, r.note, r.inbox_id, r.by, r.via, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(household_id text, village_id text, cadre text, result text, note text,
            inbox_id bigint, by text, via text, at timestamptz)`,
    [JSON.stringify(items), id],
  );
  await tx.query(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, to_state, note)
     VALUES ($1, 'console:县级（全部乡镇）', 'campaign-start', 'campaign', $2, 'running', $3)`,
    [c.startedAt, id, `${c.name}：${c.items.length} 户（演示数据）`],
  );
}
