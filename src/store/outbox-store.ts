import type { Queryable } from './db.js';
import type { Outbound } from '../domain/ports/outbox.js';
import type { RefusedMessages } from '../domain/ports/failed-jobs.js';
import { windowMember } from '../domain/window-member.js';

/**
 * Records messages about to be queued; one already recorded (a retried step) is kept as it was. Returns
 * the job ids recorded by this call: those cannot have been sent yet. With `claimBy` (a process), the
 * rows are claimed too (see claimUnsent): that process sends them next, without asking whether they were sent.
 */
export async function recordOutbound(
  db: Queryable,
  rows: Outbound[],
  { claimBy }: { claimBy?: string } = {},
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { rows: recorded } = await db.query<{ job_id: string }>(
    `INSERT INTO outbox (job_id, data, claimed_at, claimed_to, claimed_by)
     SELECT r.job_id, r.data, CASE WHEN $2::text IS NOT NULL THEN now() END,
            CASE WHEN $2::text IS NOT NULL THEN r.claimed_to END, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, data jsonb, claimed_to text)
     ON CONFLICT DO NOTHING RETURNING job_id`,
    [
      JSON.stringify(rows.map((r) => ({ job_id: r.jobId, data: r.data, claimed_to: windowMember(r.data) ?? null }))),
      claimBy ?? null,
    ],
  );
  return new Set(recorded.map((r) => r.job_id));
}

/**
 * Records stored digests' messages in the outbox, built from the rows in the database: the same text
 * message enqueue.ts's digestMessages makes for a digest, without a busy morning's 23 MB of digest text
 * read back into the process and sent again as JSON. A message recorded already is kept as it was (as
 * recordOutbound keeps it).
 */
export async function recordDigestMessages(
  db: Queryable,
  rows: Array<{ digestId: number; jobId: string }>,
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO outbox (job_id, data)
     SELECT r.job_id, jsonb_build_object('kind', 'text', 'touser', d.cadre_userid, 'content', d.content)
       FROM unnest($1::bigint[], $2::text[]) AS r(id, job_id) JOIN digests d ON d.id = r.id
      ORDER BY r.id
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.digestId), rows.map((r) => r.jobId)],
  );
}

/**
 * Claims messages about to be sent by process `by`, in one statement, and returns those sent already (not
 * claimed). A claim is written before the WeCom call, so a send window another process rebuilds meanwhile
 * counts it (sendsToMany), and the reconciler leaves the row to its sender for RECONCILE_AFTER_MS.
 */
export async function claimUnsent(db: Queryable, rows: Outbound[], by: string): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { rows: sent } = await db.query<{ job_id: string }>(
    `WITH claimed AS (
       UPDATE outbox o SET claimed_at = now(), claimed_to = r.claimed_to, claimed_by = $3
         FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, claimed_to text)
        WHERE o.job_id = r.job_id AND o.sent_at IS NULL)
     SELECT job_id FROM outbox WHERE job_id = ANY($2::text[]) AND sent_at IS NOT NULL`,
    [
      JSON.stringify(rows.map((r) => ({ job_id: r.jobId, claimed_to: windowMember(r.data) ?? null }))),
      rows.map((r) => r.jobId),
      by,
    ],
  );
  return new Set(sent.map((r) => r.job_id));
}

/** Marks a message sent; `to` is the member WeCom accepted it for, when it counts against their send window. */
export async function markSent(db: Queryable, jobId: string, at: Date, to?: string): Promise<void> {
  await db.query(
    'UPDATE outbox SET sent_at = $2, sent_to = $3, failed_at = NULL, failure = NULL WHERE job_id = $1 AND sent_at IS NULL',
    [jobId, at, to ?? null],
  );
}

