import type { Db } from '../store/db.js';
import type { ImportKind } from './import-schemas.js';
import { importTable, type ImportReport } from './import-table.js';
import { readMembersSheet, readTable, type Table } from '../files/read-table.js';

/**
 * Reads a file and imports it; a households workbook's 家庭成员 sheet is imported after the households,
 * as members (one report each). Unreadable files throw the AppError readTable gives.
 */
export async function importFile(
  db: Db,
  kind: ImportKind,
  file: { name: string; data: Buffer },
  actor: string,
  charset?: string,
): Promise<{ reports: ImportReport[]; encoding: Table['encoding'] }> {
  const table = await readTable(file.name, file.data, charset);
  const reports = [await importTable(db, kind, table, actor)];
  const members = kind === 'households' ? await readMembersSheet(file.name, file.data) : null;
  if (members) reports.push(await importTable(db, 'members', members, actor));
  return { reports, encoding: table.encoding };
}
