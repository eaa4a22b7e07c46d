import { AppError } from '../http/app-error.js';
import { readCsv } from './read-table.js';

/** At most this many rows a request (413 past it). */
const MAX_ROWS = 100_000;

/** The rows of an alerts upload: JSON {alerts:[…]}, or CSV rows as objects by header. */
export function alertRows(body: string, csv: boolean): { rows: unknown[]; rowNumber?: (i: number) => number } {
  const out = csv ? parseCsv(body) : parseJson(body);
  if (out.rows.length > MAX_ROWS) throw new AppError(413, 'too_many_rows', `一次最多 ${MAX_ROWS} 条`);
  return out;
}

function parseJson(body: string): { rows: unknown[]; rowNumber?: undefined } {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new AppError(400, 'bad_json', '请求体不是有效的 JSON');
  }
  const alerts = (doc as { alerts?: unknown })?.alerts;
  if (!Array.isArray(alerts)) throw new AppError(400, 'bad_json', '请求体须为 {"alerts": [...]}');
  return { rows: alerts };
}

/** A row's number is its line in the file (a quoted field may span lines). */
function parseCsv(body: string): { rows: unknown[]; rowNumber: (i: number) => number } {
  const { headers, rows } = readCsv(body);
  return {
    rows: rows.map(({ cells }) => Object.fromEntries(cells.slice(0, headers.length).map((c, i) => [headers[i], c]))),
    rowNumber: (i) => rows[i]!.row,
  };
}
