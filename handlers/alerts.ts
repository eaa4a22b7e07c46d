import type Router from '@koa/router';
import { AppError } from '../src/http/app-error.js';
import { readRawBytes } from '../src/http/read-body.js';
import { alertRows } from '../src/files/alert-rows.js';
import { decodeText, type TextEncoding } from '../src/files/decode-text.js';
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

/** POST /api/v1/alerts (JSON {alerts:[…]} or text/csv) with a department key; GET /api/v1/openapi.json. */
export function alertRoutes(router: Router, deps: AlertsDeps): void {
  const { departmentOfKey, submit, rateLimit, bodyLimit = 64 * 1024 * 1024 } = deps;
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
    const { rows, rowNumber } = alertRows(text, Boolean(ctx.is('text/csv')));
    ctx.body = { ...(await submit(department, rows, rowNumber)), encoding: encoding satisfies TextEncoding };
  });
}
