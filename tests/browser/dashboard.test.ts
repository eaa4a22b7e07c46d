import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { consolePage, VIEWPORTS, visit } from '../helpers/console-browser.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'dashboard-admin-token-00000000001';

/**
 * 统计 (the supervisor's dashboard) on the demo county with its year of history, in Chromium at 1280 px
 * and 390 px: every chart drawn by ECharts from our own server (nothing from another host), no chart
 * empty, no sideways scrolling; and the monthly XLSX with its figures as numbers.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('statistics dashboard in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', DEMO_HISTORY: 'on', ADMIN_TOKEN });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  for (const vp of VIEWPORTS)
    it(`draws every chart with the demo's history at ${vp.width}px`, async () => {
      const page = await consolePage(browser, svc.base, ADMIN_TOKEN, vp);
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(svc.base)) elsewhere.push(r.url());
      });
      await page.goto(`${svc.base}/console/dashboard`);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.chart')].every((c) => c.getAttribute('data-drawn') === '1'),
      );
      await visit(page, svc.base, '/console/dashboard', 'dashboard', vp);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg path')),
      );
      expect(elsewhere).toEqual([]);
      await expect(page.locator('main h1').innerText()).resolves.toContain('统计分析');
      // Each chart has data behind it: its table has at least one non-zero figure.
      for (const id of [
        'months-table',
        'states-table',
        'overdue-table',
        'compliance-table',
        'risks-table',
        'townships-table',
        'channels-table',
        'departments-table',
      ]) {
        const text = await page.locator(`#${id}`).textContent();
        expect(text, id).toMatch(/[1-9]/);
      }
      const tiles = await page.locator('#tiles').innerText();
      expect(tiles).toMatch(/风险未消除\s*[1-9]\d* 户/);
      expect(tiles).not.toContain('NaN');
      await expect(page.locator('#zero-return').innerText()).resolves.toMatch(/未发现返贫|户待处置/);
      // The nav has the page once, marked as the current one.
      await expect(page.locator('#console-nav a.on').innerText()).resolves.toBe('统计');
      await page.screenshot({ path: `screenshots/console/dashboard-charts-${vp.name}.png`, fullPage: true });
      await page.context().close();
    });

  it('exports the monthly analysis with its figures as numbers', async () => {
    const res = await fetch(`${svc.base}/console/dashboard.xlsx`, { headers: { cookie: `sw_console=${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '本月概况',
      '按月',
      '按风险类型',
      '按乡镇',
      '预警渠道',
      '部门预警',
      '走访合规',
    ]);
    const months = wb.getWorksheet('按月')!;
    expect(months.rowCount).toBe(13);
    const values = months.getRow(13).values as unknown[];
    expect(values.slice(2).every((v) => typeof v === 'number')).toBe(true);
    let sum = 0;
    for (let r = 2; r <= 13; r++) sum += months.getRow(r).getCell(2).value as number;
    expect(sum).toBeGreaterThan(0);
    const weeks = wb.getWorksheet('走访合规')!;
    expect(weeks.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(months.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
