import type { MeasureStore } from './measures.js';
import type { IncomeSource } from '../assistance/income-record.js';
import type { AuditEntry } from '../audit-entry.js';
import type { BatchCommandStore } from './card-batches.js';
import type { CaseRefStore } from './case-refs.js';
import type { CadreReportStore } from './cadre-reports.js';
import type { CampaignItemStore } from './campaigns.js';
import type { ObservationStore } from './observation.js';
import type { PairDutyStore } from './pair-duties.js';
import type { RoundAnswerStore } from './rounds.js';
import type { CaseState } from '../cases/case-lifecycle.js';
import type { Policy, RiskType } from '../policy.js';
import type { ProcedureStore } from './procedure.js';
import type { HouseholdOption, MatchMethod } from '../triage/decide-match.js';
import type { CadreRole, HouseholdStatus, MonitoringKind } from '../types.js';

export interface CadreRef {
  userid: string;
  name: string;
  role: CadreRole;
  townshipId: string | null;
}

export interface CaseRow {
  id: number;
  number: string;
  state: CaseState;
  householdId: string | null;
  villageId: string | null;
  townshipId: string | null;
  headName: string | null;
  villageName: string | null;
  riskTypes: RiskType[];
  reporter: string | null;
  incomePerCapita: number | null;
  /** How the household was found; 'ambiguous' = 待关联. */
  matchMethod: MatchMethod;
  /** The households offered for 待关联 (kept after the choice, for the record). */
  candidates: HouseholdOption[];
  /** 绿色通道 or normal. */
  urgency?: string;
  /** The first clue: when the case was opened. */
  openedAt?: Date;
}

/** A household a case can be linked to. */
export interface HouseholdPlace {
  id: string;
  villageId: string;
  headName: string;
  villageName: string;
}

/** A household's next visit and call; undefined keeps the current one. */
export interface ContactDue {
  visitDueAt?: Date | null;
  callDueAt?: Date | null;
}

/** The deadline a task is running against. */
export type TaskClock = 'ack' | 'verify' | 'decide' | 'review';

export interface OpenTask {
  id: number;
  cadre: string;
}

export interface TaskLine {
  number: string;
  state: CaseState;
  urgency: string;
  /** case, or observe (观察). */
  kind: string;
  /** The household's early-warning score (0 when unmatched). */
  score: number;
  headName: string | null;
  villageName: string | null;
  nextDueAt: Date | null;
}

export interface HouseholdRef {
  id: string;
  headName: string;
  villageName: string;
  status: HouseholdStatus;
  riskOpen: boolean;
  /** 人均纯收入 on record (null: not known); absent where a reader does not need it. */
  incomePerCapita?: number | null;
}

/** How a cadre found an income figure: the step or contact, who, and the case it was for. */
export interface IncomeOrigin {
  source: IncomeSource;
  by: string;
  caseId: number | null;
  note: string;
}

