import { storableText } from '../domain/storable-text.js';
import type { Queryable } from './db.js';

export interface DeadLetter {
  source: string;
  sourceMsgId: string;
  reason: string;
  /** The message as received; kept as JSON text, whose escapes Postgres stores whatever the message holds. */
  message: unknown;
}

/** Keeps what could not be stored or handled, with the reason, so intake can move past it. */
export async function insertDeadLetter(db: Queryable, d: DeadLetter): Promise<void> {
  await db.query('INSERT INTO dead_letters (source, source_msg_id, reason, raw) VALUES ($1, $2, $3, $4)', [
    d.source,
    // A key or a reason may hold what made the row fail; their storable forms are enough to find it again.
    storableText(d.sourceMsgId).slice(0, 512),
    storableText(d.reason).slice(0, 2000),
    JSON.stringify(d.message),
  ]);
}

/** The newest dead letters, without the messages themselves (those stay in the database). */
export async function recentDeadLetters(
  db: Queryable,
  limit = 100,
): Promise<Array<{ source: string; sourceMsgId: string; reason: string; at: Date }>> {
  return (
    await db.query<{ source: string; sourceMsgId: string; reason: string; at: Date }>(
      `SELECT source, source_msg_id AS "sourceMsgId", reason, created_at AS at FROM dead_letters
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit],
    )
  ).rows;
}
