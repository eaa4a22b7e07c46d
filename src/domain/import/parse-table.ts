import type { z } from 'zod';
import { COLUMNS, normalizeHeader, ROW_SCHEMAS, type ImportKind } from './import-schemas.js';
import { HISTORY_COLUMNS, HistoryRow } from './national-history.js';
import type { TableRow } from './table.js';

export interface RowError {
  row: number;
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  rows: number;
  written: number;
  errors: RowError[];
}

export type Parsed<T> = { row: number; value: T };

const REQUIRED: Record<ImportKind, string[]> = {
  households: ['household_id', 'head_name', 'status'],
  members: ['household_id', 'name', 'relation', 'labour'],
  cadres: ['userid', 'name', 'role'],
  links: ['kind', 'target', 'cadre_userid'],
};

/** Where each field's column is in a file, by its headers; or the required columns it lacks. */
export type Columns = { index: Record<string, number> } | { missing: string[] };

export function mapColumns(kind: ImportKind, headers: string[]): Columns {
  const normalized = headers.map(normalizeHeader);
  const index: Record<string, number> = {};
  // A households file may carry the national layout's case-history columns too.
  const fields = kind === 'households' ? { ...COLUMNS[kind], ...HISTORY_COLUMNS } : COLUMNS[kind];
  for (const [field, aliases] of Object.entries(fields)) {
    const i = normalized.findIndex((h) => aliases.some((a) => normalizeHeader(a) === h));
    if (i >= 0) index[field] = i;
  }
  const missing = REQUIRED[kind].filter((f) => index[f] === undefined).map((f) => COLUMNS[kind][f]![1]!);
  return missing.length ? { missing } : { index };
}

const HISTORY_FIELDS = Object.keys(HISTORY_COLUMNS);

/**
 * A households row's case history. A file without any of the national layout's columns carries none:
 * null, what its all-empty cells would parse to, without parsing 19 empty fields on every row.
 */
function historyOf(index: Record<string, number>, input: (fields: object) => Record<string, string>) {
  if (!HISTORY_FIELDS.some((f) => index[f] !== undefined)) return { data: null, error: undefined };
  return HistoryRow.safeParse(input(HISTORY_COLUMNS));
}

/** One row validated against its kind's schema: the parsed value, or the row's error (all its problems). */
export function parseRow(
  kind: ImportKind,
  index: Record<string, number>,
  { row, cells }: TableRow,
): { parsed: Parsed<unknown> } | { error: RowError } {
  const input = (fields: object) =>
    Object.fromEntries(Object.keys(fields).map((f) => [f, cells[index[f] ?? -1] ?? '']));
  const result = (ROW_SCHEMAS[kind] as z.ZodType).safeParse(input(COLUMNS[kind]));
  const history = kind === 'households' ? historyOf(index, input) : undefined;
  const issues = [...(result.error?.issues ?? []), ...(history?.error?.issues ?? [])];
  if (issues.length) return { error: { row, reason: issues.map((i) => i.message).join('；') } };
  return { parsed: { row, value: history ? { ...(result.data as object), history: history.data } : result.data } };
}

/** Keeps the first row for each key; later ones become errors (a file must not contradict itself). */
export function firstByKey<T>(
  rows: Parsed<T>[],
  key: (v: T) => string | null,
  label: string,
  errors: RowError[],
  /** The keys of earlier rows (by row number), when a file comes in batches. */
  seen = new Map<string, number>(),
): Parsed<T>[] {
  return rows.filter(({ row, value }) => {
    const k = key(value);
    if (k === null) return true;
    const first = seen.get(k);
    if (first !== undefined) {
      errors.push({ row, reason: `${label}“${k}”与第${first}行重复` });
      return false;
    }
    seen.set(k, row);
    return true;
  });
}

/** The birth date an ID number carries (digits 7-14). */
export const birthDateOf = (idNumber: string) =>
  `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
