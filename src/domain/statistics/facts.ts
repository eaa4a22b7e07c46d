import type { CaseState } from '../cases/case-lifecycle.js';
import type { RiskType } from '../policy.js';
import type { Report } from '../triage/report.js';

/** Where a warning came from (triage_signals.channel); its label is triage's CHANNEL_LABEL, the one table of them. */
export type Channel = Report['channel'];
export { CHANNEL_LABEL } from '../triage/report.js';

/** One case as the statistics read it: its household, place, risks and the dates of its steps. */
export interface CaseFact {
  caseId: number;
  householdId: string | null;
  /** Members of the household (人); 0 when the case has no household. */
  persons: number;
  townshipId: string | null;
  riskTypes: RiskType[];
  state: CaseState;
  /** The first clue: the earliest report or warning that led to the case. */
  firstClueAt: Date;
  acknowledgedAt: Date | null;
  verifiedAt: Date | null;
  /** 纳入监测 (the county's confirmation); null if never included. */
  includedAt: Date | null;
  /** 风险消除; null while the risk is open. */
  removedAt: Date | null;
}

/** One warning (a triaged report or department row) and what came of it. */
export interface SignalFact {
  channel: string;
  /** The sending department's name, for department rows. */
  department: string | null;
  /** below_threshold = 未达预警标准 (no case); observe = 观察. */
  verdict: string | null;
  caseId: number | null;
  townshipId: string | null;
  at: Date;
}

/** The step an open task is waiting for. */
export const TASK_STEPS = ['ack', 'verify', 'decide', 'review'] as const;
export type TaskStep = (typeof TASK_STEPS)[number];
export const TASK_STEP_LABEL: Record<TaskStep, string> = {
  ack: '签收',
  verify: '入户核实',
  decide: '处置',
  review: '回头看',
};

export interface OpenTaskFact {
  step: TaskStep;
  dueAt: Date;
  townshipId: string | null;
}

/** One week's visit and call deadlines in scope: due in the week, and met before it ended. */
export interface WeekContacts {
  weekStart: Date;
  due: number;
  done: number;
}

/** A household lifted out of poverty (or whose risk was removed) with its latest income. */
export interface LiftedFact {
  householdId: string;
  headName: string;
  townshipName: string;
  villageName: string;
  income: number | null;
  /** Monitored again with the risk open, or a case open on it: someone is handling it. */
  handled: boolean;
}

export interface Township {
  id: string;
  name: string;
}

/** Everything the dashboard and the monthly analysis count, read in one go (ports/statistics.ts). */
export interface StatisticsFacts {
  townships: Township[];
  cases: CaseFact[];
  signals: SignalFact[];
  openTasks: OpenTaskFact[];
  weeks: WeekContacts[];
  lifted: LiftedFact[];
}

/** 户 and 人. */
export interface HouseholdsPersons {
  households: number;
  persons: number;
}

/** A share, or null when nothing was due (shown as "—", never 100%). */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
