import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../src/domain/id-card.js';
import { sealMessage } from '../src/wecom/callback-crypto.js';
import { freePort } from '../support/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/test-redis.js';
import { ensureBenchDatabase } from './bench-db.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DATABASE_URL =
  process.env.BENCH_MEMORY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shouwang_bench_memory';
const keys = { token: 'bench-token', aesKey: 'd'.repeat(43), corpId: 'ww-bench' };
const BARE_KOA = `import Koa from 'koa'; import { createServer } from 'node:http';
createServer(new Koa().use((ctx) => { ctx.body = 'ok'; }).callback()).listen(Number(process.env.PORT), '127.0.0.1');`;

/** Resident memory of a process now, and its peak so far (MB), from /proc. */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function until(ok: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (await ok()) return;
  throw new Error(`${what} did not happen in ${ms} ms`);
}

const env = (port: number, prefix: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL,
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'off',
  SWEEP_EVERY_MS: '0',
  RECONCILE_EVERY_MS: '0',
  BULLETIN_CRON: '',
  WECOM_CORP_ID: keys.corpId,
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench',
  WECOM_TOKEN: keys.token,
  WECOM_AES_KEY: keys.aesKey,
});

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** A server's RSS 5 s after it answers, and its highest RSS while `load` runs against it. */
async function serverMemory(args: string[], path: string, callbacks: boolean) {
  const port = await freePort();
  const prefix = testPrefix();
  const child = spawn(process.execPath, args, { env: env(port, prefix), stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}${path}`;
  await until(
    () =>
      fetch(url).then(
        (r) => r.status < 500,
        () => false,
      ),
    60_000,
    `${args.join(' ')} answering`,
  );
  await new Promise((r) => setTimeout(r, 5000));
  const idle = rss(child.pid!).now;
  let peak = idle;
  const sample = setInterval(() => (peak = Math.max(peak, rss(child.pid!).now)), 100);
  const now = Math.floor(Date.now() / 1000);
  let next = 0;
  const result = await autocannon({
    url: callbacks ? `http://127.0.0.1:${port}/wecom/callback` : url,
    connections: 50,
    duration: LOAD_SECONDS,
    ...(callbacks
      ? {
          requests: [
            {
              method: 'POST' as const,
              setupRequest: (req: object) => {
                const i = next++;
                const xml = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[m-${i % 500}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[家里有人生病住院了 ${i}]]></Content><MsgId>${8_000_000_000_000_000 + i}</MsgId><AgentID>1000002</AgentID></xml>`;
                const s = sealMessage(keys, xml, String(now));
                return {
                  ...req,
                  path: `/wecom/callback?msg_signature=${s.msg_signature}&timestamp=${s.timestamp}&nonce=${s.nonce}`,
                  body: `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${s.encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
                  headers: { 'content-type': 'text/xml' },
                };
              },
            },
          ],
        }
      : {}),
  });
  clearInterval(sample);
  await stop(child);
  await dropPrefix(prefix);
  return { idle, load: peak, reqs: Math.round(result.requests.average), non2xx: result.non2xx };
}

