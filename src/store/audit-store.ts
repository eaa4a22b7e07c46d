import type { AuditEntry as DomainAuditEntry } from '../domain/audit-entry.js';
import type { Queryable } from './db.js';

/** The domain's audit entry; without `at` the row gets the database clock. */
export type AuditEntry = Omit<DomainAuditEntry, 'at'> & { at?: Date };

/** Every state change goes through here, in the same transaction as the change. */
export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await writeAudits(db, [e]);
}

/** Many entries in one statement, in the order given. */
export async function writeAudits(db: Queryable, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.query(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state, note)
     SELECT coalesce(e.at, now()), e.actor, e.action, e.entity, e.entity_id, e.from_state, e.to_state, coalesce(e.note, '')
       FROM jsonb_to_recordset($1::jsonb) AS e(at timestamptz, actor text, action text, entity text, entity_id text, from_state text, to_state text, note text)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          at: e.at ?? null,
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          from_state: e.fromState ?? null,
          to_state: e.toState ?? null,
          note: e.note ?? '',
        })),
      ),
    ],
  );
}
