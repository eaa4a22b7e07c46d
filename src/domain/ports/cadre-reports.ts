import type { Report } from '../triage/report.js';

/** A visit as its 上报 button needs it. */
export interface VisitRow {
  id: number;
  householdId: string;
  cadre: string;
  note: string;
}

/** What 干部排查 (上报) reads and writes inside the command's transaction. */
export interface CadreReportStore {
  /**
   * Stores the report as an inbox row for triage (source `cadre`); null when this sourceMsgId was
   * stored before (the same visit reported twice).
   */
  storeCadreReport(sourceMsgId: string, report: Report): Promise<number | null>;
  visitById(visitId: number): Promise<VisitRow | null>;
}
