import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageReport } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { triageStore } from '../../src/store/triage-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'console-exports-admin-token-0001';

/** Exports people open in Excel: real dates and numbers, a frozen header with a filter, names, a dated file name. */
describe('console exports', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let number = '';
  const get = (path: string) => fetch(`${svc.base}${path}`, { headers: { cookie: `sw_console=${ADMIN_TOKEN}` } });
  const workbook = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb;
  };
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    const h = (
      await svc.db.query<{ id: string }>(`SELECT id FROM households WHERE village_id = 'T1V01' ORDER BY id LIMIT 1`)
    ).rows[0]!;
    const inboxId = (await insertInbox(svc.db, {
      source: 'dept:医保局',
      sourceMsgId: 'exports-1',
      payload: {
        channel: 'department',
        reporter: '医保局',
        text: '住院自付医疗费用较高',
        identity: { householdId: h.id },
      },
    }))!;
    const out = await triageReport(
      {
        policy: loadPolicy('policy/default.json'),
        timeZone: 'Asia/Shanghai',
        transaction: (fn) => svc.db.transaction((tx) => fn(triageStore(tx))),
      },
      inboxId,
      new Date(),
    );
    number = out.status === 'created' ? out.caseNumber! : '';
  }, 120_000); // seeding the demo county takes long on a loaded machine
  afterAll(() => svc.stop());

  it('exports cases with dates as dates, numbers as numbers, township names, a frozen filtered header', async () => {
    const res = await get('/console/cases.xlsx?township=T1');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`案件-${today()}.xlsx`);
    const ws = (await workbook(res)).getWorksheet('案件')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => ws.getRow(2).getCell(head.indexOf(name) + 1);
    expect(cell('编号').value).toBe(number);
    expect(cell('乡镇').value).toBe('青山镇');
    expect(cell('上报时间').value).toBeInstanceOf(Date);
    expect(cell('上报时间').numFmt).toBe('yyyy-mm-dd hh:mm');
    // Excel has no time zones: the cell holds the local wall-clock time.
    const local = new Date((cell('上报时间').value as Date).getTime() - 8 * 3600_000);
    expect(Math.abs(local.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(typeof cell('信号数').value).toBe('number');
    expect(ws.getColumn(head.indexOf('风险类型') + 1).width).toBeGreaterThan(15);
  });

  it("exports the week's bulletin with rates as percentages Excel can sum, and a file name with the township and week", async () => {
    // Two weeks ahead every demo household has a visit due, so each cadre has a rate.
    const week = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const res = await get(`/console/compliance.xlsx?township=T1&week=${week}`);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(
      /走访通报-青山镇-\d{4}-\d\d-\d\d\.xlsx/,
    );
    const wb = await workbook(res);
    const cadres = wb.getWorksheet('干部')!;
    expect(cadres.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cadres.autoFilter).toBeTruthy();
    const head = (cadres.getRow(1).values as unknown[]).slice(1);
    const rates = cadres
      .getColumn(head.indexOf('完成率') + 1)
      .values.slice(2)
      .filter((v) => v !== null && v !== undefined);
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.every((v) => typeof v === 'number' && v >= 0 && v <= 1)).toBe(true);
    expect(cadres.getColumn(head.indexOf('完成率') + 1).numFmt).toBe('0%');
    expect(typeof cadres.getRow(2).getCell(head.indexOf('户数') + 1).value).toBe('number');
    expect(head).not.toContain('村编号');
  });
});
