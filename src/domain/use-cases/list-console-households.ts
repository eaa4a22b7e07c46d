import type { HouseholdListRow, HouseholdQuery, ListPage, Places, Scope } from '../ports/console.js';
import type { ConsoleListDeps } from './list-console-cases.js';

/** The 农户 working list: one page of the households in the viewer's township (the county: all), with the total. */
export async function listConsoleHouseholds(
  deps: ConsoleListDeps,
  viewer: Scope,
  q: HouseholdQuery,
): Promise<ListPage<HouseholdListRow> & { places: Places }> {
  const [found, places] = await Promise.all([deps.reads.listHouseholds(viewer, q), deps.reads.places(viewer)]);
  return { ...found, places };
}
