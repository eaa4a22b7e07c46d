import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../handlers/console.js';
import { createApp } from '../../src/app.js';
import { loadPolicy } from '../../src/load-policy.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/store/db.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { consolePorts } from '../../src/wiring/console-wiring.js';
import { CHROMIUM, freshPage, launchBrowser, shot, signIn } from '../helpers/browser.js';
import { REGISTER_NOW, writeRegisterFixture } from '../helpers/register-fixture.js';
import { openTestDb } from '../helpers/test-db.js';

const ADMIN_TOKEN = 'register-browser-admin-token-01';

/**
 * 监测对象 in Debian's Chromium: the console's real routes, store and sign-in over the hand-counted
 * fixture (tests/helpers/register-fixture.ts), with the console's clock fixed at REGISTER_NOW so 本月 and
 * 本年 are the fixture's. The counts on the page must be the ones counted by hand.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('register page in a real browser', () => {
  let db: Db;
  let server: Server;
  let base = '';
  let browser: Browser;
  let townshipToken = '';

  beforeAll(async () => {
    db = await openTestDb();
    await writeRegisterFixture(db);
    townshipToken = await createConsoleToken(db, 'T1');
    const ports = consolePorts(db, loadPolicy('policy/default.json'), 'Asia/Shanghai', ADMIN_TOKEN);
    const app = createApp({
      logger: createLogger('silent'),
      checks: {},
      routes: [(router) => consoleRoutes(router, { ...ports, now: () => REGISTER_NOW })],
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  const counts = async (page: Page) =>
    Object.fromEntries(
      await Promise.all(
        ['total', 'new-month', 'new-year', 'removed', 'removed-year', 'not-removed'].map(async (k) => {
          const text = await page.locator(`#count-${k}`).innerText();
          const m = /(\d+)\s*户\s*(\d+)\s*人/.exec(text)!;
          return [k, `${m[1]}/${m[2]}`];
        }),
      ),
    );

  it('shows the county the counts counted by hand, and the nav entry leads there', async () => {
    const page = await freshPage(browser);
    await signIn(page, base, ADMIN_TOKEN);
    await page.click('#console-nav a:has-text("监测对象")');
    await page.waitForURL(/\/console\/register$/);
    expect(await counts(page)).toEqual({
      total: '7/20',
      'new-month': '2/5',
      'new-year': '4/11',
      removed: '2/5',
      'removed-year': '2/5',
      'not-removed': '5/15',
    });
    await expect(page.locator('#count-no-date').innerText()).resolves.toMatch(/1\s*户\s*3\s*人/);
    await expect(page.locator('#register tbody tr').count()).resolves.toBe(7);
    await expect(page.locator('#register tbody tr', { hasText: '张三户' }).innerText()).resolves.toMatch(
      /突发严重困难户[\s\S]*2026-03-10[\s\S]*风险已消除[\s\S]*2026-10-01/,
    );
    await shot(page, 'register-county');

    await page.selectOption('select[name=category]', 'edge');
    await page.selectOption('select[name=state]', 'open');
    await page.click('form.filters button');
    await expect(page.locator('#register tbody tr').count()).resolves.toBe(2); // H01, H06
    expect((await counts(page)).total).toBe('2/5');
    await page.context().close();
  });

  it('gives a township only its own households and counts, and opens a household with its chart', async () => {
    const page = await freshPage(browser);
    await signIn(page, base, townshipToken);
    await page.goto(`${base}/console/register`);
    expect(await counts(page)).toMatchObject({
      total: '5/15',
      'new-month': '2/5',
      'new-year': '3/9',
      'not-removed': '3/10',
    });
    await expect(page.locator('select[name=township]').count()).resolves.toBe(0);
    await page.click('#register a:has-text("张一户")');
    await page.waitForURL(/\/console\/register\/H01/);
    await expect(page.locator('#income-chart .income-point').count()).resolves.toBe(3);
    await expect(page.locator('#income-chart .monitoring-line').count()).resolves.toBe(1);
    await expect(page.locator('.measures').innerText()).resolves.toMatch(
      /医疗救助\/慢病签约[\s\S]*医保局[\s\S]*3000 元[\s\S]*已落实/,
    );
    await expect(page.locator('#register-suggestions').innerText()).resolves.toContain('就业帮扶（张一）');
    await expect(page.locator('#register-steps').innerText()).resolves.toContain('纳入监测');
    // The head's ID number is masked; a household of another township is not found.
    await expect(page.locator('#register-members').innerText()).resolves.not.toMatch(/\d{17}/);
    await shot(page, 'register-household');
    const other = await page.goto(`${base}/console/register/H06`);
    expect(other?.status()).toBe(404);
    await page.context().close();
  });

  it('prints the 村级公示 of a village with masked ID numbers, and exports it as XLSX', async () => {
    const page = await freshPage(browser);
    await signIn(page, base, ADMIN_TOKEN);
    await page.goto(`${base}/console/register`);
    await page.click('a:has-text("村级公示")');
    await page.selectOption('select[name=village]', 'V1');
    await page.fill('input[name=person]', '李主任');
    await page.fill('input[name=phone]', '0871-1234567');
    await page.click('form.filters button');
    const notice = page.locator('#notice');
    const text = await notice.innerText();
    expect(text).toContain('河口村防止返贫监测对象识别（风险消除）公示');
    expect(text).toMatch(/赵八[\s\S]*\*{14}081X[\s\S]*2 人[\s\S]*拟纳入监测[\s\S]*边缘易致贫户/);
    expect(text).toContain('公示期：2026-11-28 至 2026-12-03');
    expect(text).toContain('李主任，电话 0871-1234567');
    expect(text).not.toContain('李五'); // 山后村's 拟消除 is on its own village's notice
    expect(text).not.toMatch(/\d{8,}/);
    await shot(page, 'register-notice');

    const print = await page.request.get(
      `${base}/console/register/notice/print?village=V1&person=${encodeURIComponent('李主任')}`,
    );
    expect(print.status()).toBe(200);
    expect(await print.text()).toMatch(/赵八[\s\S]*李主任/);
    const xlsx = await page.request.get(`${base}/console/register/notice.xlsx?village=V2`);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.body()) as never);
    const rows: string[] = [];
    wb.getWorksheet('公示')!.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).join('|'));
    });
    expect(rows.find((r) => r.includes('李五'))).toBe(
      '1|李五|**************051X|5 人|拟消除风险|脱贫不稳定户，帮扶消除|2026-11-27',
    );

    const result = await page.request.get(`${base}/console/register/notice/print?village=V1&kind=result&month=2026-12`);
    expect(await result.text()).toMatch(/结果公告（2026年12月）[\s\S]*张二[\s\S]*已纳入监测[\s\S]*张一/);
    await page.context().close();

    const township = await freshPage(browser);
    await signIn(township, base, townshipToken);
    const other = await township.goto(`${base}/console/register/notice?village=V3`);
    expect(other?.status()).toBe(404);
    await township.context().close();
  });
});
