import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes pages of rows to DIR/NAME.jsonl.gz, one JSON object a line, page by page (a month of a
 * province's inbox does not fit in memory). Written under a temporary name and renamed at the end, so
 * a file with the final name is always complete.
 */
export async function writeJsonLinesGz(
  dir: string,
  name: string,
  pages: AsyncIterable<object[]>,
): Promise<{ path: string; rows: number }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.jsonl.gz`);
  let rows = 0;
  async function* lines() {
    for await (const page of pages) {
      rows += page.length;
      yield page.map((r) => `${JSON.stringify(r)}\n`).join('');
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(`${path}.partial`));
  await rename(`${path}.partial`, path);
  return { path, rows };
}
