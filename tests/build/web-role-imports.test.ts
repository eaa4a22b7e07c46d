import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Packages a web process on Postgres must not load at start (each is loaded where it is used). */
const NOT_AT_START = [
  'exceljs', // workbooks: loaded by the first import or export
  'echarts', // served as a file, never imported
  '@bull-board/api',
  '@bull-board/koa', // the queue board: loaded by its first visit
  'qrcode', // village posters
  '@electric-sql/pglite', // only without DATABASE_URL
  'pinyin-pro', // triage and household matching run in workers
  'opencc-js',
];

/** What loading `entries` loads through static imports: our files and the packages they name. */
function staticGraph(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package -> the file that first imports it
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    // Static imports and re-exports that carry a value (`import type` loads nothing).
    for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[2]!;
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(target)) todo.push(target);
      } else if (!spec.startsWith('node:')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, relative('.', file));
      }
    }
  }
  return { files, packages };
}

describe("the web role's start-up", () => {
  it('imports none of the heavy packages it does not need until they are used', () => {
    const { files, packages } = staticGraph(['src/main.ts', 'src/cli.ts', 'src/wiring/web.ts']);
    expect(files.size).toBeGreaterThan(100); // the walk found the app (a broken walk would pass vacuously)
    expect(packages.has('koa') && packages.has('bullmq')).toBe(true);
    const loaded = NOT_AT_START.filter((p) => packages.has(p)).map((p) => `${p} (imported by ${packages.get(p)})`);
    expect(loaded).toEqual([]);
  });

  it("loads the console's pages, reports and stores with its first request, not at start", () => {
    const { files } = staticGraph(['src/main.ts', 'src/cli.ts', 'src/wiring/web.ts']);
    const console = ['handlers/console.ts', 'src/wiring/console-wiring.ts', 'src/wiring/console-routes.ts'];
    expect(console.filter((f) => files.has(f))).toEqual([]);
    expect(staticGraph(['src/wiring/console-routes.ts']).files.has('handlers/console.ts')).toBe(true);
  });
});
