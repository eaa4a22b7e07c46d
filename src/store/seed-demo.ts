import { demoCountyParts, type DemoCountyOptions } from '../demo/demo-county.js';
import { writeAudit } from './audit-store.js';
import {
  upsertCadres,
  upsertHouseholds,
  upsertLinks,
  upsertMembers,
  upsertTownships,
  upsertVillages,
} from './county-store.js';
import type { Db } from './db.js';

export interface SeedSummary {
  townships: number;
  villages: number;
  households: number;
  members: number;
  cadres: number;
  links: number;
}

/**
 * Writes the synthetic demo county, one transaction per part (places first, then 20,000 households
 * at a time, so a county of a million fits in memory); re-running with the same seed changes nothing.
 */
export async function seedDemo(db: Db, opts: DemoCountyOptions = {}): Promise<SeedSummary> {
  const sum: SeedSummary = { townships: 0, villages: 0, households: 0, members: 0, cadres: 0, links: 0 };
  let county = '';
  for (const part of demoCountyParts(opts)) {
    await db.transaction(async (tx) => {
      await upsertTownships(tx, part.townships);
      await upsertVillages(tx, part.villages);
      await upsertCadres(tx, part.cadres);
      await upsertHouseholds(tx, part.households);
      await upsertMembers(tx, part.members);
      await upsertLinks(tx, part.links);
    });
    county ||= part.townships[0]?.county ?? '';
    for (const key of Object.keys(sum) as Array<keyof SeedSummary>) sum[key] += part[key].length;
  }
  await writeAudit(db, {
    actor: 'system',
    action: 'seed-demo',
    entity: 'county',
    entityId: county,
    note: `${sum.households} households`,
  });
  return sum;
}