/** What cadre commands read and write, inside one transaction. */
export interface CadreStore
  extends CaseRefStore,
    BatchCommandStore,
    CadreReportStore,
    ObservationStore,
    CampaignItemStore,
    RoundAnswerStore {
  /** 一户一策 in the same transaction. */
  readonly plan: MeasureStore;
  /** The identification and exit procedures, in the same transaction. */
  procedures: ProcedureStore;
  /** 8个一 records, in the same transaction. */
  readonly pairDuties: PairDutyStore;
  cadre(userid: string): Promise<CadreRef | null>;
  /** Locked for the rest of the transaction, so two presses can't both apply. */
  caseByNumber(number: string): Promise<CaseRow | null>;
  caseOfTask(taskId: number): Promise<{ number: string; taskState: string; cadre: string } | null>;
  openTask(caseId: number): Promise<OpenTask | null>;
  /** The household (or, unmatched, the village) is in this cadre's charge along the chain. */
  inCharge(userid: string, householdId: string | null, villageId: string | null): Promise<boolean>;
  setCaseState(
    caseId: number,
    change: {
      state: CaseState;
      decision?: string;
      monitoringKind?: MonitoringKind;
      verification?: string;
      closed: boolean;
    },
    at: Date,
  ): Promise<void>;
  /** `due` puts the household on a new visit schedule (its next visit and call; null = none). */
  updateHousehold(
    householdId: string,
    change: {
      income?: number;
      /** Where the income figure came from, for the income history (default: a cadre, source unknown). */
      incomeFrom?: IncomeOrigin;
      monitoringKind?: MonitoringKind;
      riskOpen?: boolean;
      due?: ContactDue;
    },
    at: Date,
  ): Promise<void>;
  /** 合并: the target case takes over the source's evidence, signals and risk types. */
  absorbCase(targetId: number, sourceId: number, at: Date): Promise<void>;
  addMeasure(caseId: number, householdId: string | null, cadre: string, text: string, at: Date): Promise<void>;
  measures(caseId: number): Promise<string[]>;
  /** When the case was 纳入监测, from the audit log; null if it never was. */
  includedAt(caseId: number): Promise<Date | null>;
  /** Someone can work (普通 or 弱劳动力); null when nobody's labour is registered. */
  hasLabour(householdId: string): Promise<boolean | null>;
  /** Moves the task's clock to the step it is now in; someone acted, so escalation starts over. */
  setTaskStep(
    taskId: number,
    step: { clock: TaskClock | null; reviewDueAt?: Date; done: boolean },
    at: Date,
  ): Promise<void>;
  transferTask(taskId: number, to: string, at: Date): Promise<number>;
  findCadres(nameOrUserid: string): Promise<CadreRef[]>;
  /** The next one up the chain from this cadre for a case: 包村干部, then 包片领导, then the county office. */
  supervisor(c: CaseRow, above: CadreRole): Promise<CadreRef | null>;
  myTasks(userid: string, limit: number): Promise<{ lines: TaskLine[]; total: number }>;
  householdsInCharge(userid: string, idOrName: string): Promise<HouseholdRef[]>;
  /** Households of a township (null: the county) by id or head name, for the console. */
  householdsInTownship(townshipId: string | null, idOrName: string): Promise<HouseholdRef[]>;
  /** Records the contact and moves the household's next due times; returns the visit's id. */
  insertVisit(v: {
    householdId: string;
    cadre: string;
    kind: 'visit' | 'call';
    note: string;
    at: Date;
    due: ContactDue;
  }): Promise<number>;
  queueVillagerUpdate(reporter: string, caseId: number, text: string, at: Date): Promise<void>;
  audit(e: AuditEntry): Promise<void>;
  household(id: string): Promise<HouseholdPlace | null>;
  /** 关联: the case now belongs to the household (or, household null, to nobody yet: 都不是). */
  linkCase(
    caseId: number,
    link: { householdId: string | null; villageId: string | null; method: MatchMethod },
    at: Date,
  ): Promise<void>;
  /** Who is responsible for a place along the chain: 帮扶责任人, 包村干部, 包片领导, county office. */
  responsibleCadre(householdId: string | null, villageId: string | null): Promise<string | null>;
}

export interface CadreDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: CadreStore) => Promise<R>): Promise<R>;
}

/** What the command led to, for the job to send. */
export interface CadreOutcome {
  /** Something changed (a step, a hand-over); a card press then needs no text answer, the card says it. */
  changed: boolean;
  /** The text answer to the cadre. */
  reply: string | null;
  /** A task whose card should be redrawn (in place after a press; after a text command, see redraw). */
  refreshTask: number | null;
  /** A pressed summary card to redraw in place (批量签收, 查看全部). */
  refreshBatch?: number | null;
  /** Other tasks whose own cards should show their new state (the 绿色通道 tasks a 批量签收 acknowledged). */
  redraw?: number[];
  /** New tasks whose cards go out (after 转交). */
  newTasks: number[];
  /** Other cadres told something (协助 requests, hand-overs). */
  notices: Array<{ touser: string; content: string }>;
  /** Villagers with status updates waiting. */
  villagers: string[];
  /** Inbox rows stored for triage (上报, channel cadre): queued once the transaction is done. */
  reports?: number[];
  /** Procedure cards to the cadre whose turn it is; `key` makes each card's send happen once. */
  cards?: Array<{ touser: string; card: Record<string, unknown>; key: string }>;
  /** A pressed procedure card greyed out with this text (its response code is single-use). */
  replaceCard?: string;
}
