/** The tables kept in monthly partitions (inbox by received_at, audit_log by at, outbox by created_at). */
export type PartitionedTable = 'inbox' | 'audit_log' | 'outbox';

/** One month's partition of a table: `month` is `YYYY-MM` (UTC months). */
export interface MonthPartition {
  table: PartitionedTable;
  month: string;
  /** The partition's own name, e.g. inbox_2026_03. */
  name: string;
  rows: number;
}

/** Monthly partitions: made ahead of time, listed, read out for archiving, dropped. */
export interface PartitionStore {
  /** Creates any missing partition from `at`'s month to `months` months later; returns how many it made. */
  ensureAhead(at: Date, months: number): Promise<number>;
  /** Every monthly partition of a month before `before` (`YYYY-MM`), oldest first, with its row count. */
  monthsBefore(before: string): Promise<MonthPartition[]>;
  /** One page of a partition's rows as JSON objects, in key order after `after` (null: from the start). */
  readPage(part: MonthPartition, after: string | null, limit: number): Promise<{ rows: object[]; last: string | null }>;
  /**
   * Detaches and drops the partition, forgets its dedupe keys that nothing else refers to, and audits it,
   * in one transaction; returns the rows it held.
   */
  dropMonth(part: MonthPartition, actor: string, note: string): Promise<number>;
}
