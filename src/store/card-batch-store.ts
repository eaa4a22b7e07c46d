import type {
  BatchCommandStore,
  BatchItem,
  BatchView,
  CardBatchStore,
  CardRoute,
  SentCards,
} from '../domain/ports/card-batches.js';
import { CHANNEL_LABEL, type Report } from '../domain/triage/report.js';
import type { Queryable } from './db.js';

/** WeCom's response codes last 72 hours. */
const CODE_LIFE_MS = 72 * 3_600_000;

/** The card-batching port over one transaction. */
export function cardBatchStore(tx: Queryable): CardBatchStore {
  return {
    routes: async (taskIds) =>
      (
        await tx.query<CardRoute>(
          `SELECT t.id AS "taskId", t.cadre_userid AS cadre, c.urgency = 'green' AS green,
                  EXISTS (SELECT 1 FROM held_task_cards x WHERE x.task_id = t.id) AS handled
             FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ANY($1::bigint[]) ORDER BY t.id`,
          [taskIds],
        )
      ).rows,
    cadresHolding: async (cadres) =>
      (
        await tx.query<{ cadre: string }>(
          `SELECT DISTINCT cadre_userid AS cadre FROM held_task_cards WHERE flushed_at IS NULL AND cadre_userid = ANY($1::text[])`,
          [cadres],
        )
      ).rows.map((r) => r.cadre),
    hold: async (rows, at) => {
      if (!rows.length) return;
      await tx.query(
        `INSERT INTO held_task_cards (task_id, cadre_userid, green, held_at)
         SELECT r.task_id, r.cadre, r.green, $2 FROM jsonb_to_recordset($1::jsonb) AS r(task_id bigint, cadre text, green boolean)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows.map((r) => ({ task_id: r.taskId, cadre: r.cadre, green: r.green }))), at],
      );
    },
    held: async (cadre) =>
      (
        await tx.query<{ taskId: string | number; green: boolean; heldAt: Date }>(
          `SELECT task_id AS "taskId", green, held_at AS "heldAt" FROM held_task_cards
            WHERE cadre_userid = $1 AND flushed_at IS NULL ORDER BY task_id FOR UPDATE`,
          [cadre],
        )
      ).rows.map((r) => ({ taskId: Number(r.taskId), green: r.green, heldAt: new Date(r.heldAt) })),
    createBatch: async (cadre, at) =>
      Number(
        (
          await tx.query<{ id: string }>(
            'INSERT INTO card_batches (cadre_userid, created_at) VALUES ($1, $2) RETURNING id',
            [cadre, at],
          )
        ).rows[0]!.id,
      ),
    markFlushed: async (taskIds, batchId, at) => {
      await tx.query('UPDATE held_task_cards SET flushed_at = $2, batch_id = $3 WHERE task_id = ANY($1::bigint[])', [
        taskIds,
        at,
        batchId,
      ]);
    },
  };
}

/** A summary card's tasks as they stand now, and the last step taken on the summary. */
export async function loadBatchView(db: Queryable, batchId: number): Promise<BatchView | null> {
  const batch = (
    await db.query<{ cadre: string }>('SELECT cadre_userid AS cadre FROM card_batches WHERE id = $1', [batchId])
  ).rows[0];
  if (!batch) return null;
  const { rows } = await db.query<BatchItem & { inboxSource: string | null; channel: string }>(
    `SELECT t.id AS "taskId", c.number AS "caseNumber", c.state AS "caseState", t.state AS "taskState", c.urgency = 'green' AS green,
            COALESCE(h.warning_score, 0)::int AS score, h.head_name AS "headName", v.name AS "villageName", t.ack_due_at AS "ackDueAt",
            (SELECT i.source FROM inbox i WHERE i.id = (c.evidence -> 0 ->> 'inboxId')::bigint) AS "inboxSource",
            COALESCE(c.evidence -> 0 ->> 'channel', '') AS channel
       FROM held_task_cards x JOIN tasks t ON t.id = x.task_id JOIN cases c ON c.id = t.case_id
       LEFT JOIN households h ON h.id = c.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
      WHERE x.batch_id = $1 ORDER BY t.id`,
    [batchId],
  );
  const last = (
    await db.query<{ name: string; at: Date; note: string }>(
      `SELECT COALESCE(k.name, a.actor) AS name, a.at, a.note FROM audit_log a LEFT JOIN cadres k ON k.userid = a.actor
        WHERE a.entity = 'card_batch' AND a.entity_id = $1 ORDER BY a.id DESC LIMIT 1`,
      [String(batchId)],
    )
  ).rows[0];
  return {
    batchId,
    cadre: batch.cadre,
    items: rows.map(({ inboxSource, channel, ...i }) => ({
      ...i,
      taskId: Number(i.taskId),
      source: inboxSource?.startsWith('dept:')
        ? inboxSource.slice(5)
        : (CHANNEL_LABEL[channel as Report['channel']] ?? '新'),
    })),
    lastStep: last ? { name: last.name, at: new Date(last.at), what: last.note } : null,
  };
}

/** The batch-command port over one transaction. */
export function batchCommandStore(tx: Queryable): BatchCommandStore {
  return {
    latestBatch: async (cadre) => {
      const row = (
        await tx.query<{ id: number }>('SELECT id FROM card_batches WHERE cadre_userid = $1 ORDER BY id DESC LIMIT 1', [
          cadre,
        ])
      ).rows[0];
      return row ? Number(row.id) : null;
    },
    batchView: (batchId) => loadBatchView(tx, batchId),
  };
}

/** The SentCards port: cards WeCom has, with the response codes message/send gave. */
export function sentCards(db: Queryable): SentCards {
  return {
    keep: async (c) => {
      await db.query(
        `INSERT INTO sent_cards (card_id, touser, task_id, batch_id, response_code, sent_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (card_id) DO UPDATE SET response_code = EXCLUDED.response_code, sent_at = EXCLUDED.sent_at, code_used_at = NULL`,
        [c.cardId, c.touser, c.taskId ?? null, c.batchId ?? null, c.responseCode, c.at],
      );
    },
    latest: (taskId, now, own = false) =>
      latestCard(
        db,
        own ? 'task_id = $1' : 'task_id = $1 OR batch_id = (SELECT batch_id FROM held_task_cards WHERE task_id = $1)',
        taskId,
        now,
      ),
    latestOfBatch: (batchId, now) => latestCard(db, 'batch_id = $1', batchId, now),
    useCode: async (cardId, at) => {
      await db.query('UPDATE sent_cards SET code_used_at = $2 WHERE card_id = $1', [cardId, at]);
    },
  };
}

async function latestCard(db: Queryable, where: string, id: number, now: Date) {
  const row = (
    await db.query<{ cardId: string; touser: string; batchId: number | null; responseCode: string | null }>(
      `SELECT card_id AS "cardId", touser, batch_id AS "batchId",
              CASE WHEN code_used_at IS NULL AND sent_at > $2 THEN response_code END AS "responseCode"
         FROM sent_cards WHERE ${where} ORDER BY sent_at DESC LIMIT 1`,
      [id, new Date(now.getTime() - CODE_LIFE_MS)],
    )
  ).rows[0];
  return row ? { ...row, batchId: row.batchId === null ? null : Number(row.batchId) } : null;
}

/** Cadres with cards held since before `before` and not yet flushed (for the reconciler). */
export async function cadresHeldBefore(db: Queryable, before: Date, limit = 1000): Promise<string[]> {
  return (
    await db.query<{ cadre: string }>(
      'SELECT DISTINCT cadre_userid AS cadre FROM held_task_cards WHERE flushed_at IS NULL AND held_at < $1 LIMIT $2',
      [before, limit],
    )
  ).rows.map((r) => r.cadre);
}
