import type { FileSource } from '../import/table.js';
import type { ScreenedMeasure } from '../triage/screen-department-row.js';

/** Whose console this is: the county sees every township, a township's staff only their own. */
export interface Scope {
  townshipId: string | null;
}

/** A signed-in console user: county staff (townshipId null) or one township's staff. */
export interface ConsoleViewer extends Scope {
  label: string;
}

export interface CaseFilter {
  township?: string;
  village?: string;
  type?: string;
  urgency?: string;
  state?: string;
  overdue?: boolean;
}

/** deadline: soonest time limit first; risk: highest warning score first; age: oldest first; newest (default). */
export const CASE_SORTS = ['newest', 'deadline', 'risk', 'age'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** A page of a working list. `q` is a case number (or its last digits), a name, an ID number or a phone tail. */
export interface ListQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export interface CaseQuery extends CaseFilter, ListQuery {
  sort: CaseSort;
}

export interface ListPage<T> {
  rows: T[];
  total: number;
}

export interface CaseListRow {
  number: string;
  state: string;
  urgency: string;
  riskTypes: string[];
  householdId: string | null;
  head: string | null;
  village: string | null;
  township: string | null;
  holder: string | null;
  dueAt: Date | null;
  openedAt: Date;
  signals: number;
  warningScore: number | null;
}

export interface Places {
  townships: Array<{ id: string; name: string }>;
  villages: Array<{ id: string; name: string; townshipId: string }>;
}

export interface CaseDetail {
  id: number;
  number: string;
  /** case, or observe (观察: a lighter item). */
  kind: string;
  state: string;
  urgency: string;
  riskTypes: string[];
  summary: string;
  verification: string | null;
  decision: string | null;
  evidence: unknown[];
  rulesFired: unknown[];
  signals: number;
  matchMethod: string;
  openedAt: Date;
  closedAt: Date | null;
  householdId: string | null;
  head: string | null;
  village: string | null;
  township: string | null;
  townshipName: string | null;
  status: string | null;
  income: number | null;
  /** The household's early-warning score and its reasons (see warningScore). */
  warningScore: number | null;
  warningReasons: Array<{ part: string; points: number; text: string }> | null;
  warningAt: Date | null;
  holder: string | null;
  holderRole: string | null;
  dueAt: Date | null;
  /** Where the first report came from (inbox source: kf, wecom, dept:医保局 …). */
  source: string | null;
}

export interface MemberRow {
  name: string;
  relation: string;
  idNumber: string | null;
  labour: string | null;
  disability: string;
  schooling: string;
}

/** One audit row of a case, with the actor's name and role when the actor is a cadre. */
export interface AuditRow {
  at: Date;
  actor: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string;
  /** For a report's row (open-case, merge-signal): where it came from (kf, wecom, dept:医保局 …). */
  source: string | null;
}

export interface OverdueTask {
  number: string;
  state: string;
  urgency: string;
  head: string | null;
  village: string | null;
  holder: string | null;
  dueAt: Date;
  level: number;
}

export interface OverdueVisit {
  householdId: string;
  head: string;
  village: string;
  kind: 'visit' | 'call';
  dueAt: Date;
  cadre: string | null;
}

export interface HouseholdFilter {
  township?: string;
  village?: string;
  status?: string;
}

export const HOUSEHOLD_SORTS = ['id', 'risk', 'income', 'visit'] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];

export interface HouseholdQuery extends HouseholdFilter, ListQuery {
  sort: HouseholdSort;
}

export interface HouseholdListRow {
  id: string;
  head: string;
  village: string;
  township: string;
  status: string;
  monitoringKind: string | null;
  income: number | null;
  members: number;
  warningScore: number | null;
  nextVisitDueAt: Date | null;
  helper: string | null;
  openCases: number;
}

export interface ScreenedFilter {
  township?: string;
  village?: string;
  department?: string;
  measure?: ScreenedMeasure;
}

export interface ScreenedRow {
  at: Date;
  department: string;
  kind: string | null;
  measure: string | null;
  amountYuan: number | null;
  thresholdYuan: number | null;
  reason: string;
  householdId: string | null;
  head: string | null;
  village: string | null;
}

export interface ScreenedFound {
  rows: ScreenedRow[];
  counts: Array<{ measure: string | null; n: number }>;
  departments: string[];
}

/** What the console's pages read, always within the viewer's scope. */
export interface ConsoleReads {
  listCases(scope: Scope, q: CaseQuery, now: Date): Promise<ListPage<CaseListRow>>;
  caseDetail(scope: Scope, number: string): Promise<CaseDetail | null>;
  membersOf(householdId: string): Promise<MemberRow[]>;
  timelineOf(caseId: number): Promise<AuditRow[]>;
  /** Names and roles of the cadres with these userids (those not found are left out). */
  cadreNames(userids: string[]): Promise<Map<string, { name: string; role: string }>>;
  overdueTasks(scope: Scope, f: CaseFilter, now: Date): Promise<OverdueTask[]>;
  overdueVisits(scope: Scope, f: CaseFilter, now: Date): Promise<OverdueVisit[]>;
  places(scope: Scope): Promise<Places>;
  listHouseholds(scope: Scope, q: HouseholdQuery): Promise<ListPage<HouseholdListRow>>;
  belowThreshold(scope: Scope, f: ScreenedFilter): Promise<ScreenedFound>;
}

/** What the county's roll imports take (农户, 家庭成员, 干部, 帮扶关系). */
export const ROLL_KINDS = ['households', 'members', 'cadres', 'links'] as const;
export type RollKind = (typeof ROLL_KINDS)[number];

export interface RollImportReport {
  kind: RollKind;
  rows: number;
  written: number;
  errors: Array<{ row: number; reason: string }>;
}

export interface RollImportResult {
  reports: RollImportReport[];
  /** How the file was read: a CSV's text encoding, or xlsx. */
  encoding?: 'utf-8' | 'gb18030' | 'xlsx';
}

/** Reads and writes an uploaded roll file; an unreadable file throws the error to show (a sentence in Chinese). */
export interface RollImports {
  /** `file` is read as it streams (an upload spooled to disk), never held whole. */
  importFile(kind: RollKind, file: FileSource, actor: string, charset?: string): Promise<RollImportResult>;
  /** Puts households with no visit plan yet (new 脱贫/监测 households) on one; how many. */
  scheduleUnscheduled(at: Date): Promise<number>;
  /** A downloadable template with the headers and one example row. */
  template(kind: RollKind, format: 'csv' | 'xlsx'): Promise<{ name: string; body: Buffer | string }>;
}

export type LoginVerdict = { ok: true } | { ok: false; retryAfterS: number };

/** Limits wrong console sign-in tokens per address and per token prefix; every failure is audited. */
export interface LoginGuard {
  check(address: string, token: string): Promise<LoginVerdict>;
  failed(address: string, token: string): Promise<void>;
  succeeded(address: string, token: string, who: string): Promise<void>;
}
