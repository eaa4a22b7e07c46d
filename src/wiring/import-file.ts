import type { ImportKind } from '../domain/import/import-schemas.js';
import { importFile } from '../domain/use-cases/import-file.js';
import { tableReader } from '../files/read-table.js';
import { importDeps } from '../store/county-import-store.js';
import type { Db } from '../store/db.js';

/** Imports a file into the database: the importFile use-case with the store and the file readers. */
export function importFileInto(
  db: Db,
  kind: ImportKind,
  file: { name: string; data: Buffer },
  actor: string,
  charset?: string,
) {
  return importFile({ ...importDeps(db), tables: tableReader }, { kind, file, actor, charset });
}
