import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileSource } from '../domain/import/table.js';
import { AppError } from './app-error.js';

export interface Upload {
  fields: Record<string, string>;
  /** `field`: the form field the file came in. */
  file?: { name: string; data: Buffer; field: string };
}

/** An upload whose file went to a temporary file as it arrived: read it (as often as needed) with `open`. */
export interface SpooledUpload {
  fields: Record<string, string>;
  file?: FileSource & { field: string };
}

/**
 * Reads a multipart/form-data body with one file, refusing more than `limit` bytes; `keep` takes the
 * file's bytes as they arrive and gives what the upload holds of it.
 */
async function receive<F>(
  req: IncomingMessage,
  limit: number,
  keep: (stream: Readable, name: string, field: string) => Promise<F>,
): Promise<{ fields: Record<string, string>; file?: F }> {
  // Loaded with the first upload: a web process that is only sent callbacks never needs it.
  const { default: busboy } = await import('busboy');
  return new Promise((resolve, reject) => {
    let bb: ReturnType<typeof busboy>;
    try {
      // Browsers send the file name in UTF-8; busboy's default (latin1) would turn 农户.csv into mojibake.
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024 },
      });
    } catch {
      return reject(new AppError(400, 'bad_upload', '请用表单上传文件（multipart/form-data）'));
    }
    const fields: Record<string, string> = {};
    let file: Promise<F | undefined> = Promise.resolve(undefined);
    let tooLarge = false;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      stream.on('limit', () => {
        tooLarge = true;
      });
      if (!info.filename) return stream.resume();
      file = keep(stream, info.filename, field);
      file.catch(() => undefined); // a form cut short rejects below, by 'error'; this must not go unheard
    });
    bb.on('error', () => reject(new AppError(400, 'bad_upload', '上传的表单不完整')));
    bb.on('close', () => {
      file.then((f) => {
        if (tooLarge) reject(new AppError(413, 'too_large', `文件超过 ${Math.round(limit / 1048576)} MB`));
        else resolve(f === undefined ? { fields } : { fields, file: f });
      }, reject);
    });
    req.pipe(bb);
  });
}

/** Reads a multipart/form-data body with one file into memory (small files: media, a results sheet). */
export function readUpload(req: IncomingMessage, limit: number): Promise<Upload> {
  return receive(req, limit, async (stream, name, field) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name, data: Buffer.concat(chunks), field };
  });
}

/**
 * Reads a multipart/form-data body with one file into a temporary file, not memory (a county's roll may
 * be 20 MB), hands it to `use`, and deletes it once `use` is done, whatever happened.
 */
export async function withSpooledUpload<T>(
  req: IncomingMessage,
  limit: number,
  use: (upload: SpooledUpload) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'upload-'));
  try {
    const upload = await receive(req, limit, async (stream, name, field) => {
      const path = join(dir, 'file');
      await pipeline(stream, createWriteStream(path));
      return { name, field, open: () => createReadStream(path) };
    });
    return await use(upload);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
