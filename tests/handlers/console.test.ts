import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageReport } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { triageStore } from '../../src/store/triage-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'console-test-admin-token-000001';

/** Who sees what in the console: county staff everything, a township's token only its own township. */
describe('console access', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let t2Token = '';
  const cases: Record<string, string> = {};
  const get = (path: string, token?: string) =>
    fetch(`${svc.base}${path}`, { redirect: 'manual', headers: token ? { cookie: `sw_console=${token}` } : {} });

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    t2Token = await createConsoleToken(svc.db, 'T2');
    const policy = loadPolicy('policy/default.json');
    for (const village of ['T1V01', 'T2V01']) {
      const h = (
        await svc.db.query<{ id: string }>(`SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1`, [
          village,
        ])
      ).rows[0]!;
      const inboxId = (await insertInbox(svc.db, {
        source: 'dept:test',
        sourceMsgId: village,
        payload: { channel: 'department', reporter: 'test', text: '房子漏雨墙裂', identity: { householdId: h.id } },
      }))!;
      const out = await triageReport(
        { policy, timeZone: 'Asia/Shanghai', transaction: (fn) => svc.db.transaction((tx) => fn(triageStore(tx))) },
        inboxId,
        new Date(),
      );
      cases[village] = out.status === 'created' ? out.caseNumber! : '';
    }
  });
  afterAll(() => svc.stop());

  it('sends a visitor without a token to sign in, and refuses a wrong token', async () => {
    const res = await get('/console/cases');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/login');
    const login = await fetch(`${svc.base}/console/login`, {
      method: 'POST',
      body: 'token=nope',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: svc.base },
      redirect: 'manual',
    });
    expect(login.status).toBe(401);
    expect(await login.text()).toContain('令牌无效');
    const ok = await fetch(`${svc.base}/console/login`, {
      method: 'POST',
      body: `token=${t2Token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: svc.base },
      redirect: 'manual',
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('set-cookie')).toMatch(/sw_console=swc_.+; path=\/; .*samesite=strict; httponly/i);
  });

  it('shows a township only its own cases, members masked; the county sees all, in full', async () => {
    const t2 = await (await get('/console/cases', t2Token)).text();
    expect(t2).toContain(cases.T2V01);
    expect(t2).not.toContain(cases.T1V01);
    expect((await get(`/console/cases/${cases.T1V01}`, t2Token)).status).toBe(404);
    const page = await (await get(`/console/cases/${cases.T2V01}`, t2Token)).text();
    expect(page).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(page).not.toMatch(/\d{17}[\dX]/);
    const county = await (await get('/console/cases', ADMIN_TOKEN)).text();
    expect(county).toContain(cases.T1V01);
    expect(county).toContain(cases.T2V01);
    expect(await (await get(`/console/cases/${cases.T2V01}`, ADMIN_TOKEN)).text()).toMatch(/\d{17}[\dX]/);
  });

  it('offers a download template for every import kind, county staff only', async () => {
    const page = await (await get('/console/import', ADMIN_TOKEN)).text();
    expect(page).toContain('/console/import/template/members.xlsx');
    const csv = await get('/console/import/template/members.csv', ADMIN_TOKEN);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      '户编号,姓名,身份证号,与户主关系,性别,出生日期,劳动能力,残疾情况,健康状况,在校情况,联系电话',
    );
    const xlsx = await get('/console/import/template/households.xlsx', ADMIN_TOKEN);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await get('/console/import/template/nothing.csv', ADMIN_TOKEN)).status).toBe(404);
    expect((await get('/console/import/template/members.csv', t2Token)).status).toBe(403);
  });

  it('keeps imports and the queue board to county staff, and answers a bad filter with a clear error', async () => {
    expect((await get('/console/import', t2Token)).status).toBe(403);
    expect((await get('/console/queues', t2Token)).headers.get('location')).toBe('/console/login');
    const bad = await get('/console/cases?state=lost', ADMIN_TOKEN);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('text/html');
    expect(await bad.text()).toMatch(
      /<p class="error">筛选条件有误：state .+<\/p><p><a href="\/console\/cases">返回案件列表<\/a>/,
    );
  });

  it('exports the filtered cases as XLSX', async () => {
    const res = await get('/console/cases.xlsx?township=T1', ADMIN_TOKEN);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe(cases.T1V01);
  });
});
