import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonthKey } from '../../src/domain/rounds/round-periods.js';
import { JOB } from '../../src/queue/jobs.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'monthly-digest-admin-token-0001';
const TZ = 'Asia/Shanghai';

/**
 * 县一月一分析 through the fake WeCom: the scheduled rounds job, at the month's first run, sends the
 * county office last month's digest and the monthly XLSX (media/upload, then a file message), once.
 */
describe('monthly analysis to the county', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const now = new Date();
  const sent = () => svc.fake!.state.sent;
  const query = async <T>(sql: string, params: unknown[] = []) => (await svc.db.query<T>(sql, params)).rows;
  const run = (at: Date) =>
    runJob<{ month: string | null }>(svc.queues.schedule, JOB.screeningRounds, { at: at.toISOString() });

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', DEMO_HISTORY: 'on', ADMIN_TOKEN });
  }, 120_000);
  afterAll(() => svc.stop());

  it('the county office gets last month’s 一月一分析 as a digest and the XLSX as a file message', async () => {
    const month = previousMonthKey(now, TZ);
    expect((await run(now)).month).toBe(month);
    const [y, m] = month.split('-').map(Number);
    const county = await query<{ userid: string }>(
      `SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid`,
    );
    expect(county.length).toBeGreaterThan(0);
    const to = county[0]!.userid;
    let digest = '';
    let file: { filename: string; data: Buffer } | undefined;
    await until('the digest and the file', () => {
      const mine = sent().filter((s) => s.to === to);
      digest = contentOf(mine.find((s) => contentOf(s.body).includes(`${y}年${m}月防返贫监测一月一分析`))?.body ?? {});
      file = mine
        .filter((s) => s.body.msgtype === 'file')
        .map((s) => svc.fake!.state.media.get((s.body.file as { media_id: string }).media_id)!)
        .find((f) => f?.filename.endsWith(`-${month}.xlsx`));
      return Boolean(digest && file);
    });
    expect(file!.filename).toMatch(/^一月一分析-.+-\d{4}-\d\d\.xlsx$/);
    const sentBook = new ExcelJS.Workbook();
    await sentBook.xlsx.load(file!.data as unknown as ArrayBuffer);
    // The same workbook as the console's download for the month, for the whole county.
    const res = await fetch(`${svc.base}/console/dashboard.xlsx?month=${month}`, {
      headers: { cookie: `sw_console=${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const consoleBook = new ExcelJS.Workbook();
    await consoleBook.xlsx.load(await res.arrayBuffer());
    expect(sentBook.worksheets.map((w) => w.name)).toEqual(consoleBook.worksheets.map((w) => w.name));
    // Every figure the same (the first sheet's item column names the place: the county by name here).
    const values = (wb: ExcelJS.Workbook) =>
      wb.worksheets.map((w) =>
        w.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(w.name === '本月概况' ? 2 : 1) : r)),
      );
    expect(JSON.stringify(values(sentBook))).toBe(JSON.stringify(values(consoleBook)));
    const newHouseholds = sentBook.getWorksheet('本月概况')!.getRow(2).getCell(2).value;
    expect(typeof newHouseholds).toBe('number');
    expect(newHouseholds).toBeGreaterThan(0); // the demo county's year of history
    expect(digest).toContain(`新识别监测对象 **${newHouseholds} 户`);
    expect(
      await query(`SELECT 1 FROM audit_log WHERE action = 'monthly-digest' AND entity_id = $1 AND actor = 'system'`, [
        month,
      ]),
    ).toHaveLength(1);
    // Stored once: a later run that month sends no second digest.
    expect((await run(new Date(now.getTime() + 60_000))).month).toBeNull();
  }, 120_000);
});
