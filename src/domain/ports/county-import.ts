import type { AuditEntry } from '../audit-entry.js';
import type { Table } from '../import/table.js';
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
  upsertCadres(rows: Cadre[]): Promise<void>;
  upsertLinks(rows: Link[]): Promise<void>;
  /** Without `at`, the entry is stamped with the database's clock, like the rows it writes. */
  audit(entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<void>;
}

export interface ImportDeps {
  transaction<R>(fn: (store: CountyImportStore) => Promise<R>): Promise<R>;
}

/** Reads uploaded files into tables (the adapter is src/files/read-table.ts); unreadable files throw an AppError. */
export interface TableReader {
  read(fileName: string, data: Buffer, charset?: string): Promise<Table>;
  /** A households workbook's 家庭成员 sheet, or null when it has none. */
  membersSheet(fileName: string, data: Buffer): Promise<Table | null>;
}

export interface ImportFileDeps extends ImportDeps {
  tables: TableReader;
}
