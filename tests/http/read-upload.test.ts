import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSource } from '../../src/domain/import/table.js';
import { AppError } from '../../src/http/app-error.js';
import { withSpooledUpload } from '../../src/http/read-upload.js';

const text = async (file: FileSource) => {
  const chunks: Uint8Array[] = [];
  for await (const c of file.open()) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
};

describe('withSpooledUpload', () => {
  let server: Server;
  let url: string;
  /** What the last request's `use` saw, and whether its file could still be read afterwards. */
  let seen: { fields: Record<string, string>; name?: string; first?: string; again?: string; after?: string };
  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      try {
        let file: FileSource | undefined;
        await withSpooledUpload(req, 1024, async (upload) => {
          file = upload.file;
          seen = { fields: upload.fields, name: file?.name };
          if (file) [seen.first, seen.again] = [await text(file), await text(file)];
        });
        seen.after = file ? await text(file).catch((err: NodeJS.ErrnoException) => err.code) : undefined;
        res.end('ok');
      } catch (err) {
        res.statusCode = err instanceof AppError ? err.status : 500;
        res.end(err instanceof Error ? err.message : 'error');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (form: FormData) => fetch(url, { method: 'POST', body: form });

  it('hands the file over from disk, readable more than once, and deletes it afterwards', async () => {
    const form = new FormData();
    form.set('kind', 'households');
    form.set('file', new Blob(['户编号,户主姓名\nH1,张三\n']), '农户.csv');
    expect((await post(form)).status).toBe(200);
    expect(seen).toEqual({
      fields: { kind: 'households' },
      name: '农户.csv',
      first: '户编号,户主姓名\nH1,张三\n',
      again: '户编号,户主姓名\nH1,张三\n',
      after: 'ENOENT',
    });
  });

  it('gives no file for a form sent without one', async () => {
    const form = new FormData();
    form.set('kind', 'members');
    expect((await post(form)).status).toBe(200);
    expect(seen).toEqual({ fields: { kind: 'members' }, name: undefined });
  });

  it('refuses a file over the limit with 413, in Chinese, before it is used', async () => {
    seen = { fields: {} };
    const form = new FormData();
    form.set('file', new Blob(['x'.repeat(2048)]), 'big.csv');
    const res = await post(form);
    expect([res.status, await res.text()]).toEqual([413, '文件超过 0 MB']);
    expect(seen).toEqual({ fields: {} });
  });
});
