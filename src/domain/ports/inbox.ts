/** Inbound rows (the inbox table): stored first, each handled once. */
export interface HandledInbox<T> {
  /** The row's payload and whether it was handled; null when there is no such row. */
  load(inboxId: number): Promise<{ payload: T; handled: boolean } | null>;
  /** False when it already was (a re-run has nothing to do). */
  markHandled(inboxId: number, at: Date): Promise<boolean>;
  /** Several rows' payloads at once (one round trip), by id; ids with no row are absent. */
  loadMany(inboxIds: number[]): Promise<Map<number, { payload: T; handled: boolean }>>;
  /** Marks several rows handled at once (those already handled stay as they were). */
  markHandledMany(inboxIds: number[], at: Date): Promise<void>;
}

/** A new inbound item: one per source message id. */
export interface InboxItem {
  source: string;
  sourceMsgId: string;
  payload: unknown;
}
