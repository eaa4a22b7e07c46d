import type { HandledInbox, InboxItem } from '../domain/ports/inbox.js';
import type { InboxReport } from '../domain/ports/triage.js';
import type { Queryable } from './db.js';

/** Stored callbacks and villager messages, each handled once. */
export function handledInbox<T>(db: Queryable): HandledInbox<T> {
  return {
    load: async (inboxId) =>
      (
        await db.query<{ payload: T; handled: boolean }>(
          'SELECT payload, handled_at IS NOT NULL AS handled FROM inbox WHERE id = $1',
          [inboxId],
        )
      ).rows[0] ?? null,
    markHandled: (inboxId, at) => markHandled(db, inboxId, at),
    loadMany: async (inboxIds) => {
      const { rows } = await db.query<{ id: string | number; payload: T; handled: boolean }>(
        'SELECT id, payload, handled_at IS NOT NULL AS handled FROM inbox WHERE id = ANY($1::bigint[])',
        [inboxIds],
      );
      return new Map(rows.map((r) => [Number(r.id), { payload: r.payload, handled: r.handled }]));
    },
    markHandledMany: async (inboxIds, at) => {
      if (!inboxIds.length) return;
      await db.query('UPDATE inbox SET handled_at = $2 WHERE id = ANY($1::bigint[]) AND handled_at IS NULL', [
        inboxIds,
        at,
      ]);
    },
  };
}

/** Stores a raw item once; returns its id, or null when (source, sourceMsgId) was stored before. */
export async function insertInbox(db: Queryable, item: InboxItem): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO inbox (source, source_msg_id, payload) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT DO NOTHING RETURNING id`,
    [item.source, item.sourceMsgId, JSON.stringify(item.payload)],
  );
  return rows[0]?.id ?? null;
}

/** The rows to triage, locked in id order, so a retried and an original job can't triage one twice. */
export async function loadInboxForUpdate(db: Queryable, ids: number[]): Promise<InboxReport[]> {
  const { rows } = await db.query<InboxReport>(
    `SELECT i.id, i.payload, i.received_at AS "receivedAt", i.handled_at AS "handledAt", i.case_id AS "caseId",
            EXISTS (SELECT 1 FROM triage_signals s WHERE s.inbox_id = i.id AND s.verdict = 'below_threshold') AS screened
       FROM inbox i WHERE i.id = ANY($1::bigint[]) ORDER BY i.id FOR UPDATE OF i`,
    [ids],
  );
  return rows;
}

export async function markTriaged(
  db: Queryable,
  rows: Array<{ inboxId: number; caseId: number | null }>,
  at: Date,
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE inbox i SET handled_at = $2, case_id = r.case_id FROM jsonb_to_recordset($1::jsonb) AS r(inbox_id bigint, case_id bigint) WHERE i.id = r.inbox_id`,
    [JSON.stringify(rows.map((r) => ({ inbox_id: r.inboxId, case_id: r.caseId }))), at],
  );
}

/** Marks a callback or villager message handled; false if it already was (a re-run has nothing to do). */
export async function markHandled(db: Queryable, id: number, at: Date): Promise<boolean> {
  return (
    (await db.query('UPDATE inbox SET handled_at = $2 WHERE id = $1 AND handled_at IS NULL RETURNING 1', [id, at])).rows
      .length === 1
  );
}

/** Rows stored before `before` and never handled, oldest first: their jobs were lost (e.g. with Redis). */
export async function unhandledInbox(
  db: Queryable,
  before: Date,
  limit = 5000,
): Promise<Array<{ id: number; source: string }>> {
  return (
    await db.query<{ id: number; source: string }>(
      'SELECT id, source FROM inbox WHERE handled_at IS NULL AND received_at < $1 ORDER BY received_at, id LIMIT $2',
      [before, limit],
    )
  ).rows;
}

/** Stores many items of one source in one statement; returns the ids of those not seen before. */
export async function insertInboxBatch(
  db: Queryable,
  source: string,
  items: Array<{ sourceMsgId: string; payload: unknown }>,
): Promise<Array<{ id: number; sourceMsgId: string }>> {
  if (items.length === 0) return [];
  const { rows } = await db.query<{ id: number; sourceMsgId: string }>(
    `INSERT INTO inbox (source, source_msg_id, payload)
     SELECT $1, r.k, r.p FROM jsonb_to_recordset($2::jsonb) AS r(k text, p jsonb)
     ON CONFLICT DO NOTHING RETURNING id, source_msg_id AS "sourceMsgId"`,
    [source, JSON.stringify(items.map((i) => ({ k: i.sourceMsgId, p: i.payload })))],
  );
  return rows;
}

/** Stores items of any source in one statement; each gets its new id, or null when its key was stored before (or twice in the batch). */
export async function insertInboxMany(db: Queryable, items: InboxItem[]): Promise<Array<number | null>> {
  if (items.length === 0) return [];
  const { rows } = await db.query<{ id: number; source: string; sourceMsgId: string }>(
    `INSERT INTO inbox (source, source_msg_id, payload)
     SELECT r.s, r.k, r.p FROM jsonb_to_recordset($1::jsonb) AS r(s text, k text, p jsonb)
     ON CONFLICT DO NOTHING RETURNING id, source, source_msg_id AS "sourceMsgId"`,
    [JSON.stringify(items.map((i) => ({ s: i.source, k: i.sourceMsgId, p: i.payload })))],
  );
  const ids = new Map(rows.map((r) => [`${r.source}\u0000${r.sourceMsgId}`, r.id]));
  return items.map((i) => {
    const key = `${i.source}\u0000${i.sourceMsgId}`;
    const id = ids.get(key) ?? null;
    ids.delete(key); // a second item with the same key is a duplicate
    return id;
  });
}

export async function findInboxId(db: Queryable, source: string, sourceMsgId: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM inbox WHERE source = $1 AND source_msg_id = $2', [
    source,
    sourceMsgId,
  ]);
  return rows[0]?.id ?? null;
}
