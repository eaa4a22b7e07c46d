import type { RoundKind } from './round-periods.js';

/** One household on a round's checklist, and why it is there. */
export interface RoundItem {
  householdId: string;
  headName: string;
  villageName: string;
  /** The visit or call plan's next deadline, when it falls before the round is due (or is past). */
  visitDueAt: Date | null;
  callDueAt: Date | null;
  /** Numbers of the household's open cases and 观察 items. */
  openCases: string[];
  /** Department warnings of the last 30 days that opened no case (未达标准, 观察). */
  signals: number;
  /** 核实: the household's last visit or call. */
  lastContactAt: Date | null;
}

/** A stored round as cards and answers show it. */
export interface RoundView {
  id: number;
  kind: RoundKind;
  /** The village's name (排查) or the township's (核实). */
  placeName: string;
  periodStart: Date;
  periodEnd: Date;
  deadline: Date;
  recipients: string[];
  items: RoundItem[];
  answeredAt: Date | null;
  answeredBy: string | null;
  /** The name of who answered. */
  answeredByName: string | null;
  outcome: 'clear' | 'found' | null;
  findings: number;
}
