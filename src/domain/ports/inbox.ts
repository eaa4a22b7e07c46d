/** Inbound rows (the inbox table): stored first, each handled once. */
export interface HandledInbox<T> {
  /** The row's payload and whether it was handled; null when there is no such row. */
  load(inboxId: number): Promise<{ payload: T; handled: boolean } | null>;
  /** False when it already was (a re-run has nothing to do). */
  markHandled(inboxId: number, at: Date): Promise<boolean>;
}

/** A new inbound item: one per source message id. */
export interface InboxItem {
  source: string;
  sourceMsgId: string;
  payload: unknown;
}
