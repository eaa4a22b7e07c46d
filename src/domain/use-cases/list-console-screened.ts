import type { Places, Scope, ScreenedFilter, ScreenedFound } from '../ports/console.js';
import type { ConsoleListDeps } from './list-console-cases.js';

/** 未达预警标准: department rows screened out in the viewer's township, with their counts by measure. */
export async function listConsoleScreened(
  deps: ConsoleListDeps,
  viewer: Scope,
  f: ScreenedFilter,
): Promise<{ found: ScreenedFound; places: Places }> {
  const [found, places] = await Promise.all([deps.reads.belowThreshold(viewer, f), deps.reads.places(viewer)]);
  return { found, places };
}