/** A households roll of 100,000 rows (one in a thousand with a bad ID number), as CSV and as XLSX. */
async function rollFiles(dir: string): Promise<{ csv: string; xlsx: string }> {
  const header = [
    '户编号',
    '乡镇',
    '村',
    '村民小组',
    '户主姓名',
    '户主身份证号',
    '联系电话',
    '地址',
    '户类型',
    '监测类型',
    '人均纯收入',
  ];
  const rows: string[][] = [];
  for (let i = 0; i < 100_000; i++) {
    const day = new Date(Date.UTC(1940, 0, 1) + (i % 20000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const first17 = `530699${day}${String(Math.floor(i / 20000)).padStart(3, '0')}`;
    const status = ['一般户', '脱贫户', '监测户'][i % 3]!;
    rows.push([
      `M${i}`,
      `镇${i % 10}`,
      `村${i % 200}`,
      `${1 + (i % 8)}组`,
      `户主${i}`,
      i % 1000 ? first17 + idCheckChar(first17) : 'bad',
      `138${String(i).padStart(8, '0')}`,
      `${i % 8}组${i}号`,
      status,
      status === '监测户' ? '边缘易致贫户' : '',
      String(5000 + (i % 9000)),
    ]);
  }
  const csv = join(dir, 'roll.csv');
  writeFileSync(csv, `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  const xlsx = join(dir, 'roll.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const ws = wb.addWorksheet('农户');
  ws.addRow(header).commit();
  for (const r of rows) ws.addRow(r).commit();
  await wb.commit();
  return { csv, xlsx };
}

/** Peak RSS of `cli import households FILE` from dist, sampled until it exits (VmHWM is the kernel's peak). */
async function importPeak(file: string): Promise<{ peak: number; seconds: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/src/cli.js', 'import', 'households', file], {
    env: env(0, 'unused'),
    stdio: 'ignore',
  });
  let peak = 0;
  const sample = setInterval(() => {
    try {
      peak = Math.max(peak, rss(child.pid!).peak);
    } catch {
      // exited between samples
    }
  }, 50);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(sample);
  if (code !== 2) throw new Error(`import exited ${code} (expected 2: the bad rows)`);
  return { peak, seconds: (Date.now() - started) / 1000 };
}

const spread = (xs: number[]) => {
  const r = xs.map((x) => Math.round(x));
  return Math.min(...r) === Math.max(...r) ? `${r[0]}` : `${Math.min(...r)}–${Math.max(...r)}`;
};

/** RSS of the web role (built, on Postgres) idle and under callbacks, and of a 100k-row import, against bare Koa. */
export async function benchMemory(): Promise<Record<string, string | number>[]> {
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' }).status !== 0)
    throw new Error('build failed');
  await ensureBenchDatabase(DATABASE_URL.replace(/\/[^/]*$/, ''), new URL(DATABASE_URL).pathname.slice(1));
  const files = await rollFiles(mkdtempSync(join(tmpdir(), 'bench-memory-')));
  const runs: Record<string, number[]> = {};
  const add = (k: string, v: number) => {
    runs[k] = [...(runs[k] ?? []), v];
  };
  const loads: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    loads.push(loadavg()[0]!.toFixed(1));
    const bare = await serverMemory(['--input-type=module', '-e', BARE_KOA], '/', false);
    add('bare idle', bare.idle);
    add('bare load', bare.load);
    const web = await serverMemory(['dist/src/main.js', '--role', 'web'], '/readyz', true);
    add('web idle', web.idle);
    add('web load', web.load);
    add('web req/s', web.reqs);
    const dev = await serverMemory(['--import', 'tsx', 'src/cli.ts', 'start', '--role', 'web'], '/readyz', false);
    add('tsx idle', dev.idle);
    for (const kind of ['csv', 'xlsx'] as const) {
      const { peak, seconds } = await importPeak(files[kind]);
      add(`${kind} peak`, peak);
      add(`${kind} s`, seconds);
    }
  }
  const row = (what: string, target: string, key: string, extra: Record<string, string> = {}) => ({
    what,
    'MB RSS': spread(runs[key]!),
    target,
    ...extra,
  });
  return [
    row('bare Koa, idle', '(baseline)', 'bare idle'),
    row('bare Koa, 50 connections GET', '(baseline)', 'bare load'),
    row('web role (dist), Postgres, idle', '≤ 120', 'web idle'),
    row('web role (dist), callbacks at 50 connections', '≤ 200', 'web load', { 'req/s': spread(runs['web req/s']!) }),
    row('web role under tsx (development), idle', '', 'tsx idle'),
    row('cli import 100k households CSV (dist), peak', '≤ 300', 'csv peak', { seconds: spread(runs['csv s']!) }),
    row('cli import 100k households XLSX (dist), peak', '≤ 300', 'xlsx peak', { seconds: spread(runs['xlsx s']!) }),
    { what: `${RUNS} runs; load average at each run's start: ${loads.join(', ')}`, 'MB RSS': '', target: '' },
  ];
}
