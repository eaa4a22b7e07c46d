import type { z } from 'zod';
import { COLUMNS, normalizeHeader, ROW_SCHEMAS, type ImportKind } from './import-schemas.js';
import type { Table } from './table.js';

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

function mapColumns(kind: ImportKind, headers: string[]): { index: Record<string, number> } | { missing: string[] } {
  const normalized = headers.map(normalizeHeader);
  const index: Record<string, number> = {};
  for (const [field, aliases] of Object.entries(COLUMNS[kind])) {
    const i = normalized.findIndex((h) => aliases.some((a) => normalizeHeader(a) === h));
    if (i >= 0) index[field] = i;
  }
  const missing = REQUIRED[kind].filter((f) => index[f] === undefined).map((f) => COLUMNS[kind][f]![1]!);
  return missing.length ? { missing } : { index };
}

/**
 * Maps the headers onto the kind's columns and validates every row: the good rows parsed, the bad ones as
 * errors by row number; or the columns the file lacks.
 */
export function parseTable(
  kind: ImportKind,
  table: Table,
): { missing: string[] } | { parsed: Parsed<unknown>[]; errors: RowError[] } {
  const columns = mapColumns(kind, table.headers);
  if ('missing' in columns) return columns;
  const errors: RowError[] = [];
  const parsed: Parsed<unknown>[] = [];
  for (const { row, cells } of table.rows) {
    const input = Object.fromEntries(Object.keys(COLUMNS[kind]).map((f) => [f, cells[columns.index[f] ?? -1] ?? '']));
    const result = (ROW_SCHEMAS[kind] as z.ZodType).safeParse(input);
    if (result.success) parsed.push({ row, value: result.data });
    else errors.push({ row, reason: result.error.issues.map((i) => i.message).join('；') });
  }
  return { parsed, errors };
}

/** Keeps the first row for each key; later ones become errors (a file must not contradict itself). */
export function firstByKey<T>(
  rows: Parsed<T>[],
  key: (v: T) => string | null,
  label: string,
  errors: RowError[],
): Parsed<T>[] {
  const seen = new Map<string, number>();
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
