import type { ImportKind } from '../import/import-schemas.js';
import type { ImportReport } from '../import/parse-table.js';
import type { FileSource, Table } from '../import/table.js';
import type { ImportFileDeps } from '../ports/county-import.js';
import { importTable } from './import-table.js';

/**
 * Reads a file as it streams and imports it; a households workbook's 家庭成员 sheet is imported after the
 * households, as members (one report each). Unreadable files throw the AppError the table reader gives.
 */
export async function importFile(
  deps: ImportFileDeps,
  input: { kind: ImportKind; file: FileSource; actor: string; charset?: string },
): Promise<{ reports: ImportReport[]; encoding: Table['encoding'] }> {
  const { kind, file, actor, charset } = input;
  const reports: ImportReport[] = [];
  let encoding: Table['encoding'];
  for await (const { role, table } of deps.tables.sheets(file, charset)) {
    if (role === 'first') {
      encoding = table.encoding;
      reports.push(await importTable(deps, { kind, table, actor }));
    } else if (kind === 'households') reports.push(await importTable(deps, { kind: 'members', table, actor }));
  }
  return { reports, encoding };
}
