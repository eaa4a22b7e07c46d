import type { VillagerUpdateStore } from '../domain/ports/villager-updates.js';
import type { Queryable } from './db.js';

/** Waiting status updates for villagers; kf_sessions.replies_since counts what went out in this window. */
export function villagerUpdateStore(tx: Queryable): VillagerUpdateStore {
  return {
    session: async (user) =>
      (
        await tx.query<{ openKfid: string; lastCustomerAt: Date; updatesSent: number }>(
          `SELECT open_kfid AS "openKfid", last_customer_at AS "lastCustomerAt", replies_since AS "updatesSent"
           FROM kf_sessions WHERE external_userid = $1 FOR UPDATE`,
          [user],
        )
      ).rows[0] ?? null,
    pending: async (user) =>
      (
        await tx.query<{ id: number; text: string }>(
          'SELECT id, text FROM villager_updates WHERE external_userid = $1 AND sent_at IS NULL ORDER BY id',
          [user],
        )
      ).rows,
    markSent: async (user, ids, at) => {
      await tx.query('UPDATE villager_updates SET sent_at = $2 WHERE id = ANY($1::bigint[])', [ids, at]);
      await tx.query('UPDATE kf_sessions SET replies_since = replies_since + 1 WHERE external_userid = $1', [user]);
    },
  };
}
