import type { KfInboxStore, KfSession, VillagerChatStore, VillagerIntakeStore } from '../domain/ports/villager-chat.js';
import type { RiskType } from '../domain/policy.js';
import type { Db, Queryable } from './db.js';
import { isDatabaseUnavailable } from './db-errors.js';
import { insertDeadLetter } from './dead-letter-store.js';
import { findInboxId, insertInbox } from './inbox-store.js';

/** The villager dialog's store: sessions in a transaction, stored messages and reports in the inbox. */
export function villagerIntakeStore(db: Db): VillagerIntakeStore {
  const chat = (tx: Queryable): VillagerChatStore => ({
    session: (externalUserid) => loadKfSession(tx, externalUserid),
    saveSession: (s, at) => saveKfSession(tx, s, at),
    appendEvidence: (caseId, evidence, at) => appendCaseEvidence(tx, caseId, evidence, at),
    openCases: (externalUserid, first) => openCasesOfReporter(tx, externalUserid, first),
  });
  return {
    transaction: (fn) => db.transaction((tx) => fn(chat(tx))),
    storeReport: async (sourceMsgId, payload) =>
      (await insertInbox(db, { source: KF_REPORT, sourceMsgId, payload })) ??
      (await findInboxId(db, KF_REPORT, sourceMsgId))!,
    caseSummary: async (caseId) =>
      (
        await db.query<{ number: string; urgency: string; householdId: string | null }>(
          'SELECT number, urgency, household_id AS "householdId" FROM cases WHERE id = $1',
          [caseId],
        )
      ).rows[0] ?? null,
  };
}

/** A villager's finished report, stored once per message as an inbox row of its own. */
const KF_REPORT = 'kf-report';

/** Pulled 微信客服 messages: the cursor per account in kv, each message once in the inbox. */
export function kfInboxStore(db: Queryable): KfInboxStore {
  const key = (openKfid: string) => `kf_cursor:${openKfid}`;
  return {
    cursor: (openKfid) => getKv(db, key(openKfid)),
    saveCursor: (openKfid, cursor) => setKv(db, key(openKfid), cursor),
    storeMessage: (msgid, payload) => insertInbox(db, { source: 'kf', sourceMsgId: msgid, payload }),
    deadLetter: async (msgid, message, error) => {
      if (isDatabaseUnavailable(error)) throw error;
      await insertDeadLetter(db, {
        source: 'kf',
        sourceMsgId: msgid,
        reason: (error as Error)?.message ?? String(error),
        message,
      });
    },
  };
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

/** The villager's open cases, the given one first, then newest first. */
export async function openCasesOfReporter(
  db: Queryable,
  externalUserid: string,
  first: number | null,
): Promise<Array<{ id: number; number: string; riskTypes: RiskType[]; householdId: string | null }>> {
  const { rows } = await db.query<{ id: string; number: string; riskTypes: RiskType[]; householdId: string | null }>(
    `SELECT id, number, risk_types AS "riskTypes", household_id AS "householdId" FROM cases WHERE reporter = $1 AND closed_at IS NULL
      ORDER BY id = $2 DESC, id DESC LIMIT 20`,
    [externalUserid, first ?? 0],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
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
