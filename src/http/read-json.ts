import type { IncomingMessage } from 'node:http';
import { AppError } from './app-error.js';
import { readRawBody } from './read-body.js';

/** A JSON request body checked by `parse` (a zod schema's safeParse); a Chinese 400 otherwise. */
export async function readJson<T>(
  req: IncomingMessage,
  parse: (
    doc: unknown,
  ) => { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } },
  limit = 16 * 1024,
): Promise<T> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readRawBody(req, limit));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(400, 'bad_json', '请求体不是有效的 JSON。');
  }
  const parsed = parse(doc);
  if (!parsed.success) throw new AppError(400, 'bad_input', parsed.error.issues.map((i) => i.message).join('；'));
  return parsed.data;
}
