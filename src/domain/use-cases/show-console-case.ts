import { describeTimeline, mentionedUserids, type TimelineLine } from '../cases/describe-timeline.js';
import type { CaseDetail, MemberRow, Scope } from '../ports/console.js';
import type { ConsoleListDeps } from './list-console-cases.js';

export interface ConsoleCaseView {
  case: CaseDetail;
  members: MemberRow[];
  timeline: TimelineLine[];
}

/** The case page: the case (if it is in the viewer's scope), its household's members and its 办理经过 in words. */
export async function showConsoleCase(
  deps: ConsoleListDeps,
  viewer: Scope,
  number: string,
): Promise<ConsoleCaseView | null> {
  const c = await deps.reads.caseDetail(viewer, number);
  if (!c) return null;
  const [members, rows] = await Promise.all([
    c.householdId ? deps.reads.membersOf(c.householdId) : [],
    deps.reads.timelineOf(c.id),
  ]);
  const names = await deps.reads.cadreNames(mentionedUserids(rows));
  return { case: c, members, timeline: describeTimeline(rows, names) };
}
