/** One row of the audit log: who did what to which entity, from which state to which, and when. */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  note?: string;
  at: Date;
}
