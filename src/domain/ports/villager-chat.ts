import type { AuditEntry } from '../audit-entry.js';
import type { VillagerCaseView } from '../chat/case-status.js';
import type { Draft } from '../chat/villager-dialog.js';
import type { RiskType } from '../policy.js';
import type { KfMessage, WecomResult } from './wecom.js';

/** A villager's 微信客服 chat: the dialog's draft, and the case it opened. */
export interface KfSession {
  externalUserid: string;
  openKfid: string;
  caseId: number | null;
  caseOpen: boolean;
  draft: Draft;
}

/** What one villager message reads and writes inside one transaction. */
export interface VillagerChatStore {
  /** The villager's session, locked for the transaction; null before their first message. */
  session(externalUserid: string): Promise<KfSession | null>;
  /** Saves the session; every customer message reopens the 48-hour / 5-reply window. */
  saveSession(s: Omit<KfSession, 'caseOpen'>, at: Date): Promise<void>;
  appendEvidence(caseId: number, evidence: unknown, at: Date): Promise<void>;
  /** The villager's open cases (as reporter), the given one first, then newest first. */
  openCases(
    externalUserid: string,
    first: number | null,
  ): Promise<Array<{ id: number; number: string; riskTypes: RiskType[]; householdId: string | null }>>;
}

/** What the villager dialog needs from the store. */
export interface VillagerIntakeStore {
  transaction<R>(fn: (store: VillagerChatStore) => Promise<R>): Promise<R>;
  /** Stores the finished report once per villager message; its inbox id, whether new or stored before. */
  storeReport(sourceMsgId: string, report: unknown): Promise<number>;
  caseSummary(caseId: number): Promise<{ number: string; urgency: string; householdId: string | null } | null>;
}

/** Where 微信客服 messages are pulled from, a page at a time (kf/sync_msg). */
export interface KfMessageSource {
  kfSyncMsg(req: {
    openKfid: string;
    cursor?: string | undefined;
    token?: string;
  }): Promise<WecomResult<{ next_cursor: string; has_more: number; msg_list: KfMessage[] }>>;
}

/** Where pulled messages are kept: the cursor per account, and each message once. */
export interface KfInboxStore {
  cursor(openKfid: string): Promise<string | null>;
  saveCursor(openKfid: string, cursor: string): Promise<void>;
  /** Stores a message once (unique msgid); null when it was stored before. */
  storeMessage(msgid: string, payload: KfMessage): Promise<number | null>;
  /**
   * Keeps a message that could not be stored, with the reason, so the cursor can move past it. Throws
   * `error` itself when it only means the database is away (then nothing moves, and the pull is retried).
   */
  deadLetter(msgid: string, message: KfMessage, error: unknown): Promise<void>;
}

/** What answering a villager after the receipt reads and writes. */
export interface VillagerFollowUpStore {
  /** The villager's open cases, newest first; when none is open, their latest closed one. */
  casesOf(externalUserid: string): Promise<VillagerCaseView[]>;
  /** The case's number, household and the cadre holding its open task (the responsible chain decides). */
  caseHolder(caseId: number): Promise<{ number: string; who: string; holder: string | null } | null>;
  audit(e: AuditEntry): Promise<void>;
}
