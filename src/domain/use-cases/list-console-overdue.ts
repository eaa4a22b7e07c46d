import type { CaseFilter, OverdueTask, OverdueVisit, Places, Scope } from '../ports/console.js';
import type { ConsoleListDeps } from './list-console-cases.js';

/** 逾期清单: open tasks past their time limit and households past their visit or call, longest overdue first. */
export async function listConsoleOverdue(
  deps: ConsoleListDeps,
  viewer: Scope,
  f: CaseFilter,
  now: Date,
): Promise<{ tasks: OverdueTask[]; visits: OverdueVisit[]; places: Places }> {
  const [tasks, visits, places] = await Promise.all([
    deps.reads.overdueTasks(viewer, f, now),
    deps.reads.overdueVisits(viewer, f, now),
    deps.reads.places(viewer),
  ]);
  return { tasks, visits, places };
}
