/** Queues stored rows not yet queued, a page at a time, marking each page, until none are left. */
export async function drainPages<T>(
  page: () => Promise<T[]>,
  queue: (rows: T[]) => Promise<void>,
  mark: (rows: T[]) => Promise<void>,
): Promise<number> {
  let queued = 0;
  for (let rows = await page(); rows.length; rows = await page()) {
    await queue(rows);
    await mark(rows);
    queued += rows.length;
  }
  return queued;
}
