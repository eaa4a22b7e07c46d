import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface Table {
  headers: string[];
  /** Data rows with their row number in the file (the header is row 1). */
  rows: Array<{ row: number; cells: string[] }>;
}

/** Reads the first sheet of an .xlsx or a UTF-8 CSV (with or without BOM) into strings. */
export async function readTable(fileName: string, data: Buffer): Promise<Table> {
  return /\.xlsx$/i.test(fileName) ? readXlsx(data) : readCsv(data.toString('utf8'));
}

export function readCsv(text: string): Table {
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  const [headers = [], ...body] = records;
  return {
    headers,
    rows: body.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== '')),
  };
}

async function readXlsx(data: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const table: Table = { headers: [], rows: [] };
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
