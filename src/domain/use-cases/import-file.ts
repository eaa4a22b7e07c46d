import type { ImportKind } from '../import/import-schemas.js';
import type { ImportReport } from '../import/parse-table.js';
import type { Table } from '../import/table.js';
import type { ImportFileDeps } from '../ports/county-import.js';
import { importTable } from './import-table.js';

/**
 * Reads a file and imports it; a households workbook's 家庭成员 sheet is imported after the households,
 * as members (one report each). Unreadable files throw the AppError the table reader gives.
 */
export async function importFile(
  deps: ImportFileDeps,
  input: { kind: ImportKind; file: { name: string; data: Buffer }; actor: string; charset?: string },
): Promise<{ reports: ImportReport[]; encoding: Table['encoding'] }> {
  const { kind, file, actor, charset } = input;
  const table = await deps.tables.read(file.name, file.data, charset);
  const reports = [await importTable(deps, { kind, table, actor })];
  const members = kind === 'households' ? await deps.tables.membersSheet(file.name, file.data) : null;
  if (members) reports.push(await importTable(deps, { kind: 'members', table: members, actor }));
  return { reports, encoding: table.encoding };
}
