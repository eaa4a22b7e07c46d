import type { ImportKind } from '../domain/import/import-schemas.js';
import type { FileSource } from '../domain/import/table.js';
import { importFile } from '../domain/use-cases/import-file.js';
import { bytesSource, tableReader } from '../files/read-table.js';
import { importDeps } from '../store/county-import-store.js';
import type { Db } from '../store/db.js';

/**
 * Imports a file into the database: the importFile use-case with the store and the file readers. A file
 * source (a path, a spooled upload) is streamed; bytes in hand are read as one.
 */
export function importFileInto(
  db: Db,
  kind: ImportKind,
  file: FileSource | { name: string; data: Buffer },
  actor: string,
  charset?: string,
) {
  const source = 'open' in file ? file : bytesSource(file.name, file.data);
  return importFile({ ...importDeps(db), tables: tableReader }, { kind, file: source, actor, charset });
}
