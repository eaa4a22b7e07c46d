import type { AuditEntry } from '../audit-entry.js';
import type { CaseHistory } from '../import/national-history.js';
import type { FileSource, Table, TableStream } from '../import/table.js';
import type { Cadre, Household, Link, Member, Township, Village } from '../types.js';

/** The county's townships and villages, looked up by id and by name (a county has hundreds: cheap to load). */
export interface Places {
  townshipIds: Set<string>;
  townshipByName: Map<string, Township>;
  villageIds: Set<string>;
  /** "townshipId/villageName" -> village id */
  villageByKey: Map<string, string>;
  /** Village name -> id, only for names that are unique in the county. */
  villageByName: Map<string, string>;
}

/** What an import reads and writes, inside one transaction (the adapter is src/store/county-import-store.ts). */
export interface CountyImportStore {
  places(): Promise<Places>;
  /** Which of the given ids exist (households by id, cadres by userid). */
  existingIds(table: 'households' | 'cadres', ids: string[]): Promise<Set<string>>;
  upsertTownships(rows: Township[]): Promise<void>;
  upsertVillages(rows: Village[]): Promise<void>;
  upsertHouseholds(rows: Household[]): Promise<void>;
  /** Each household's head as a member; labour and the rest stay as the members import left them. */
  upsertHeads(rows: Member[]): Promise<void>;
  upsertMembers(rows: Member[]): Promise<void>;
  /**
   * A national-layout file's monitoring records, for households with no case here yet (so importing the
   * same file twice adds nothing): a case with the risk types, its 纳入 and 风险消除 audit rows, the exit
   * procedure and the measures, audited with `actor`.
   */
  recordHistories(rows: CaseHistory[], actor: string): Promise<void>;
  upsertCadres(rows: Cadre[]): Promise<void>;
  upsertLinks(rows: Link[]): Promise<void>;
  /** Without `at`, the entry is stamped with the database's clock, like the rows it writes. */
  audit(entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<void>;
}

export interface ImportDeps {
  transaction<R>(fn: (store: CountyImportStore) => Promise<R>): Promise<R>;
}

/** A sheet an import reads: a file's first sheet (a CSV is one), or a households workbook's 家庭成员 sheet. */
export interface ImportSheet {
  role: 'first' | 'members';
  table: TableStream;
}

/** Reads uploaded files into tables (the adapter is src/files/read-table.ts); unreadable files throw an AppError. */
export interface TableReader {
  /** A whole (small) file's first sheet, or a CSV, in memory. */
  read(fileName: string, data: Buffer, charset?: string): Promise<Table>;
  /**
   * The sheets an import reads as the file streams, each read to its end before the next: the first sheet,
   * then a households workbook's 家庭成员 sheet if it has one. Neither the file nor its rows are held.
   */
  sheets(file: FileSource, charset?: string): AsyncIterable<ImportSheet>;
}

export interface ImportFileDeps extends ImportDeps {
  tables: TableReader;
}
