import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  freshPage,
  launchBrowser,
  reportInSimulator,
  shot,
  signIn,
  simVillager,
} from '../helpers/browser.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'browser-test-admin-token';

/**
 * The console and the simulator in Debian's Chromium, driven by playwright-core, against the whole
 * service in simulator mode (real callbacks through the in-process fake WeCom, Redis, workers, PGlite).
 * Each test has a browser context of its own (no cookies carried over) and makes the case it looks at,
 * with a villager of its own from the simulator's picker.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('console and simulator in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN, VILLAGER_UPDATE_DELAY_MS: '0' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });
  beforeEach(async () => {
    page = await freshPage(browser);
  });
  afterEach(async () => {
    await page?.context().close();
  });

  it('a villager reports in the simulator and gets a receipt', async () => {
    const villager = await simVillager(page, svc.base, svc.db, 0);
    await shot(page, 'sim-picker');
    const caseNumber = await reportInSimulator(page, svc.base, villager);
    expect(caseNumber).toMatch(/^SW\d{10}$/);
    const stored = await svc.db.query<{ household_id: string }>('SELECT household_id FROM cases WHERE number = $1', [
      caseNumber,
    ]);
    expect(stored.rows).toEqual([{ household_id: villager.id }]);
    await shot(page, 'sim-villager');
  });

  it('the case appears in the console for county staff', async () => {
    const caseNumber = await reportInSimulator(page, svc.base, await simVillager(page, svc.base, svc.db, 1));
    await page.goto(`${svc.base}/console`);
    expect(page.url()).toContain('/console/login');
    await page.fill('input[name=token]', 'wrong-token');
    await page.click('form button');
    await expect(page.locator('.error').innerText()).resolves.toContain('令牌无效');
    await page.fill('input[name=token]', ADMIN_TOKEN);
    await page.click('form button');
    const row = page.locator('#cases tbody tr', { hasText: caseNumber });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/住房无保障[\s\S]*待签收/);
    await shot(page, 'console-cases');
  });

  it('the cadre presses 签收 on the card in the simulator and the console shows it acknowledged', async () => {
    const villager = await simVillager(page, svc.base, svc.db, 2);
    const caseNumber = await reportInSimulator(page, svc.base, villager);
    await page.goto(`${svc.base}/sim/chat?as=cadre:${villager.helper}`);
    const card = page.locator('.sim-card', { hasText: caseNumber });
    await card.locator('button', { hasText: '签收' }).click();
    await card.locator('button', { hasText: '已入户核实' }).waitFor(); // the card is redrawn for the next step
    await shot(page, 'sim-cadre-card');
    await signIn(page, svc.base, ADMIN_TOKEN);
    await page.goto(`${svc.base}/console/cases/${caseNumber}`);
    await expect(page.locator('#case-state').innerText()).resolves.toBe('已签收');
    await expect(page.locator('#timeline').innerText()).resolves.toMatch(/签收\s+待签收 → 已签收/);
    await shot(page, 'console-case');
  });

  it("an XLSX upload with a bad row shows that row's error and stores the rest", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('农户');
    sheet.addRow(['户编号', '乡镇', '村', '户主姓名', '户类型', '人均纯收入']);
    sheet.addRow(['X001', '青山镇', '石岭村', '王新', '脱贫户', '9800']);
    sheet.addRow(['X002', '青山镇', '石岭村', '李新', '贫困户', '6500']); // row 3: no such status
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await signIn(page, svc.base, ADMIN_TOKEN);
    await page.goto(`${svc.base}/console/import`);
    await page.selectOption('select[name=kind]', 'households');
    await page.setInputFiles('input[name=file]', {
      name: 'households.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.click('form[action="/console/import"] button');
    await expect(page.locator('#import-summary').innerText()).resolves.toBe('农户：共 2 行，写入 1 行，错误 1 行');
    await expect(page.locator('#import-errors').innerText()).resolves.toMatch(/第 3 行\s+户类型“贫困户”无法识别/);
    await shot(page, 'console-import');
  });

  it('the overdue list shows an overdue visit, and compliance draws the last eight weeks', async () => {
    const villager = await simVillager(page, svc.base, svc.db, 3);
    await svc.db.query(
      `UPDATE households SET next_visit_due_at = now() - interval '3 days', remind_at = now() - interval '3 days' WHERE id = $1`,
      [villager.id],
    );
    await signIn(page, svc.base, ADMIN_TOKEN);
    await page.goto(`${svc.base}/console/overdue`);
    const row = page.locator('#overdue-visits tr', { hasText: villager.id });
    await expect(row.innerText()).resolves.toMatch(/入户走访[\s\S]*3 天/);
    await shot(page, 'console-overdue');
    await page.goto(`${svc.base}/console/compliance?township=T1`);
    await expect(page.locator('#weeks-chart rect').count()).resolves.toBe(8);
    await expect(page.locator('#cadres tr').count()).resolves.toBeGreaterThan(5);
    await shot(page, 'console-compliance');
  });

  it('mounts Bull Board for county staff only', async () => {
    const anonymous = await fetch(`${svc.base}/console/queues`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/console/login');
    await signIn(page, svc.base, ADMIN_TOKEN);
    await page.goto(`${svc.base}/console/queues`);
    await expect(page.getByText('intake').first().innerText()).resolves.toContain('intake');
    await page.waitForLoadState('networkidle');
    await shot(page, 'console-queues');
  });
});
