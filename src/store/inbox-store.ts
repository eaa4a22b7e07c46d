import type { Queryable } from './db.js';

export interface InboxItem {
  source: string;
  sourceMsgId: string;
  payload: unknown;
}

/** Stores a raw item once; returns its id, or null when (source, sourceMsgId) was stored before. */
export async function insertInbox(db: Queryable, item: InboxItem): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO inbox (source, source_msg_id, payload) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (source, source_msg_id) DO NOTHING RETURNING id`,
    [item.source, item.sourceMsgId, JSON.stringify(item.payload)],
  );
  return rows[0]?.id ?? null;
}
