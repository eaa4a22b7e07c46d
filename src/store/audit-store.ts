import type { AuditEntry as DomainAuditEntry } from '../domain/audit-entry.js';
import type { Queryable } from './db.js';

/** The domain's audit entry; without `at` the row gets the database clock. */
export type AuditEntry = Omit<DomainAuditEntry, 'at'> & { at?: Date };

/** Every state change goes through here, in the same transaction as the change. */
export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state, note)
     VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8)`,
    [e.at ?? null, e.actor, e.action, e.entity, e.entityId, e.fromState ?? null, e.toState ?? null, e.note ?? ''],
  );
}
