import { generateDemoCounty, type DemoCountyOptions } from '../domain/demo-county.js';
import { writeAudit } from './audit-store.js';
import {
  upsertCadres, upsertHouseholds, upsertLinks, upsertMembers, upsertTownships, upsertVillages,
} from './county-store.js';
import type { Db } from './db.js';

export interface SeedSummary { townships: number; villages: number; households: number; members: number; cadres: number; links: number }

/** Writes the synthetic demo county in one transaction; re-running with the same seed changes nothing. */
export async function seedDemo(db: Db, opts: DemoCountyOptions = {}): Promise<SeedSummary> {
  const c = generateDemoCounty(opts);
  await db.transaction(async (tx) => {
    await upsertTownships(tx, c.townships);
    await upsertVillages(tx, c.villages);
    await upsertCadres(tx, c.cadres);
    await upsertHouseholds(tx, c.households);
    await upsertMembers(tx, c.members);
    await upsertLinks(tx, c.links);
    await writeAudit(tx, {
      actor: 'system', action: 'seed-demo', entity: 'county', entityId: c.townships[0]!.county,
      note: `${c.households.length} households`,
    });
  });
  return {
    townships: c.townships.length, villages: c.villages.length, households: c.households.length,
    members: c.members.length, cadres: c.cadres.length, links: c.links.length,
  };
}
