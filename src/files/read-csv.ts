import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { FileSource, Table, TableRow, TableStream, TextEncoding } from '../domain/import/table.js';
import { AppError } from '../http/app-error.js';

/** How csv-parse reads our files: every line a record (blank ones counted), ragged rows allowed. */
const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true, raw: true } as const;

type CsvRecord = { record: string[]; raw: string };

/** Line breaks in a piece of the file (CRLF counts once). */
const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * Records as table rows: the first is the header; blank records are skipped but their lines counted, so a
 * row's number is the line where it starts in the file.
 */
async function* numbered(records: AsyncIterable<CsvRecord> | Iterable<CsvRecord>, headers: (h: string[]) => void) {
  let line = 1;
  let first = true;
  for await (const { record, raw } of records) {
    if (first) headers(record);
    else if (record.some((c) => c !== '')) yield { row: line, cells: record } satisfies TableRow;
    first = false;
    line += lineBreaks(raw);
  }
}

/** A CSV held as text (a request body, a test's string), read at once. */
export function readCsv(text: string): Table {
  let records: CsvRecord[];
  try {
    records = parseSync(text, OPTIONS) as unknown as CsvRecord[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw csvError(err, 1 + lineBreaks(Buffer.from(text).subarray(0, bytesOf(err)).toString()));
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

/** The file's text, decoded as it streams (its encoding was checked before: see detectEncoding). */
async function* decoded(file: FileSource, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  for await (const chunk of file.open()) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * A CSV file as it streams: the header row, then each data row as csv-parse reads it (never the whole
 * file or all its rows at once). A malformed file fails while its rows are read, naming the line.
 */
export async function csvStream(file: FileSource, encoding: TextEncoding): Promise<TableStream> {
  const parser = parse(OPTIONS);
  // An error on either side reaches the reader of `parser` below; the pipeline's own promise is not needed.
  pipeline(Readable.from(decoded(file, encoding)), parser).catch(() => undefined);
  let headers: string[] = [];
  const rows = (async function* () {
    try {
      yield* numbered(parser as AsyncIterable<CsvRecord>, (h) => {
        headers = h;
      });
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      throw csvError(err, await lineAtByte(file, encoding, bytesOf(err)));
    }
  })();
  // Read up to the first data row, so that the headers are known (and an early error thrown) before the import.
  const first = await rows.next();
  return {
    headers,
    encoding,
    rows: (async function* () {
      if (!first.done) yield first.value;
      yield* rows;
    })(),
  };
}

const bytesOf = (err: CsvError) => (err as unknown as { bytes?: number }).bytes ?? 0;

/** The line a byte offset of the text (as UTF-8, which csv-parse counts in) is on, reading the file again. */
async function lineAtByte(file: FileSource, encoding: TextEncoding, bytes: number): Promise<number> {
  let line = 1;
  let seen = 0;
  let endsWithCr = false;
  for await (const text of decoded(file, encoding)) {
    const chunk = Buffer.from(text);
    const piece = seen + chunk.length > bytes ? chunk.subarray(0, bytes - seen).toString() : text;
    line += lineBreaks(piece) - (endsWithCr && piece.startsWith('\n') ? 1 : 0); // a CRLF split over two pieces
    endsWithCr = piece.endsWith('\r');
    seen += chunk.length;
    if (seen >= bytes) break;
  }
  return line;
}

const CSV_PROBLEM: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
  INVALID_OPENING_QUOTE: '字段中间出现了引号（含引号的字段须整个用引号括起，内部引号写两遍）',
  CSV_INVALID_CLOSING_QUOTE: '闭合引号后紧跟了其他字符',
};

/** csv-parse's English error as a Chinese sentence naming the line where reading stopped. */
function csvError(err: CsvError, line: number): AppError {
  const problem = CSV_PROBLEM[err.code] ?? '格式无法识别';
  return new AppError(400, 'bad_csv', `CSV 格式错误：第${line}行附近${problem}。`, { cause: err });
}
