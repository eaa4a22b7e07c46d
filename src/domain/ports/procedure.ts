import type { Procedure } from '../procedure/procedure.js';
import type { ExitMeasure, IncomeRecord } from '../procedure/exit-conditions.js';
import type { CadreRole, HouseholdStatus, Labour } from '../types.js';

/** A procedure as stored: its row id and how many changes it has had (a card names the one it was drawn for). */
export interface StoredProcedure {
  id: number;
  caseId: number;
  seq: number;
  procedure: Procedure;
  /** The household's status before a green inclusion, put back if the checks reverse it. */
  priorStatus: HouseholdStatus | null;
}

/** One line of a procedure's record: who did what at which step, and when. */
export interface ProcedureStepRecord {
  step: string;
  action: string;
  actor: string;
  note: string;
  at: Date;
}

/** What the procedure reads and writes, inside the cadre command's transaction. */
export interface ProcedureStore {
  /** The case's running procedure, locked for the transaction. */
  openProcedure(caseId: number): Promise<StoredProcedure | null>;
  procedureById(id: number): Promise<(StoredProcedure & { caseNumber: string }) | null>;
  /** The case's latest procedures of each kind, open or ended, newest first (for the console). */
  proceduresOfCase(caseId: number): Promise<StoredProcedure[]>;
  insertProcedure(
    p: {
      caseId: number;
      householdId: string | null;
      procedure: Procedure;
      priorStatus: HouseholdStatus | null;
      stepDueAt: Date | null;
      dueAt: Date;
    },
    at: Date,
  ): Promise<number>;
  /** Saves the new value; seq moves on by one. */
  saveProcedure(id: number, p: Procedure, due: { stepDueAt: Date | null }, at: Date): Promise<number>;
  addStep(procedureId: number, r: ProcedureStepRecord & { data?: unknown }): Promise<void>;
  steps(procedureId: number): Promise<ProcedureStepRecord[]>;
  householdStatus(householdId: string): Promise<HouseholdStatus | null>;
  /** Every dated per-capita income figure of the household (cadres' 核实/走访/电话 and departments' data). */
  incomeRecords(householdId: string): Promise<IncomeRecord[]>;
  exitMeasures(caseId: number, householdId: string): Promise<ExitMeasure[]>;
  memberLabours(householdId: string): Promise<Array<{ labour: Labour | null }>>;
  /** A green inclusion undone: the household back to its status before, no longer monitored. */
  revertHousehold(householdId: string, status: HouseholdStatus, at: Date): Promise<void>;
  /** The cadre who holds a role for the case's household: its 帮扶责任人, 包村干部, 包片领导 or the county office. */
  cadreForRole(householdId: string | null, villageId: string | null, role: CadreRole): Promise<string | null>;
}
