import { loadavg } from 'node:os';
import { showCampaign } from '../src/domain/use-cases/show-campaign.js';
import { startCampaign } from '../src/domain/use-cases/start-campaign.js';
import { uploadScreeningResults } from '../src/domain/use-cases/upload-screening-results.js';
import { campaignResultsWorkbook } from '../src/files/campaign-xlsx.js';
import { readTable } from '../src/files/read-table.js';
import { campaignReads, campaignStartStore } from '../src/store/campaign-store.js';
import { screeningStore } from '../src/store/campaign-item-store.js';
import type { Db } from '../src/store/db.js';
import { seedDemo } from '../src/store/seed-demo.js';
import { openBenchDatabase } from './bench-db.js';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 33_000);
const UPLOAD = Number(process.env.BENCH_UPLOAD_ROWS ?? 5_000);
const SERVER = process.env.BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = `shouwang_bench_campaign_${HOUSEHOLDS}`;
const TZ = 'Asia/Shanghai';
const COUNTY = { townshipId: null, label: '县级' };

async function openBenchDb(): Promise<Db> {
  const db = await openBenchDatabase(SERVER, DB_NAME);
  const n = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM households')).rows[0]!.n);
  if (n < HOUSEHOLDS) await seedDemo(db, { households: HOUSEHOLDS });
  return db;
}

const time = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const t = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - t) };
};

/**
 * 集中排查 at a county's size (BENCH_HOUSEHOLDS, default 33,000: one county's whole campaign): starting it
 * over every household (items assigned, one notice per cadre built), the results sheet of all of them, an
 * upload of BENCH_UPLOAD_ROWS results (4% risks reported), and the campaign page's reads. Postgres at
 * BENCH_PG_SERVER; the messages are counted, not sent.
 */
export async function benchCampaign(): Promise<Record<string, string | number>[]> {
  const db = await openBenchDb();
  let notices = 0;
  const start = {
    timeZone: TZ,
    transaction: <R>(fn: (s: ReturnType<typeof campaignStartStore>) => Promise<R>) =>
      db.transaction((tx) => fn(campaignStartStore(tx))),
    notifyCadres: async (_id: number, n: unknown[]) => {
      notices += n.length;
    },
  };
  const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const scope = { townships: [], villages: [], kinds: ['lifted', 'monitored', 'ordinary'] as const };
  const started = await time(() =>
    startCampaign(
      start,
      COUNTY,
      { name: `基准 ${Date.now()}`, deadline, scope: { ...scope, kinds: [...scope.kinds] } },
      new Date(),
    ),
  );
  if (!started.value.ok) throw new Error(started.value.error);
  const id = started.value.id;
  const reads = campaignReads(db);
  const rows = await reads.sheetRows(COUNTY, id);
  const sheet = await time(() => campaignResultsWorkbook('基准', rows, TZ));
  const csv = [
    '户编号,排查结果,情况说明',
    ...rows
      .slice(0, UPLOAD)
      .map((r, i) => (i % 25 === 0 ? `${r.householdId},发现风险,房子墙裂漏雨` : `${r.householdId},无风险,`)),
  ].join('\n');
  const results = {
    transaction: <R>(fn: (s: ReturnType<typeof screeningStore>) => Promise<R>) =>
      db.transaction((tx) => fn(screeningStore(tx))),
    tables: { read: readTable },
    outbox: { inbox: async () => undefined },
  };
  const upload = await time(() =>
    uploadScreeningResults(
      results,
      COUNTY,
      { campaignId: id, file: { name: 'r.csv', data: Buffer.from(csv) } },
      new Date(),
    ),
  );
  const page = await time(() => showCampaign(reads, COUNTY, id));
  const list = await time(() => reads.campaigns(COUNTY));
  await db.close();
  const written = 'written' in upload.value ? upload.value.written : 0;
  return [
    { step: 'start (items + notices)', households: started.value.households, cadres: notices, ms: started.ms },
    { step: 'results sheet (XLSX)', households: rows.length, kb: Math.round(sheet.value.length / 1024), ms: sheet.ms },
    { step: `upload ${UPLOAD} rows (CSV)`, households: written, ms: upload.ms },
    { step: 'campaign page reads', households: page.value?.campaign.progress.total ?? 0, ms: page.ms },
    { step: 'campaign list reads', households: list.value.length, ms: list.ms, load: loadavg()[0]!.toFixed(1) },
  ];
}
