import { CsvError, parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../http/app-error.js';
import type { TableReader } from '../domain/ports/county-import.js';
import type { Table } from '../domain/import/table.js';
import { decodeText } from './decode-text.js';
import { newWorkbook } from './excel-sheet.js';

export type { Table };

const isZip = (d: Buffer) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;
const isOldExcel = (d: Buffer) => d[0] === 0xd0 && d[1] === 0xcf && d[2] === 0x11 && d[3] === 0xe0;

/**
 * Reads the first sheet of an .xlsx, or a CSV in UTF-8 (with or without BOM) or GB18030/GBK (detected, or
 * as `charset` names it), into strings. What the bytes are decides, not the file name; a file that is
 * neither gets a Chinese error.
 */
export async function readTable(fileName: string, data: Buffer, charset?: string): Promise<Table> {
  if (isOldExcel(data))
    throw new AppError(
      400,
      'unreadable_file',
      '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。',
    );
  if (isZip(data)) return readXlsx(data);
  if (/\.xlsx$/i.test(fileName))
    throw new AppError(
      400,
      'unreadable_file',
      `“${fileName}”不是有效的 .xlsx 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。`,
    );
  const { text, encoding } = decodeText(data, charset);
  return { ...readCsv(text), encoding };
}

/** Line breaks in a piece of the file (CRLF counts once). */
const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

export function readCsv(text: string): Table {
  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw csvError(err, text);
  }
  const table: Table = { headers: [], rows: [] };
  let line = 1;
  records.forEach(({ record, raw }, i) => {
    if (i === 0) table.headers = record;
    else if (record.some((c) => c !== '')) table.rows.push({ row: line, cells: record });
    line += lineBreaks(raw);
  });
  return table;
}

const CSV_PROBLEM: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
  INVALID_OPENING_QUOTE: '字段中间出现了引号（含引号的字段须整个用引号括起，内部引号写两遍）',
  CSV_INVALID_CLOSING_QUOTE: '闭合引号后紧跟了其他字符',
};

/** csv-parse's English error as a Chinese sentence naming the line where reading stopped. */
function csvError(err: unknown, text: string): unknown {
  if (!(err instanceof CsvError)) return err;
  const bytes = (err as unknown as { bytes?: number }).bytes ?? 0;
  const line = 1 + lineBreaks(Buffer.from(text).subarray(0, bytes).toString());
  const problem = CSV_PROBLEM[err.code] ?? '格式无法识别';
  return new AppError(400, 'bad_csv', `CSV 格式错误：第${line}行附近${problem}。`, { cause: err });
}

async function readXlsx(data: Buffer): Promise<Table> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError(
      400,
      'unreadable_file',
      '文件无法作为 .xlsx 读取（可能已损坏），请在 Excel 中另存为 .xlsx 或 CSV 后再上传。',
      {
        cause: err,
      },
    );
  }
  return sheetTable(wb.worksheets[0]);
}

/** Sheet names under which a households workbook carries its members. */
const MEMBER_SHEETS = ['家庭成员', '成员', '家庭成员信息', 'members'];

/** The members sheet of a households workbook (.xlsx), or null when it has none. */
export async function readMembersSheet(fileName: string, data: Buffer): Promise<Table | null> {
  if (!/\.xlsx$/i.test(fileName)) return null;
  const wb = await newWorkbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = wb.worksheets.find((w, i) => i > 0 && MEMBER_SHEETS.includes(w.name.trim().toLowerCase()));
  return sheet ? sheetTable(sheet) : null;
}

function sheetTable(sheet: ExcelJS.Worksheet | undefined): Table {
  if (!sheet) return { headers: [], rows: [], encoding: 'xlsx' };
  const table: Table = { headers: [], rows: [], encoding: 'xlsx' };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[]; // 1-based
    const cells = values.slice(1).map(cellText);
    if (rowNumber === 1) table.headers = cells;
    else if (cells.some((c) => c !== '')) table.rows.push({ row: rowNumber, cells });
  });
  return table;
}

function cellText(v: unknown): string {
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

/** The TableReader port: uploads and CLI files read by the functions above. */
export const tableReader: TableReader = { read: readTable, membersSheet: readMembersSheet };
