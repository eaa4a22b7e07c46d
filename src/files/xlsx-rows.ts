import type { SharedStrings } from './shared-strings.js';

/** What a sheet's cells need from its workbook: the shared strings, and which styles show dates. */
export interface SheetContext {
  strings: SharedStrings;
  /** The number format of a cell style (the `s` attribute), if it has one. */
  numFmt(style: number): string | undefined;
  /** The workbook counts days from 1904 (old Mac Excel), not 1900. */
  date1904: boolean;
}

/** A sheet row: its number, and its cells' values by column (1-based, with holes where a cell is empty). */
export interface SheetRow {
  number: number;
  values: unknown[];
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const ROW_START = /<row[\s/>]/;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
/** The attributes read, compiled once (XML allows either quote). */
const ATTRS = { r: /\br=(?:"([^"]*)"|'([^']*)')/, t: /\bt=(?:"([^"]*)"|'([^']*)')/, s: /\bs=(?:"([^"]*)"|'([^']*)')/ };
const attr = (attrs: string, name: keyof typeof ATTRS) => {
  const m = ATTRS[name].exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};
const VALUE = /<v\b[^>]*>([\s\S]*?)<\/v>/;
const FORMULA = /<f\b/;
const TEXT_RUN = /<t\b[^>]*>([\s\S]*?)<\/t>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text as it reads: entities and character references decoded. */
export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) =>
    name[0] !== '#'
      ? (ENTITIES[name] ?? whole)
      : String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))),
  );
}

/** A copy that holds nothing else: a slice of a long chunk would keep the whole chunk alive with it. */
const own = (s: string) => (s.length > 12 ? Buffer.from(s, 'utf8').toString('utf8') : s);

/** Whether a number format shows a date or time (what exceljs's reader counts as one). */
const isDateFormat = (fmt: string | undefined) =>
  !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** "BC12" → 55. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

/** A cell's value as exceljs's reader gives it (shared strings looked up, dates by their number format). */
function cellValue(attrs: string, body: string, sheet: SheetContext): unknown {
  const type = attr(attrs, 't');
  const v = VALUE.exec(body)?.[1];
  if (FORMULA.test(body)) {
    if (v === undefined) return { formula: true };
    return { result: type === 'str' ? own(xmlText(v)) : parseFloat(v) };
  }
  if (type === 'inlineStr') {
    const runs = [...body.matchAll(TEXT_RUN)].map((m) => m[1]!);
    return runs.length ? own(xmlText(runs.join(''))) : undefined;
  }
  if (v === undefined) return undefined;
  switch (type) {
    case 's':
      return sheet.strings.get(parseInt(v, 10));
    case 'str':
      return own(xmlText(v));
    case 'b':
      return parseInt(v, 10) !== 0;
    case 'e':
      return { error: v };
  }
  const style = Number(attr(attrs, 's') ?? 0);
  const n = parseFloat(v);
  if (style && isDateFormat(sheet.numFmt(style)))
    return new Date(Math.round((n - 25569 + (sheet.date1904 ? 1462 : 0)) * 86_400_000));
  return n;
}

function parseRow(attrs: string, body: string, previous: number, sheet: SheetContext): SheetRow {
  const number = Number(attr(attrs, 'r') ?? previous + 1);
  const values: unknown[] = [];
  let column = 0;
  for (const [, cellAttrs = '', cellBody = ''] of body.matchAll(CELL)) {
    const ref = attr(cellAttrs, 'r');
    column = ref ? columnOf(ref) : column + 1;
    const value = cellValue(cellAttrs, cellBody, sheet);
    if (value !== undefined && value !== null) values[column] = value;
  }
  return { number, values };
}

/**
 * A worksheet's rows as its XML streams in, one chunk of text at a time: no parser objects per tag and
 * no cell objects, only each row's values (a 100,000-row sheet read through exceljs's Row and Cell
 * objects made most of an import's garbage). Rows are read only once their closing tag has arrived.
 */
export async function* sheetRows(xml: AsyncIterable<Uint8Array>, sheet: SheetContext): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let previous = 0;
  const complete = function* (text: string, final: boolean) {
    const end = final ? text.length : text.lastIndexOf('</row>') + '</row>'.length;
    if (end < '</row>'.length && !final) return text;
    const rows = new RegExp(ROW); // its own lastIndex: two sheets may be read at once (two uploads)
    let consumed = 0;
    for (let m = rows.exec(text); m && m.index + m[0].length <= end; m = rows.exec(text)) {
      const row = parseRow(m[1] ?? '', m[2] ?? '', previous, sheet);
      previous = row.number;
      consumed = m.index + m[0].length;
      yield row;
    }
    // A row begun and never closed: a sheet cut off or broken, which must not pass as a shorter one.
    if (final && ROW_START.test(text.slice(consumed))) throw new Error(`sheet XML broken after row ${previous}`);
    return final ? '' : text.slice(consumed);
  };
  for await (const chunk of xml) pending = yield* complete(pending + decoder.decode(chunk, { stream: true }), false);
  yield* complete(pending + decoder.decode(), true);
}
