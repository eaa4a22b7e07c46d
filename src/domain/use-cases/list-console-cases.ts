import type { CaseListRow, CaseQuery, ConsoleReads, ListPage, Places, Scope } from '../ports/console.js';

export interface ConsoleListDeps {
  reads: ConsoleReads;
}

/** The 案件 working list: one page of the viewer's cases (filtered, searched, sorted), the total, and the places to filter by. */
export async function listConsoleCases(
  deps: ConsoleListDeps,
  viewer: Scope,
  q: CaseQuery,
  now: Date,
): Promise<ListPage<CaseListRow> & { places: Places }> {
  const [found, places] = await Promise.all([deps.reads.listCases(viewer, q, now), deps.reads.places(viewer)]);
  return { ...found, places };
}
