import { open, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { IMPORT_KINDS, type ImportKind } from './domain/import/import-schemas.js';
import { csvTemplate, xlsxTemplate } from './files/import-template.js';
import type { Role } from './main.js';
import { migrate } from './store/migrate.js';
import { createDeptKey } from './store/dept-key-store.js';
import { consoleTokens } from './store/console-token-store.js';
import { issueConsoleToken } from './domain/use-cases/issue-console-token.js';
import { withDb, withOutbox } from './wiring/cli-db.js';
import { wecomSettings } from './wecom/wecom-settings.js';
import { loadPolicy } from './load-policy.js';
import { scheduleUnscheduled } from './store/sweep-store.js';
import { bulletinStore } from './store/bulletin-store.js';
import { previousLocalWeek } from './domain/local-time.js';
import { archiveOldMonths } from './domain/use-cases/archive-old-months.js';
import { writeJsonLinesGz } from './files/jsonl-archive.js';
import { partitionStore } from './store/partition-store.js';

const USAGE = `用法 usage: npm run cli -- <command>
  start [--role all|web|worker]         run the service (default all: web + workers)
  migrate                               apply database migrations
  seed-demo [--households N] [--seed S] create the synthetic demo county (default 2000 households)
  import households|members|cadres|links FILE   import a CSV or XLSX file (see README for columns;
                                 a households .xlsx may carry a 家庭成员 sheet, imported as members)
  template KIND [--out F.xlsx|F.csv]   an import template with one example row (CSV to stdout by default)
  dept-key create DEPARTMENT            create an API key for a department (shown once)
  console-token create TOWNSHIP_ID      create a console sign-in token for one township's staff (shown once)
  fake-wecom [--port P] [--app URL]     run the fake WeCom server alone (uses the WECOM_* settings)
  sweep [--at ISO-TIME]                 run the reminder sweep once for an instant (default now); digests are queued
  rounds [--at ISO-TIME]                open the screening rounds due at an instant (周排查, 半月核实, the month's
                                        一月一分析) and queue their cards and digests; nothing is sent twice
  classify FILE [--policy POLICY_FILE]   classify a JSON Lines file of reports, one JSON line out per line in
                                        (no database, no Redis; see ../shared/TRIAGE-LABELS.md)
  report weekly --township ID [--week DATE] [--out FILE.xlsx]
                                        a township's weekly bulletin (通报) for the week containing DATE
                                        (default: the last whole week); markdown to stdout, or XLSX to FILE
  retention [--keep-months N] [--out DIR] [--apply]
                                        months of inbox, audit_log and outbox older than the last N whole months
                                        (default 24) go to DIR/<partition>.jsonl.gz (default ./archive), then are
                                        detached and dropped (audited); without --apply only listed`;

type Command = (args: string[]) => Promise<number>;

/** `--at ISO-TIME`, default now. */
function atOf(args: string[]): Date {
  const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()))
    throw new Error(`--at must be an ISO time such as 2026-11-24T09:00:00+08:00, not "${values.at}"`);
  return at;
}

