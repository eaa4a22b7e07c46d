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

export interface InboxRow {
  id: number;
  source: string;
  sourceMsgId: string;
  payload: unknown;
  receivedAt: Date;
  triagedAt: Date | null;
  caseId: number | null;
}

/** Locks the row so a retried and an original job can't triage it twice. */
export async function loadInboxForUpdate(db: Queryable, id: number): Promise<InboxRow | null> {
  const { rows } = await db.query<InboxRow>(
    `SELECT id, source, source_msg_id AS "sourceMsgId", payload, received_at AS "receivedAt", triaged_at AS "triagedAt", case_id AS "caseId"
     FROM inbox WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markTriaged(db: Queryable, id: number, caseId: number | null, at: Date): Promise<void> {
  await db.query('UPDATE inbox SET triaged_at = $2, case_id = $3 WHERE id = $1', [id, at, caseId]);
}

/** Stores many items of one source in one statement; returns the ids of those not seen before. */
export async function insertInboxBatch(db: Queryable, source: string, items: Array<{ sourceMsgId: string; payload: unknown }>): Promise<Array<{ id: number; sourceMsgId: string }>> {
  if (items.length === 0) return [];
  const { rows } = await db.query<{ id: number; sourceMsgId: string }>(
    `INSERT INTO inbox (source, source_msg_id, payload)
     SELECT $1, r.k, r.p FROM jsonb_to_recordset($2::jsonb) AS r(k text, p jsonb)
     ON CONFLICT (source, source_msg_id) DO NOTHING RETURNING id, source_msg_id AS "sourceMsgId"`,
    [source, JSON.stringify(items.map((i) => ({ k: i.sourceMsgId, p: i.payload })))],
  );
  return rows;
}

export async function findInboxId(db: Queryable, source: string, sourceMsgId: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM inbox WHERE source = $1 AND source_msg_id = $2', [source, sourceMsgId]);
  return rows[0]?.id ?? null;
}
