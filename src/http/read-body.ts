import type { IncomingMessage } from 'node:http';
import { AppError } from './app-error.js';

/** Reads the raw body, refusing more than `limit` bytes with 413 before buffering it all. */
export async function readRawBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw new AppError(413, 'too_large', `请求体超过 ${limit} 字节`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new AppError(413, 'too_large', `请求体超过 ${limit} 字节`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads the raw body as UTF-8 (see readRawBytes for the limit). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<string> {
  const buf = await readRawBytes(req, limit);
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return text.decode(buf);
  } catch {
    throw new AppError(400, 'bad_encoding', '请求体不是有效的 UTF-8');
  }
}
