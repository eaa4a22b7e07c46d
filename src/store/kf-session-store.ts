import type { Draft } from '../domain/chat/villager-dialog.js';
import type { Queryable } from './db.js';

export interface KfSession {
  externalUserid: string;
  openKfid: string;
  caseId: number | null;
  caseOpen: boolean;
  draft: Draft;
}

export async function loadKfSession(db: Queryable, externalUserid: string): Promise<KfSession | null> {
  const { rows } = await db.query<KfSession>(
    `SELECT s.external_userid AS "externalUserid", s.open_kfid AS "openKfid", s.case_id AS "caseId", s.draft,
            (c.id IS NOT NULL AND c.closed_at IS NULL) AS "caseOpen"
       FROM kf_sessions s LEFT JOIN cases c ON c.id = s.case_id WHERE s.external_userid = $1 FOR UPDATE OF s`,
    [externalUserid],
  );
  return rows[0] ?? null;
}

/** Saves the session; every customer message reopens the 48-hour / 5-reply window. */
export async function saveKfSession(db: Queryable, s: Omit<KfSession, 'caseOpen'>, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO kf_sessions (external_userid, open_kfid, case_id, draft, last_customer_at, replies_since, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, 0, $5)
     ON CONFLICT (external_userid) DO UPDATE SET open_kfid = EXCLUDED.open_kfid, case_id = EXCLUDED.case_id,
       draft = EXCLUDED.draft, last_customer_at = EXCLUDED.last_customer_at, replies_since = 0, updated_at = EXCLUDED.updated_at`,
    [s.externalUserid, s.openKfid, s.caseId, JSON.stringify(s.draft), at],
  );
}

export async function appendCaseEvidence(db: Queryable, caseId: number, evidence: unknown, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET evidence = evidence || jsonb_build_array($2::jsonb), updated_at = $3 WHERE id = $1`,
    [caseId, JSON.stringify(evidence), at],
  );
}

export async function getKv(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM kv WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

export async function setKv(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    `INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, value],
  );
}
