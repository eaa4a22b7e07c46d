import type Router from '@koa/router';
import { parse } from 'csv-parse/sync';
import { AppError } from '../src/http/app-error.js';
import { readRawBody } from '../src/http/read-body.js';
import type { SubmitResult } from '../src/domain/use-cases/submit-alerts.js';
import { OPENAPI } from '../src/http/alerts-openapi.js';

export interface AlertsDeps {
  departmentOfKey(key: string): Promise<string | null>;
  submit(department: string, rows: unknown[], rowNumber?: (i: number) => number): Promise<SubmitResult>;
  /** Default 64 MB: room for 100,000 rows. */
  bodyLimit?: number;
}

const MAX_ROWS = 100_000;

/** POST /api/v1/alerts (JSON {alerts:[…]} or text/csv) with a department key; GET /api/v1/openapi.json. */
export function alertRoutes(
  router: Router,
  { departmentOfKey, submit, bodyLimit = 64 * 1024 * 1024 }: AlertsDeps,
): void {
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = OPENAPI;
  });
  router.post('/api/v1/alerts', async (ctx) => {
    const key = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    const department = key ? await departmentOfKey(key) : null;
    if (!department) throw new AppError(401, 'unauthorized', '缺少或无效的部门密钥（Authorization: Bearer <key>）');
    const body = await readRawBody(ctx.req, bodyLimit);
    const { rows, rowNumber } = ctx.is('text/csv') ? parseCsv(body) : parseJson(body);
    if (rows.length > MAX_ROWS) throw new AppError(413, 'too_many_rows', `一次最多 ${MAX_ROWS} 条`);
    ctx.body = await submit(department, rows, rowNumber);
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

function parseCsv(body: string): { rows: unknown[]; rowNumber: (i: number) => number } {
  try {
    const rows: Record<string, string>[] = parse(body, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
    return { rows, rowNumber: (i) => i + 2 }; // row 1 is the header
  } catch (err) {
    throw new AppError(400, 'bad_csv', `CSV 格式错误：${(err as Error).message}`);
  }
}
