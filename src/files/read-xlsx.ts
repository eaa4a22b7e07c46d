import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FileSource, TableRow, TableStream } from '../domain/import/table.js';
import type { ImportSheet } from '../domain/ports/county-import.js';
import { AppError } from '../http/app-error.js';
import { loadExcelJS } from './excel-sheet.js';
import { SharedStrings } from './shared-strings.js';
import { sheetRows, type SheetContext, type SheetRow } from './xlsx-rows.js';

/** Sheet names under which a households workbook carries its members. */
const MEMBER_SHEETS = ['家庭成员', '成员', '家庭成员信息', 'members'];

const unreadable = (cause: unknown) =>
  new AppError(
    400,
    'unreadable_file',
    '文件无法作为 .xlsx 读取（可能已损坏），请在 Excel 中另存为 .xlsx 或 CSV 后再上传。',
    {
      cause,
    },
  );

/**
 * What exceljs's streaming reader knows but does not type: the workbook's sheets, its styles and date
 * system; each sheet's id, and the stream of its XML (which src/files/xlsx-rows.ts reads).
 */
type SheetModel = { id: number; name: string };
type Reader = ExcelJS.stream.xlsx.WorkbookReader & {
  model?: { sheets?: SheetModel[] };
  styles?: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
};
type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { id: number; iterator: AsyncIterable<Uint8Array> };
/** What the reader's parse() yields: a sheet to read, or (sharedStrings: 'emit') one shared string, in order. */
type ParseEvent = { eventType: 'worksheet'; value: SheetReader } | { index: number; text: unknown };

/** A cell as the text an import reads (dates as YYYY-MM-DD, formulas by their result). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText)
      return o.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if (o.text !== undefined) return String(o.text).trim();
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v).trim();
}

/** A sheet's rows as they stream: row 1 is the header; empty rows are skipped; each keeps its number. */
async function sheetStream(rows: AsyncIterator<SheetRow>): Promise<TableStream & { drain(): Promise<void> }> {
  const next = async (): Promise<TableRow | null> => {
    for (;;) {
      const n = await rows.next().catch((err: unknown) => Promise.reject(unreadable(err)));
      if (n.done) return null;
      const cells = n.value.values.slice(1).map(cellText); // values are 1-based
      if (n.value.number === 1 || cells.some((c) => c !== '')) return { row: n.value.number, cells };
    }
  };
  const first = await next();
  const headers = first?.row === 1 ? first.cells : [];
  return {
    headers,
    encoding: 'xlsx',
    rows: (async function* () {
      if (first && first.row !== 1) yield first;
      for (let r = await next(); r; r = await next()) yield r;
    })(),
    // What the import did not read, read to the end: exceljs cleans up a sheet only once it is read.
    drain: async () => {
      while (await next());
    },
  };
}

/**
 * One pass over a workbook file as it streams. `want` picks the role of each sheet from the workbook's
 * sheets in tab order; the sheets it does not want are read past. The shared strings are packed as they
 * stream (see SharedStrings); exceljs spools each sheet to a temporary file until the zip has been read
 * through, so they are all known before a row is.
 */
async function* onePass(
  file: FileSource,
  want: (sheet: SheetReader, sheets: SheetModel[], index: number) => ImportSheet['role'] | null,
): AsyncGenerator<ImportSheet> {
  const ExcelJS = await loadExcelJS();
  const input = Readable.from(file.open());
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'emit',
    styles: 'cache', // number formats: a date cell is read as a date
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as Reader;
  const events = reader.parse() as AsyncIterator<ParseEvent>;
  const strings = new SharedStrings();
  // Asked once a sheet arrives: by then the workbook part and the styles have been read (see above).
  const context = (): SheetContext => ({
    strings,
    numFmt: (style) => reader.styles?.getStyleModel(style)?.numFmt,
    date1904: reader.properties?.model?.date1904 === true,
  });
  let index = 0;
  try {
    for (;;) {
      const n = await events.next().catch((err: unknown) => Promise.reject(unreadable(err)));
      if (n.done) return;
      if (!('eventType' in n.value)) {
        strings.add(cellText(n.value.text));
        continue;
      }
      const sheet = n.value.value;
      const table = await sheetStream(sheetRows(sheet.iterator, context()));
      const role = want(sheet, reader.model?.sheets ?? [], index++);
      if (role) yield { role, table };
      await table.drain();
    }
  } finally {
    input.destroy();
  }
}

/** The members sheet among a workbook's sheets (tab order): not the first, named as MEMBER_SHEETS. */
const membersSheetId = (sheets: SheetModel[]) =>
  sheets.slice(1).find((s) => MEMBER_SHEETS.includes(s.name.trim().toLowerCase()))?.id;

/**
 * The sheets an import reads from an .xlsx as it streams, in the order it needs them: the first sheet (an
 * empty table if there is none), then the members sheet when `members` asks for it. Nothing is held but
 * the shared strings (packed); a file whose members sheet comes first in the zip is read a second time for it.
 */
export async function* xlsxSheets(file: FileSource, members: boolean): AsyncGenerator<ImportSheet> {
  let firstDone = false;
  let membersLater = false;
  for await (const sheet of onePass(file, (s, sheets, index) => {
    const isFirst = sheets.length ? s.id === sheets[0]!.id : index === 0;
    if (isFirst) return 'first';
    if (members && s.id === membersSheetId(sheets)) {
      if (firstDone) return 'members';
      membersLater = true;
    }
    return null;
  })) {
    if (sheet.role === 'first') firstDone = true;
    yield sheet;
  }
  if (!firstDone) yield { role: 'first', table: { headers: [], rows: [], encoding: 'xlsx' } };
  if (membersLater) yield* onePass(file, (s, sheets) => (s.id === membersSheetId(sheets) ? 'members' : null));
}
