import type { IncomeRecord } from '../assistance/income-record.js';
import type { Measure } from '../assistance/measure.js';
import type { NoticeHousehold } from '../register/village-notice.js';
import type { RegisterFilter, RegisterRow, RegisterStep } from '../register/register.js';
import type { Labour } from '../types.js';
import type { DutyRecordRow } from './pair-duties.js';
import type { PairHelperPolicy } from '../pair-duty/pair-duty-policy.js';

/** Whose households a reader sees: one township's, or (null) the county's. */
export interface RegisterScope {
  townshipId: string | null;
}

/** A member as the register lists them (the ID number is masked by the page, never sent in full). */
export interface RegisterMember {
  id: number;
  name: string;
  relation: string;
  sex: string;
  age: number | null;
  labour: Labour | null;
  health: string;
  schooling: string;
  disability: string;
  idNumber: string | null;
}

export interface RegisterHousehold {
  row: RegisterRow;
  members: RegisterMember[];
  measures: Measure[];
  incomes: IncomeRecord[];
  /** Oldest first. */
  steps: RegisterStep[];
}

export interface RegisterPlaces {
  townships: Array<{ id: string; name: string }>;
  villages: Array<{ id: string; townshipId: string; name: string }>;
}

/** The monitored-object register (adapter: src/store/register-store.ts). */
export interface RegisterReads {
  /** Every monitored household in scope that passes the filter, in order of township, village and household id (area codes). */
  registerRows(scope: RegisterScope, filter: RegisterFilter): Promise<RegisterRow[]>;
  /** Null when the household is not monitored or not in scope. */
  registerHousehold(scope: RegisterScope, householdId: string, now: Date): Promise<RegisterHousehold | null>;
  registerPlaces(scope: RegisterScope): Promise<RegisterPlaces>;
  /** The household's 8个一 records and contacts since these instants (absent: the page leaves the 8个一 out). */
  dutyRecords?(householdId: string, since: { records: Date; contacts: Date }): Promise<DutyRecordRow[]>;
  /** The village, when it is in scope. */
  noticeVillage(
    scope: RegisterScope,
    villageId: string,
  ): Promise<{ id: string; name: string; townshipName: string } | null>;
  /**
   * 公示: households whose open procedure is at the 公示 step (from the notice's start); 结果公告: those
   * 纳入 or 风险消除 within [from, to).
   */
  noticeHouseholds(
    villageId: string,
    q: { kind: 'notice' } | { kind: 'result'; from: Date; to: Date },
  ): Promise<NoticeHousehold[]>;
}

/** What the console's register pages get: the reads, the line for the income chart, the notice days, the 8个一 rules. */
export interface RegisterConsole {
  reads: RegisterReads;
  monitoringLine: number;
  noticeDays: number;
  pairHelper?: PairHelperPolicy;
}
