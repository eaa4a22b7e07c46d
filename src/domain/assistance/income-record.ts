/**
 * The household's income history: every per-capita income figure a cadre found (入户核实, 走访, 电话) or a
 * department sent, each with its date, so "收入稳定半年" can be checked rather than read off one value.
 */
export const INCOME_SOURCES = ['verify', 'visit', 'call', 'department', 'import', 'cadre'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABEL: Record<IncomeSource, string> = {
  verify: '入户核实',
  visit: '走访',
  call: '电话',
  department: '部门数据',
  import: '导入',
  // Rows kept before the sources were told apart (all recorded by a cadre).
  cadre: '干部记录',
};

export interface IncomeRecord {
  householdId: string;
  /** Per person per year (the 12 months before the figure), yuan. */
  yuan: number;
  source: IncomeSource;
  /** When the figure was found (the visit, the call, the department row). */
  at: Date;
  /** The cadre userid, or the department's name; null for rows kept before this was recorded. */
  by: string | null;
  caseId: number | null;
  note: string;
}

export type NewIncomeRecord = Pick<IncomeRecord, 'householdId' | 'yuan' | 'source' | 'at'> &
  Partial<Pick<IncomeRecord, 'by' | 'caseId' | 'note'>>;

// 收入稳定高于监测线半年 is judged in one place: incomeBlockers in ../procedure/exit-conditions.ts.
