import type { AuditEntry } from '../audit-entry.js';
import type { DeptKind, Policy, RiskType } from '../policy.js';
import type { Urgency } from '../triage/classify-report.js';
import type { TaskDeadlines } from '../triage/deadlines.js';
import type { HouseholdOption, MatchMethod } from '../triage/decide-match.js';
import type { Report } from '../triage/report.js';
import type { ScreeningVerdict } from '../triage/screen-department-row.js';
import type { HouseholdSignals, WarningScore } from '../triage/warning-score.js';
import type { HouseholdStatus } from '../types.js';

/** What triage reads and writes. */
export interface InboxReport {
  id: number;
  payload: unknown;
  handledAt: Date | null;
  caseId: number | null;
  receivedAt: Date;
  /** Screened below its standard when triaged: handled, with no case. */
  screened: boolean;
}

export interface HouseholdMatch {
  householdId: string | null;
  villageId: string | null;
  status: HouseholdStatus | null;
  method: MatchMethod;
  /** 待关联 (method 'ambiguous'): the households the responsible cadre chooses from. */
  candidates: HouseholdOption[];
}

export interface OpenCase {
  id: number;
  number: string;
  householdId: string;
  riskTypes: RiskType[];
  kind: CaseKind;
}

/** A full case, or 观察 (an income between the lines): a lighter item, longer deadlines, never green. */
export type CaseKind = 'case' | 'observe';

export interface NewCase {
  kind: CaseKind;
  householdId: string | null;
  villageId: string | null;
  riskTypes: RiskType[];
  urgency: Urgency;
  rulesFired: string[];
  summary: string;
  evidence: Evidence[];
  matchMethod: MatchMethod;
  candidates: HouseholdOption[];
  reporter: string | null;
  state: 'reported' | 'assigned';
  at: Date;
}

/** Signals for a stored case: its urgency is only ever raised (to green), never lowered. */
export interface CaseMerge {
  caseId: number;
  riskTypes: RiskType[];
  urgency: Urgency;
  /**
   * Set when a signal raises the case to the 绿色通道: its open task, if not yet 签收, must be
   * acknowledged by then (the sooner of this and the deadline it had), as a green case's would.
   */
  greenAckDueAt: Date | null;
  rulesFired: string[];
  evidence: Evidence[];
  at: Date;
}

export interface NewTask {
  caseId: number;
  inboxId: number;
  cadre: string;
  deadlines: TaskDeadlines;
  at: Date;
}

/**
 * What triage reads and writes, all inside one transaction, a batch of reports at a time: a few
 * set-based statements per batch instead of a dozen round trips per report.
 */
export interface TriageStore {
  /** The inbox rows, locked (in id order), so a retried and an original job can't triage one twice. */
  loadInbox(ids: number[]): Promise<InboxReport[]>;
  /** One match per identity, in order; ages in reports are as of `asOfYear`. */
  matchHouseholds(who: Array<Report['identity']>, asOfYear: number): Promise<HouseholdMatch[]>;
  /** Locks the households (in id order) and returns their open cases, newest first: two batches can't both open one. */
  openCasesOf(householdIds: string[]): Promise<OpenCase[]>;
  /** The responsible cadre of each place, in order (null when nobody is). */
  responsibleCadres(
    places: Array<{ householdId: string | null; villageId: string | null }>,
  ): Promise<Array<{ userid: string; level: string } | null>>;
  /** Inserts cases, returning id and number in order. */
  insertCases(rows: NewCase[]): Promise<Array<{ id: number; number: string }>>;
  /** More signals for open cases (one row per case): evidence appended, types and rules united, urgency only raised. */
  mergeIntoCases(rows: CaseMerge[]): Promise<void>;
  /** Inserts tasks, returning their ids in order. */
  insertTasks(rows: NewTask[]): Promise<number[]>;
  tasksFromInbox(inboxIds: number[]): Promise<Array<TaskNotice & { inboxId: number }>>;
  /** Marks the rows handled; caseId null for a row screened below its standard. */
  markTriaged(rows: Array<{ inboxId: number; caseId: number | null }>, at: Date): Promise<void>;
  /** One signal per triaged report: its screening, for the console and the household's score. */
  insertSignals(rows: TriageSignal[]): Promise<void>;
  /** What the early-warning score reads about each household, as of `now`. */
  householdSignals(householdIds: string[], now: Date): Promise<Map<string, HouseholdSignals>>;
  saveWarningScores(rows: Array<{ householdId: string; score: WarningScore }>, at: Date): Promise<void>;
  audit(entries: AuditEntry[]): Promise<void>;
}

/** A triaged report as a signal of its household, with how a department row was screened. */
export interface TriageSignal {
  inboxId: number;
  householdId: string | null;
  villageId: string | null;
  channel: Report['channel'];
  source: string;
  kind: DeptKind | null;
  verdict: ScreeningVerdict | null;
  measure: string | null;
  amountYuan: number | null;
  thresholdYuan: number | null;
  reason: string;
  caseId: number | null;
  at: Date;
}

/** A task whose card goes to its cadre. */
export interface TaskNotice {
  taskId: number;
  cadre: string;
}

export interface Evidence {
  inboxId: number;
  channel: string;
  text: string;
  at: string;
  refs?: Array<{ type: string; ref: string }>;
}

/** What triage needs: the policy, the county's time zone, and the store inside one transaction. */
export interface TriageDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: TriageStore) => Promise<R>): Promise<R>;
}
