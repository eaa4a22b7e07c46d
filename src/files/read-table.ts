import { createReadStream } from 'node:fs';
import type { ImportSheet, TableReader } from '../domain/ports/county-import.js';
import type { FileSource, Table } from '../domain/import/table.js';
import { AppError } from '../http/app-error.js';
import { csvStream } from './read-csv.js';
import { detectEncoding, fileHead } from './decode-text.js';
import { xlsxSheets } from './read-xlsx.js';

export type { Table };
export { readCsv } from './read-csv.js';

const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;
const isOldExcel = (d: Uint8Array) => d[0] === 0xd0 && d[1] === 0xcf && d[2] === 0x11 && d[3] === 0xe0;

/** Bytes already in hand (an upload, a test's workbook) as a file to stream. */
export const bytesSource = (name: string, data: Uint8Array): FileSource => ({
  name,
  open: async function* () {
    yield data;
  },
});

/** A file on disk, read from the start each time it is opened (never held whole). */
export const pathSource = (path: string, name = path): FileSource => ({ name, open: () => createReadStream(path) });

/**
 * The sheets of a file an import reads, as the file streams: an .xlsx's first sheet and (for `.xlsx`
 * names) its 家庭成员 sheet, or a CSV in UTF-8 (with or without BOM) or GB18030/GBK (detected, or as
 * `charset` names it). What the bytes are decides, not the file name; a file that is neither gets a
 * Chinese error before anything is read.
 */
export async function* importSheets(file: FileSource, charset?: string): AsyncGenerator<ImportSheet> {
  const head = await fileHead(file, 4);
  if (isOldExcel(head))
    throw new AppError(
      400,
      'unreadable_file',
      '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。',
    );
  if (isZip(head)) return yield* xlsxSheets(file, /\.xlsx$/i.test(file.name));
  if (/\.xlsx$/i.test(file.name))
    throw new AppError(
      400,
      'unreadable_file',
      `“${file.name}”不是有效的 .xlsx 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。`,
    );
  yield { role: 'first', table: await csvStream(file, await detectEncoding(file, charset)) };
}

/** A whole file's first sheet, or a CSV, read into memory (small files: a campaign's results sheet, tests). */
export async function readTable(fileName: string, data: Buffer, charset?: string): Promise<Table> {
  for await (const { role, table } of importSheets(bytesSource(fileName, data), charset)) {
    if (role !== 'first') continue;
    const rows = [];
    for await (const row of table.rows) rows.push(row);
    return { headers: table.headers, rows, ...(table.encoding ? { encoding: table.encoding } : {}) };
  }
  return { headers: [], rows: [] };
}

/** The TableReader port: uploads and CLI files read by the functions above. */
export const tableReader: TableReader = { read: readTable, sheets: importSheets };