const commands: Record<string, Command> = {
  async 'dept-key'(args) {
    const [verb, department] = args;
    if (verb !== 'create' || !department?.trim()) throw new Error('usage: dept-key create <department>');
    const key = await withDb((db) => createDeptKey(db, department.trim()));
    console.log(`${department.trim()} 的密钥（只显示这一次）/ key, shown once:\n${key}`);
    return 0;
  },
  async 'console-token'(args) {
    const [verb, township] = args;
    if (verb !== 'create' || !township?.trim()) throw new Error('usage: console-token create <township id>');
    const token = await withDb((db) => issueConsoleToken({ tokens: consoleTokens(db) }, township.trim()));
    if (!token.ok) throw new Error(`没有乡镇「${township}」（用乡镇编号，如 T1）`);
    console.log(`${token.townshipName} 的控制台令牌（只显示这一次）/ console token, shown once:\n${token.token}`);
    return 0;
  },
  async 'fake-wecom'(args) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string', default: '3900' }, app: { type: 'string' } },
    });
    const config = loadConfig();
    const w = wecomSettings(config);
    const { FakeWecomServer } = await import('./wecom/fake/fake-wecom-server.js');
    const fake = await new FakeWecomServer({
      ...w,
      port: positiveInt('--port', values.port!),
      host: '127.0.0.1',
      callback: { ...w.keys, url: values.app ?? `http://127.0.0.1:${config.PORT}/wecom/callback` },
    }).start();
    console.log(
      `fake WeCom at ${fake.url} (corp ${w.corpId}, agent ${w.agentId}); inspect with GET ${fake.url}/fake/sent`,
    );
    if (config.simulator)
      console.log(
        `made-up settings for this run: WECOM_TOKEN=${w.keys.token} WECOM_AES_KEY=${w.keys.aesKey} WECOM_SECRET=${w.secret}`,
      );
    return -1;
  },
  async start(args) {
    const { values } = parseArgs({ args, options: { role: { type: 'string', default: 'all' } } });
    if (!['all', 'web', 'worker'].includes(values.role!))
      throw new Error(`--role must be all, web or worker, not ${values.role}`);
    // Each command imports what it uses, so a role started here loads no more than `node dist/src/main.js`.
    const { main } = await import('./main.js');
    await main(values.role as Role);
    return -1; // keep running until a signal
  },
  async classify(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { policy: { type: 'string' } },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new Error('用法：classify FILE [--policy POLICY_FILE]');
    const policy = loadPolicy(values.policy ?? loadConfig().POLICY_FILE);
    const { classifyFile } = await import('./files/classify-file.js');
    const out: string[] = [];
    const flush = () => process.stdout.write(out.splice(0).join(''));
    await classifyFile(file, policy, (line) => {
      out.push(`${line}\n`);
      if (out.length >= 1000) flush();
    });
    flush();
    return 0;
  },
  async migrate() {
    const applied = await withDb((db) => migrate(db));
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  },
  async 'seed-demo'(args) {
    const { values } = parseArgs({
      args,
      options: { households: { type: 'string', default: '2000' }, seed: { type: 'string', default: '2026' } },
    });
    const households = positiveInt('--households', values.households!);
    const seed = positiveInt('--seed', values.seed!);
    const started = Date.now();
    const { seedDemo } = await import('./store/seed-demo.js');
    const summary = await withDb(async (db) => {
      const out = await seedDemo(db, { households, seed });
      await scheduleUnscheduled(db, loadPolicy(loadConfig().POLICY_FILE), new Date());
      return out;
    });
    console.log(JSON.stringify({ ...summary, ms: Date.now() - started }));
    return 0;
  },
  async sweep(args) {
    const at = atOf(args);
    const config = loadConfig();
    const [{ runSweep }, { sweepDeps }] = await Promise.all([
      import('./domain/use-cases/run-sweep.js'),
      import('./wiring/schedule-deps.js'),
    ]);
    const result = await withOutbox(config, (db, outbox) =>
      runSweep(sweepDeps(db, loadPolicy(config.POLICY_FILE), config.TZ_NAME, outbox), at),
    );
    console.log(JSON.stringify({ at: at.toISOString(), ...result }));
    return 0;
  },
  async rounds(args) {
    const at = atOf(args);
    const config = loadConfig();
    const [{ runScreeningRounds }, { screeningRoundsDeps }] = await Promise.all([
      import('./domain/use-cases/run-screening-rounds.js'),
      import('./wiring/schedule-deps.js'),
    ]);
    const result = await withOutbox(config, (db, outbox) =>
      runScreeningRounds(screeningRoundsDeps(db, loadPolicy(config.POLICY_FILE), config.TZ_NAME, outbox), at),
    );
    console.log(JSON.stringify({ at: at.toISOString(), ...result }));
    return 0;
  },
  async retention(args) {
    const { values } = parseArgs({
      args,
      options: { 'keep-months': { type: 'string' }, out: { type: 'string' }, apply: { type: 'boolean' } },
    });
    const keepMonths = positiveInt('--keep-months', values['keep-months'] ?? '24');
    const out = values.out ?? './archive';
    const apply = values.apply === true;
    const months = await withDb((db) =>
      archiveOldMonths(
        { partitions: partitionStore(db), archive: (name, pages) => writeJsonLinesGz(out, name, pages) },
        { at: new Date(), keepMonths, apply, actor: 'cli' },
      ),
    );
    for (const m of months) console.log(`${m.name}\t${m.rows} 行${m.path ? `\t已归档 → ${m.path}，已删除分区` : ''}`);
    if (!months.length) console.log(`没有早于最近 ${keepMonths} 个月的分区。`);
    else if (!apply) console.log(`以上 ${months.length} 个分区将被归档并删除；确认后加 --apply 执行。`);
    return 0;
  },
  async report(args) {
    const [kind, ...rest] = args;
    if (kind !== 'weekly') throw new Error('usage: report weekly --township ID [--week DATE] [--out FILE.xlsx]');
    const { values } = parseArgs({
      args: rest,
      options: { township: { type: 'string' }, week: { type: 'string' }, out: { type: 'string' } },
    });
    const config = loadConfig();
    const policy = loadPolicy(config.POLICY_FILE);
    const [{ weeklyBulletin }, { bulletinMarkdown }, { bulletinWorkbook }] = await Promise.all([
      import('./domain/use-cases/publish-bulletins.js'),
      import('./domain/schedule/bulletin.js'),
      import('./files/bulletin-xlsx.js'),
    ]);
    const inWeek = values.week
      ? new Date(/^\d{4}-\d\d-\d\d$/.test(values.week) ? `${values.week}T12:00:00Z` : values.week)
      : previousLocalWeek(new Date(), config.TZ_NAME).start;
    if (Number.isNaN(inWeek.getTime()))
      throw new Error(`--week must be a date such as 2026-11-23, not "${values.week}"`);
    const bulletin = await withDb(async (db) => {
      const deps = { policy, timeZone: config.TZ_NAME, store: bulletinStore(db) };
      const townships = await deps.store.townships();
      const township = townships.find((t) => t.id === values.township);
      if (!township)
        throw new Error(
          `没有乡镇「${values.township ?? ''}」；--township 可选：${townships.map((t) => `${t.id}（${t.name}）`).join('、') || '（库中没有乡镇）'}`,
        );
      return weeklyBulletin(deps, township, inWeek, new Date());
    });
    if (values.out) {
      await writeFile(values.out, await bulletinWorkbook(bulletin, config.TZ_NAME, policy.bulletin));
      console.log(
        `${bulletin.township.name} 周通报已写入 ${values.out}（${bulletin.cadres.length} 名干部，${bulletin.villages.length} 个村）`,
      );
    } else console.log(bulletinMarkdown(bulletin, config.TZ_NAME, policy.bulletin));
    return 0;
  },
  async import(args) {
    const [kind, file] = args;
    if (!IMPORT_KINDS.includes(kind as ImportKind) || !file)
      throw new Error(`usage: import ${IMPORT_KINDS.join('|')} FILE`);
    await (await open(file)).close(); // a missing file is said before the database is opened
    const [{ importFileInto }, { pathSource }] = await Promise.all([
      import('./wiring/import-file.js'),
      import('./files/read-table.js'),
    ]);
    const { reports, encoding } = await withDb(async (db) => {
      // Streamed from disk: a county's 100,000-row roll is never held whole, nor all its rows.
      const out = await importFileInto(db, kind as ImportKind, pathSource(file), 'cli');
      await scheduleUnscheduled(db, loadPolicy(loadConfig().POLICY_FILE), new Date());
      return out;
    });
    for (const report of reports) {
      console.log(
        `${report.kind}: ${report.rows} 行, 写入 ${report.written} 行, 错误 ${report.errors.length} 行 (${encoding})`,
      );
      for (const e of report.errors) console.log(`  第${e.row}行: ${e.reason}`);
    }
    return reports.some((r) => r.errors.length) ? 2 : 0;
  },
  async template(args) {
    const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
    const kind = positionals[0] as ImportKind;
    if (!IMPORT_KINDS.includes(kind))
      throw new Error(`usage: template ${IMPORT_KINDS.join('|')} [--out FILE.xlsx|FILE.csv]`);
    if (!values.out) process.stdout.write(csvTemplate(kind));
    else await writeFile(values.out, /\.xlsx$/i.test(values.out) ? await xlsxTemplate(kind) : csvTemplate(kind));
    return 0;
  },
};

function positiveInt(name: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${name} must be a positive whole number, not "${v}"`);
  return Number(v);
}

const [name = '', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.error(USAGE);
  process.exit(name ? 1 : 0);
}
command(rest).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
