// `npm run build`: compiles the service to dist/ with tsc (tsconfig.build.json) and copies what it reads at
// run time beside the code (the SQL migrations). `--if-stale` (what `npm start` runs first) builds only
// when dist/ is missing or older than a source, so a checkout, a pull or an edit is never run stale.
// Plain JavaScript on purpose: it runs before anything is compiled, without tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');
const SOURCES = ['src', 'handlers', 'jobs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Files read at run time from next to the compiled code (import.meta.url), copied as they are. */
const ASSETS = ['src/store/migrations'];

function newest(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A deleted file changes its directory's mtime: count directories too.
  return readdirSync(full).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

export function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error('构建需要 TypeScript（devDependencies）：请先运行 npm ci。 / building needs typescript: run npm ci first.');
    process.exit(1);
  }
  const started = Date.now();
  rmSync(STAMP, { force: true });
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('构建失败（见上面 tsc 的错误）。 / build failed (tsc errors above).');
    process.exit(run.status ?? 1);
  }
  for (const asset of ASSETS) {
    rmSync(join(DIST, asset), { recursive: true, force: true });
    cpSync(join(ROOT, asset), join(DIST, asset), { recursive: true });
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  console.error(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv.includes('--if-stale') || isStale()) build();
}
