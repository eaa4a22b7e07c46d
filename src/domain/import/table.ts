/** A CSV's text encoding (src/files/decode-text.ts reads both). */
export type TextEncoding = 'utf-8' | 'gb18030';

/** A data row with its line number in the file (the header is line 1; a quoted field may span lines). */
export interface TableRow {
  row: number;
  cells: string[];
}

/** A file's first sheet or a CSV, as strings (read by src/files/read-table.ts). */
export interface Table {
  headers: string[];
  rows: TableRow[];
  /** How the file was read: a CSV's text encoding, or xlsx. */
  encoding?: TextEncoding | 'xlsx';
}

/**
 * A table read as the file streams: the header row at once, the data rows as they are read (once). A Table
 * is one too, so an import takes either.
 */
export interface TableStream {
  headers: string[];
  rows: Iterable<TableRow> | AsyncIterable<TableRow>;
  encoding?: Table['encoding'];
}

/** A file to read as a stream of bytes, from the start each time `open` is called (a path, or bytes in hand). */
export interface FileSource {
  name: string;
  open(): AsyncIterable<Uint8Array>;
}
