/** A CSV's text encoding (src/files/decode-text.ts reads both). */
export type TextEncoding = 'utf-8' | 'gb18030';

/** A file's first sheet or a CSV, as strings (read by src/files/read-table.ts). */
export interface Table {
  headers: string[];
  /** Data rows with their line number in the file (the header is line 1; a quoted field may span lines). */
  rows: Array<{ row: number; cells: string[] }>;
  /** How the file was read: a CSV's text encoding, or xlsx. */
  encoding?: TextEncoding | 'xlsx';
}
