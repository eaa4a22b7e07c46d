import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from './app-error.js';

export interface Upload {
  fields: Record<string, string>;
  /** `field`: the form field the file came in. */
  file?: { name: string; data: Buffer; field: string };
}

/** Reads a multipart/form-data body with one file, refusing more than `limit` bytes. */
export function readUpload(req: IncomingMessage, limit: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
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
    const out: Upload = { fields: {} };
    let tooLarge = false;
    bb.on('field', (name, value) => {
      out.fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        if (info.filename) out.file = { name: info.filename, data: Buffer.concat(chunks), field };
      });
    });
    bb.on('error', () => reject(new AppError(400, 'bad_upload', '上传的表单不完整')));
    bb.on('close', () =>
      tooLarge ? reject(new AppError(413, 'too_large', `文件超过 ${Math.round(limit / 1048576)} MB`)) : resolve(out),
    );
    req.pipe(bb);
  });
}
