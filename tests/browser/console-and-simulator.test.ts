import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'screenshots';
const ADMIN_TOKEN = 'browser-test-admin-token';

/**
 * The console and the simulator in Debian's Chromium, driven by playwright-core, against the whole
 * service in simulator mode (real callbacks through the in-process fake WeCom, Redis, workers, PGlite).
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('console and simulator in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  let page: Page;
  let caseNumber = '';
  let villager: { id: string; head: string; village: string; phone: string; helper: string };
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN, VILLAGER_UPDATE_DELAY_MS: '0' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('a villager reports in the simulator and gets a receipt', async () => {
    await page.goto(`${svc.base}/sim`);
    const first = page.locator('#villagers tr').first();
    const detail = await first.locator('td').nth(2).innerText(); // 户号 H…，电话 1…，帮扶人 …
    villager = {
      id: /户号 (H\d{7})/.exec(detail)![1]!,
      phone: /电话 (\d{11})/.exec(detail)![1]!,
      head: await first.locator('td').nth(0).innerText(),
      village: await first.locator('td').nth(1).innerText(),
      helper: '',
    };
    villager.helper = (
      await svc.db.query<{ u: string }>(
        `SELECT cadre_userid u FROM links WHERE kind = 'household' AND target_id = $1`,
        [villager.id],
      )
    ).rows[0]!.u;
    await shot('sim-picker');
    await first.locator('a').click();
    const say = async (text: string, expectReply: RegExp) => {
      await page.fill('#text', text);
      await page.click('#say button');
      await page
        .locator('#chat .msg.bot', { hasText: expectReply })
        .last()
        .waitFor()
        .catch(async (e) => {
          await shot('debug');
          throw e;
        });
    };
    await say('我家房子漏雨，墙也裂了，住着不安全', /姓名和所在的村/);
    await say(`我叫${villager.head}，${villager.village}`, /手机号码/);
    await say(`电话${villager.phone}`, /编号 SW\d{10}/);
    const receipt = await page
      .locator('#chat .msg.bot', { hasText: /编号 SW/ })
      .last()
      .innerText();
    caseNumber = /编号 (SW\d{10})/.exec(receipt)![1]!;
    await shot('sim-villager');
  });

  it('the case appears in the console for county staff', async () => {
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
    await shot('console-cases');
  });

  it('the cadre presses 签收 on the card in the simulator and the console shows it acknowledged', async () => {
    await page.goto(`${svc.base}/sim/chat?as=cadre:${villager.helper}`);
    const card = page.locator('.sim-card', { hasText: caseNumber });
    await card.locator('button', { hasText: '签收' }).click();
    await card.locator('button', { hasText: '已入户核实' }).waitFor(); // the card is redrawn for the next step
    await shot('sim-cadre-card');
    await page.goto(`${svc.base}/console/cases/${caseNumber}`);
    await expect(page.locator('#case-state').innerText()).resolves.toBe('已签收');
    await expect(page.locator('#timeline').innerText()).resolves.toMatch(/签收\s+待签收 → 已签收/);
    await shot('console-case');
  });

  it("an XLSX upload with a bad row shows that row's error and stores the rest", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('农户');
    sheet.addRow(['户编号', '乡镇', '村', '户主姓名', '户类型', '人均纯收入']);
    sheet.addRow(['X001', '青山镇', '石岭村', '王新', '脱贫户', '9800']);
    sheet.addRow(['X002', '青山镇', '石岭村', '李新', '贫困户', '6500']); // row 3: no such status
    const file = Buffer.from(await wb.xlsx.writeBuffer());
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
    await shot('console-import');
  });

  it('the overdue list shows an overdue visit, and compliance draws the last eight weeks', async () => {
    await svc.db.query(
      `UPDATE households SET next_visit_due_at = now() - interval '3 days', remind_at = now() - interval '3 days' WHERE id = $1`,
      [villager.id],
    );
    await page.goto(`${svc.base}/console/overdue`);
    const row = page.locator('#overdue-visits tr', { hasText: villager.id });
    await expect(row.innerText()).resolves.toMatch(/入户走访[\s\S]*3 天/);
    await shot('console-overdue');
    await page.goto(`${svc.base}/console/compliance?township=T1`);
    await expect(page.locator('#weeks-chart rect').count()).resolves.toBe(8);
    await expect(page.locator('#cadres tr').count()).resolves.toBeGreaterThan(5);
    await shot('console-compliance');
  });

  it('mounts Bull Board for county staff only', async () => {
    await page.goto(`${svc.base}/console/queues`);
    await page.getByText('intake').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot('console-queues');
    const anonymous = await fetch(`${svc.base}/console/queues`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/console/login');
  });
});
