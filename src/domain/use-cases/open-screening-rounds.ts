import type { Policy } from '../policy.js';
import type { NewRound, ScreeningRoundStore } from '../ports/rounds.js';
import { type RoundKind, roundPeriod } from '../rounds/round-periods.js';
import { sampleRecords } from '../rounds/round-sample.js';
import type { RoundItem } from '../rounds/round-view.js';

export interface OpenRoundsDeps {
  policy: Policy;
  timeZone: string;
  store: ScreeningRoundStore;
}

/** Department warnings this recent that opened no case put a household on the 排查 list. */
const SIGNAL_DAYS = 30;

/**
 * Stores the rounds running at `at` that are not stored yet: each village's 周排查 (its households due
 * per the visit plan, with open cases or recent warnings) and each township's 半月核实 (a sample of each
 * village's 脱贫户 and 监测户, from the policy). Sending is the caller's, from what is stored.
 */
export async function openScreeningRounds(
  deps: OpenRoundsDeps,
  at: Date,
): Promise<{ villages: number; townships: number }> {
  const { rounds } = deps.policy;
  let villages = 0;
  let townships = 0;
  if (rounds.village.enabled) {
    const p = roundPeriod('village', at, rounds, deps.timeZone);
    const since = new Date(at.getTime() - SIGNAL_DAYS * 86_400_000);
    for (const v of await deps.store.villages()) {
      if (await deps.store.roundExists('village', v.id, p.start)) continue;
      const items = await deps.store.villageChecklist(v.id, p.deadline, since);
      if (await create(deps, 'village', v.id, v.townshipId, p, items, at)) villages++;
    }
  }
  if (rounds.township.enabled) {
    const p = roundPeriod('township', at, rounds, deps.timeZone);
    for (const t of await deps.store.townships()) {
      if (await deps.store.roundExists('township', t.id, p.start)) continue;
      const records = await deps.store.townshipRecords(t.id);
      const byVillage = new Map<string, typeof records>();
      for (const r of records) byVillage.set(r.villageId, [...(byVillage.get(r.villageId) ?? []), r]);
      const seed = p.start.toISOString();
      const items = [...byVillage].flatMap(([villageId, rs]) =>
        sampleRecords(rs, rounds.township, `${seed}:${villageId}`).map(({ villageId: _, ...i }) => i),
      );
      if (await create(deps, 'township', t.id, t.id, p, items, at)) townships++;
    }
  }
  return { villages, townships };
}

async function create(
  deps: OpenRoundsDeps,
  kind: RoundKind,
  placeId: string,
  townshipId: string,
  p: { start: Date; end: Date; deadline: Date },
  items: RoundItem[],
  at: Date,
): Promise<boolean> {
  const round: NewRound = {
    kind,
    placeId,
    townshipId,
    periodStart: p.start,
    periodEnd: p.end,
    deadline: p.deadline,
    items,
  };
  return (await deps.store.createRound(round, at)) !== null;
}
