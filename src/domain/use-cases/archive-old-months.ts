import type { MonthPartition, PartitionStore } from '../ports/partitions.js';

export interface ArchiveOldMonthsDeps {
  partitions: PartitionStore;
  /** Writes one partition's rows (pages of JSON objects) to an archive named after it; returns where and how many. */
  archive(name: string, pages: AsyncIterable<object[]>): Promise<{ path: string; rows: number }>;
}

export interface ArchiveOldMonthsInput {
  at: Date;
  /** Whole months kept before `at`'s month: with 24, at 2027-03 everything before 2025-03 goes. */
  keepMonths: number;
  /** Without it nothing is written or dropped: the plan is returned. */
  apply: boolean;
  actor: string;
}

export interface ArchivedMonth extends MonthPartition {
  /** Set once archived and dropped. */
  path?: string;
}

const PAGE = 5000;

/** `YYYY-MM` of the month `months` before at's (UTC) month. */
export function monthBefore(at: Date, months: number): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Retention: every month of inbox, audit_log and outbox older than the kept months is written to an
 * archive file and then detached and dropped (audited). A partition is dropped only when its archive
 * holds as many rows as the partition had, so a failed write never loses data.
 */
export async function archiveOldMonths(
  deps: ArchiveOldMonthsDeps,
  input: ArchiveOldMonthsInput,
): Promise<ArchivedMonth[]> {
  const months = await deps.partitions.monthsBefore(monthBefore(input.at, input.keepMonths));
  if (!input.apply) return months;
  const done: ArchivedMonth[] = [];
  for (const part of months) {
    const { path, rows } = await deps.archive(part.name, pages(deps.partitions, part));
    if (rows < part.rows) throw new Error(`${part.name}: archived ${rows} rows of ${part.rows}; not dropped`);
    await deps.partitions.dropMonth(part, input.actor, `${rows} 行已归档至 ${path}`);
    done.push({ ...part, rows, path });
  }
  return done;
}

async function* pages(store: PartitionStore, part: MonthPartition): AsyncIterable<object[]> {
  let after: string | null = null;
  for (;;) {
    const page = await store.readPage(part, after, PAGE);
    if (!page.rows.length) return;
    yield page.rows;
    after = page.last;
  }
}
