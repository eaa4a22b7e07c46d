import { normalizeHeader } from '../import/import-schemas.js';
import type { RowError } from '../import/parse-table.js';
import type { Table } from '../import/table.js';
import { readScreeningAnswer, type ScreeningAnswer } from './campaign.js';

/** The results workbook's columns (the template has them all; an upload needs 户编号 and 排查结果). */
export const RESULT_COLUMNS = {
  householdId: ['户编号', '户号', 'household_id'],
  headName: ['户主姓名', '户主'],
  township: ['乡镇', '乡(镇)'],
  village: ['村', '行政村'],
  status: ['户类型'],
  cadre: ['负责干部', '帮扶责任人'],
  result: ['排查结果', '结果', 'result'],
  note: ['情况说明', '发现的情况', '说明', 'note'],
} as const;

const NONE = ['无风险', '无', '无新增风险', '未发现风险', '正常', '没有', '否', 'none'];
const RISK = ['发现风险', '有风险', '有', '风险', '是', 'risk'];

/** What an upload of results did: rows read, written, left as they were, left blank; bad rows by line. */
export interface ScreeningUploadReport {
  rows: number;
  written: number;
  unchanged: number;
  /** Rows with neither a result nor a note: not screened yet, left alone. */
  blank: number;
  /** Found risks reported to triage. */
  reported: number;
  errors: RowError[];
}

export interface ResultRow {
  row: number;
  householdId: string;
  answer: ScreeningAnswer;
}

/**
 * The results sheet's rows: 排查结果 无风险 / 发现风险 (and their usual spellings), 情况说明 what was found
 * (needed for a risk). Each bad row is an error with its line and the reason in a sentence; a household
 * twice in the file keeps its first row.
 */
export function parseResultsTable(
  table: Table,
): { missing: string[] } | { rows: ResultRow[]; errors: RowError[]; blank: number } {
  const headers = table.headers.map(normalizeHeader);
  const col = (aliases: readonly string[]) => headers.findIndex((h) => aliases.some((a) => normalizeHeader(a) === h));
  const at = {
    id: col(RESULT_COLUMNS.householdId),
    result: col(RESULT_COLUMNS.result),
    note: col(RESULT_COLUMNS.note),
  };
  const missing = [at.id < 0 ? '户编号' : '', at.result < 0 ? '排查结果' : ''].filter(Boolean);
  if (missing.length) return { missing };
  const rows: ResultRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  let blank = 0;
  for (const { row, cells } of table.rows) {
    const householdId = (cells[at.id] ?? '').trim();
    const result = (cells[at.result] ?? '').trim().toLowerCase();
    const note = at.note >= 0 ? (cells[at.note] ?? '').trim() : '';
    const fail = (reason: string) => errors.push({ row, reason });
    const take = (answer: ScreeningAnswer) => {
      rows.push({ row, householdId, answer });
      seen.set(householdId, row);
    };
    if (!result && !note) {
      blank++;
      continue;
    }
    if (!householdId) fail('没有填写户编号。');
    else if (seen.has(householdId)) fail(`户编号 ${householdId} 与第${seen.get(householdId)}行重复，只按第一行记录。`);
    else if (NONE.includes(result)) take({ result: 'none', note });
    else if (RISK.includes(result)) {
      if (note && readScreeningAnswer(note).result === 'risk') take({ result: 'risk', note });
      else fail('排查结果为「发现风险」时，请在「情况说明」写明发现的情况（例：孩子辍学，房子漏雨）。');
    } else if (!result) fail('请在「排查结果」填写「无风险」或「发现风险」。');
    else fail(`排查结果「${result}」无法识别，请填写「无风险」或「发现风险」。`);
  }
  return { rows, errors, blank };
}
