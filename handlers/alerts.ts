import type Router from '@koa/router';
import { AppError } from '../src/http/app-error.js';
import { readRawBytes } from '../src/http/read-body.js';
import { decodeText, type TextEncoding } from '../src/files/decode-text.js';
import { readCsv } from '../src/files/read-table.js';
import type { SubmitResult } from '../src/domain/use-cases/submit-alerts.js';
import { OPENAPI } from '../src/http/alerts-openapi.js';

export interface AlertsDeps {
  departmentOfKey(key: string): Promise<string | null>;
  submit(department: string, rows: unknown[], rowNumber?: (i: number) => number): Promise<SubmitResult>;
  /** Default 64 MB: room for 100,000 rows. */
  bodyLimit?: number;
  /** Counts one request for a key; refused ones get 429 with Retry-After. Absent, no limit. */
  rateLimit?(key: string): Promise<{ ok: true } | { ok: false; retryAfterS: number }>;
}

const MAX_ROWS = 100_000;

/** POST /api/v1/alerts (JSON {alerts:[…]} or text/csv) with a department key; GET /api/v1/openapi.json. */
export function alertRoutes(
  router: Router,
  { departmentOfKey, submit, rateLimit, bodyLimit = 64 * 1024 * 1024 }: AlertsDeps,
): void {
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = OPENAPI;
  });
  router.post('/api/v1/alerts', async (ctx) => {
    const key = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    const department = key ? await departmentOfKey(key) : null;
    if (!department) throw new AppError(401, 'unauthorized', '缺少或无效的部门密钥（Authorization: Bearer <key>）');
    const allowed = (await rateLimit?.(key!)) ?? { ok: true };
    if (!allowed.ok) {
      ctx.set('retry-after', String(allowed.retryAfterS));
      throw new AppError(429, 'rate_limited', `该部门密钥的请求过于频繁，请您在 ${allowed.retryAfterS} 秒后再试。`);
    }
    // UTF-8 or GBK/GB18030 (what Chinese Excel saves), as `charset` names it or as the bytes show.
    const { text, encoding } = decodeText(await readRawBytes(ctx.req, bodyLimit), ctx.request.charset || undefined);
    const { rows, rowNumber } = ctx.is('text/csv') ? parseCsv(text) : parseJson(text);
    if (rows.length > MAX_ROWS) throw new AppError(413, 'too_many_rows', `一次最多 ${MAX_ROWS} 条`);
    ctx.body = { ...(await submit(department, rows, rowNumber)), encoding: encoding satisfies TextEncoding };
  });
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

/** CSV rows as objects by header; a row's number is its line in the file (a quoted field may span lines). */
function parseCsv(body: string): { rows: unknown[]; rowNumber: (i: number) => number } {
  const { headers, rows } = readCsv(body);
  return {
    rows: rows.map(({ cells }) => Object.fromEntries(cells.slice(0, headers.length).map((c, i) => [headers[i], c]))),
    rowNumber: (i) => rows[i]!.row,
  };
}
