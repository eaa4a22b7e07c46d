import { localDateString, localWeek, previousLocalWeek } from '../local-time.js';
import type { Scope } from '../ports/console.js';
import type { Bulletin } from '../schedule/bulletin.js';
import type { ConsoleListDeps } from './list-console-cases.js';
import { weeklyBulletin, type BulletinDeps } from './publish-bulletins.js';

export interface ComplianceView {
  bulletin: Bulletin;
  /** The weeks before it and the week itself, oldest first (empty when not asked for). */
  weeks: Bulletin[];
  townships: Array<{ id: string; name: string }>;
  /** The week's first day, 2026-11-23. */
  week: string;
}

/**
 * 走访合规: a township's bulletin for the week containing `q.week` (default: the last whole week) and,
 * with `weeksBefore`, the weeks before it for the trend. A township's staff see only their own; null
 * when there is no township yet.
 */
export async function showConsoleCompliance(
  deps: ConsoleListDeps & { bulletins: BulletinDeps },
  viewer: Scope,
  q: { township?: string; week?: string },
  now: Date,
  weeksBefore = 0,
): Promise<ComplianceView | null> {
  const { townships } = await deps.reads.places(viewer);
  const township = townships.find((t) => t.id === (viewer.townshipId ?? q.township)) ?? townships[0];
  if (!township) return null;
  const { timeZone } = deps.bulletins;
  const inWeek = q.week ? new Date(`${q.week}T12:00:00Z`) : previousLocalWeek(now, timeZone).start;
  const bulletin = await weeklyBulletin(deps.bulletins, township, inWeek, now);
  const weeks: Bulletin[] = [];
  for (let k = weeksBefore; k >= 1; k--)
    weeks.push(
      await weeklyBulletin(deps.bulletins, township, new Date(bulletin.week.start.getTime() - k * 7 * 86_400_000), now),
    );
  if (weeksBefore) weeks.push(bulletin);
  return { bulletin, weeks, townships, week: localDateString(localWeek(inWeek, timeZone).start, timeZone) };
}
