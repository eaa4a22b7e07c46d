import { localWeek, previousLocalWeek } from '../local-time.js';
import type { Policy } from '../policy.js';
import { bulletinMarkdown, summarizeBulletin, type Bulletin } from '../schedule/bulletin.js';
import type { BulletinStore, Week } from '../ports/bulletin.js';
import type { MissedRoundReads } from '../ports/rounds.js';
import { countDuties } from '../pair-duty/duty-bulletin.js';
import { recordsSince } from '../pair-duty/duty-status.js';

export interface BulletinDeps {
  policy: Policy;
  timeZone: string;
  store: BulletinStore;
  /** Screening rounds missed in the week (未按时排查 / 核实); without it the bulletin names none. */
  rounds?: MissedRoundReads;
}

/** The figures of one township for the local week containing `inWeek`, as they stand at `now` if it has not ended. */
export async function weeklyBulletin(
  deps: BulletinDeps,
  township: { id: string; name: string },
  inWeek: Date,
  now: Date,
): Promise<Bulletin> {
  const week = localWeek(inWeek, deps.timeZone);
  const asOf = new Date(Math.min(week.end.getTime(), now.getTime()));
  const b = summarizeBulletin(
    { township, week, rows: await deps.store.rows(township.id, week, asOf) },
    deps.policy.bulletin,
  );
  // A late answer given before the bulletin is made is shown as such (补答).
  const missed = await deps.rounds?.missedRounds(township.id, week.start, week.end, now);
  const bulletin = missed ? { ...b, missedRounds: missed } : b;
  const duties = deps.policy.pairHelper;
  if (!deps.store.dutyHouseholds) return bulletin;
  // Records from the start of the periods the week's first day is in.
  const since = recordsSince(duties, week.start, deps.timeZone);
  const households = await deps.store.dutyHouseholds(township.id, duties.households, since);
  return { ...bulletin, duties: countDuties(duties, households, week, asOf, deps.timeZone) };
}

/**
 * At the weekly run: every township's bulletin for the last whole week, stored once. Sending is the
 * caller's (from what is stored and not yet queued), so a retried run sends nothing twice.
 */
export async function publishBulletins(
  deps: BulletinDeps,
  at: Date,
): Promise<{ week: Week; townships: number; stored: number }> {
  const week = previousLocalWeek(at, deps.timeZone);
  const townships = await deps.store.townships();
  let stored = 0;
  for (const t of townships) {
    const b = await weeklyBulletin(deps, t, week.start, at);
    if (await deps.store.save(t.id, week.start, bulletinMarkdown(b, deps.timeZone, deps.policy.bulletin), at)) stored++;
  }
  return { week, townships: townships.length, stored };
}