/** Marks several messages sent in one UPDATE (what markSent does for one). */
export async function markSentMany(
  db: Queryable,
  rows: Array<{ jobId: string; to?: string }>,
  at: Date,
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE outbox o SET sent_at = $2, sent_to = r.sent_to, failed_at = NULL, failure = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, sent_to text)
      WHERE o.job_id = r.job_id AND o.sent_at IS NULL`,
    [JSON.stringify(rows.map((r) => ({ job_id: r.jobId, sent_to: r.to ?? null }))), at],
  );
}

/** A message WeCom refused for good: the reconciler leaves it alone until it is retried by hand. */
export async function markFailed(db: Queryable, jobId: string, at: Date, reason: string): Promise<void> {
  await db.query('UPDATE outbox SET failed_at = $2, failure = $3 WHERE job_id = $1 AND sent_at IS NULL', [
    jobId,
    at,
    reason,
  ]);
}

/** Retried by hand: the reconciler looks after it again. */
export async function clearFailed(db: Queryable, jobId: string): Promise<void> {
  await db.query('UPDATE outbox SET failed_at = NULL, failure = NULL WHERE job_id = $1', [jobId]);
}

/**
 * Claims messages for the member they turned out to be for (a card drawn when sent names its holder only
 * then), before the WeCom call: claimUnsent could name none.
 */
export async function claimFor(db: Queryable, rows: Array<{ jobId: string; to: string }>, by: string): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE outbox o SET claimed_at = now(), claimed_to = r.claimed_to, claimed_by = $2
       FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, claimed_to text)
      WHERE o.job_id = r.job_id AND o.sent_at IS NULL`,
    [JSON.stringify(rows.map((r) => ({ job_id: r.jobId, claimed_to: r.to }))), by],
  );
}

/** When WeCom accepted messages for `member` since `since` (epoch ms, oldest first): their send window. */
export async function sendsTo(db: Queryable, member: string, since: Date, except?: string): Promise<number[]> {
  return (await sendsToMany(db, [member], since, except)).get(member)!;
}

/**
 * sendsTo for several members in one query: each member's times since `since`, oldest first. A message
 * claimed since then and neither marked nor refused may be in flight in another process (WeCom may have
 * it): it counts as sent now, the latest it can have been granted its slot. The claims of process
 * `except` are left out (it knows which of its own were granted a slot).
 */
export async function sendsToMany(
  db: Queryable,
  members: string[],
  since: Date,
  except?: string,
): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ member: string; at: Date }>(
    `SELECT sent_to AS member, sent_at AS at FROM outbox WHERE sent_to = ANY($1::text[]) AND sent_at > $2
     UNION ALL
     SELECT claimed_to, now() FROM outbox
      WHERE claimed_to = ANY($1::text[]) AND sent_at IS NULL AND claimed_at > $2 AND failed_at IS NULL
        AND claimed_by IS DISTINCT FROM $3
     ORDER BY at`,
    [members, since, except ?? null],
  );
  const by = new Map<string, number[]>(members.map((m) => [m, []]));
  for (const r of rows) by.get(r.member)?.push(new Date(r.at).getTime());
  return by;
}

/**
 * Messages recorded before `before` and never sent, oldest first (a bounded page); one claimed since
 * `before` is being sent by some process (its job, or a worker's sendNow), and is left to it.
 */
export async function unsentOutbound(db: Queryable, before: Date, limit = 5000): Promise<Outbound[]> {
  return (
    await db.query<Outbound>(
      'SELECT job_id AS "jobId", data FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND created_at < $1 AND (claimed_at IS NULL OR claimed_at < $1) ORDER BY created_at LIMIT $2',
      [before, limit],
    )
  ).rows;
}

/** Messages WeCom refused for good and not sent since, newest first; with `jobId`, just that one. */
export async function refusedOutbound(
  db: Queryable,
  limit: number,
  jobId?: string,
): Promise<Array<Outbound & { failure: string; failedAt: Date }>> {
  return (
    await db.query<Outbound & { failure: string; failedAt: Date }>(
      `SELECT job_id AS "jobId", data, failure, failed_at AS "failedAt" FROM outbox
        WHERE failed_at IS NOT NULL AND sent_at IS NULL AND ($2::text IS NULL OR job_id = $2)
        ORDER BY failed_at DESC LIMIT $1`,
      [limit, jobId ?? null],
    )
  ).rows;
}

/** The RefusedMessages port over the outbox table. */
export function refusedMessages(db: Queryable): RefusedMessages {
  return { list: (limit, jobId) => refusedOutbound(db, limit, jobId), clear: (jobId) => clearFailed(db, jobId) };
}
