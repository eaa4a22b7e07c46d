import type ExcelJS from 'exceljs';
import { localParts } from '../domain/local-time.js';

/** exceljs on first use: its ~25 MB stay out of a process that never reads or writes a workbook. */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** A new, empty workbook (exceljs loaded on first use). */
export const newWorkbook = async (): Promise<ExcelJS.Workbook> => new (await loadExcelJS()).Workbook();

export interface SheetColumn {
  header: string;
  key: string;
  width: number;
  /** date: a real Excel date-time; number: a number (with numFmt, e.g. '0.0%'); text by default. */
  type?: 'date' | 'day' | 'number';
  numFmt?: string;
}

/**
 * A worksheet people open in Excel: bold header row frozen, an autofilter over the columns, widths set,
 * dates as dates (local wall-clock time, as Excel has no time zones) and numbers as numbers.
 */
export function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn[],
  rows: Array<Record<string, unknown>>,
  timeZone: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style:
      c.numFmt || c.type === 'date' || c.type === 'day'
        ? { numFmt: c.numFmt ?? (c.type === 'day' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm') }
        : {},
  }));
  const local = (d: Date) => {
    const p = localParts(d, timeZone);
    return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
  };
  ws.addRows(
    rows.map((r) =>
      Object.fromEntries(
        columns.map((c) => {
          const v = r[c.key];
          return [c.key, v instanceof Date ? local(v) : v === undefined ? null : v];
        }),
      ),
    ),
  );
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}
