import type { IncomeRecord, NewIncomeRecord } from '../assistance/income-record.js';

/** Every dated income figure of a household (adapter: src/store/income-store.ts). */
export interface IncomeHistoryStore {
  addIncome(r: NewIncomeRecord): Promise<void>;
  /** Oldest first; `since` limits it to figures found at or after that time. */
  incomeHistory(householdId: string, since?: Date): Promise<IncomeRecord[]>;
}
