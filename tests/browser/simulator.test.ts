import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'screenshots/simulator';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * The start page and the simulator in Debian's Chromium at desktop and phone width: a villager reports,
 * the side panel shows what the dialog understood, the chat scrolls to the newest message, 重置 starts
 * over, and the cadre's card button moves the case on. Fails if a page is wider than a 390-px phone.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the simulator in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  let villagers: Array<{ id: string; head: string; village: string; phone: string; helper: string }>;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    svc = await startTestService({ SEED_DEMO: 'auto', VILLAGER_UPDATE_DELAY_MS: '0' });
    villagers = (
      await svc.db.query<{ id: string; head: string; village: string; phone: string; helper: string }>(
        `SELECT h.id, h.head_name AS head, v.name AS village, h.phone, l.cadre_userid AS helper
           FROM households h JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
          WHERE h.status = 'lifted' AND h.phone IS NOT NULL
            AND (SELECT count(*) FROM households h2 WHERE h2.village_id = h.village_id AND h2.head_name = h.head_name) = 1
          ORDER BY h.id LIMIT 2`,
      )
    ).rows;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  for (const [i, vp] of VIEWPORTS.entries()) {
    it(`a villager reports, resets and a cadre acts, at ${vp.name} width (${vp.width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height }, locale: 'zh-CN' });
      page.setDefaultTimeout(15_000);
      const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}-${vp.name}.png`, fullPage: true });
      const fitsWidth = async (what: string) => {
        const { scroll, inner } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        expect(scroll, `${what} is wider than the window`).toBeLessThanOrEqual(inner);
      };
      const fact = (key: string) => page.locator(`#fact-${key}`).innerText();
      const botCount = () => page.locator('#chat .msg.bot').count();
      const say = async (text: string, reply: RegExp) => {
        const before = await botCount();
        await page.fill('#text', text);
        await page.click('#say button');
        await page.waitForFunction((n) => document.querySelectorAll('#chat .msg.bot').length > n, before);
        await expect(page.locator('#chat .msg.bot').last().innerText()).resolves.toMatch(reply);
      };
      try {
        const v = villagers[i]!;
        await page.goto(`${svc.base}/`);
        expect(new URL(page.url()).pathname).toBe('/start');
        await expect(page.locator('#start-sim a[href="/sim"]').first().isVisible()).resolves.toBe(true);
        await expect(page.locator('#start-console').innerText()).resolves.toMatch(/令牌[\s\S]*启动日志/);
        await fitsWidth('the start page');
        await shot('start');

        await page.goto(`${svc.base}/sim`);
        await page.locator(`#villagers a[href="/sim/chat?as=villager:${v.id}"]`).click();
        await fitsWidth('the chat page');
        await expect(page.locator('#app-name').innerText()).resolves.toBe('守望帮扶平台');
        await say('我家房子漏雨，墙也裂了，住着不安全', /姓名和所在的村/);
        await expect(fact('risk')).resolves.toBe('住房无保障');
        await expect(fact('urgency')).resolves.toBe('一般');
        await expect(fact('why')).resolves.toMatch(/住房/);
        await say(`我叫${v.head}，${v.village}`, /手机号码/);
        await expect(fact('who')).resolves.toBe(v.head);
        await expect(fact('village')).resolves.toBe(v.village);
        await say(`电话${v.phone}`, /编号 SW\d{10}/);
        const number = /编号 (SW\d{10})/.exec(await page.locator('#chat .msg.bot').last().innerText())![1]!;
        await page.locator('#fact-case', { hasText: number }).waitFor();
        await expect(fact('phone')).resolves.toBe(`${v.phone.slice(0, 3)}****${v.phone.slice(-4)}`);
        await expect(fact('household')).resolves.toContain(v.id);
        // Enough to scroll: the newest message stays in view.
        for (
          let n = 0;
          n < 8 &&
          (await page.evaluate(() => {
            const c = document.getElementById('chat')!;
            return c.scrollHeight <= c.clientHeight;
          }));
          n++
        )
          await say('请问我反映的事情现在怎么样了', new RegExp(number));
        const pos = await page.evaluate(() => {
          const c = document.getElementById('chat')!;
          return { top: c.scrollTop, view: c.clientHeight, height: c.scrollHeight };
        });
        expect(pos.height).toBeGreaterThan(pos.view);
        expect(pos.top + pos.view).toBeGreaterThanOrEqual(pos.height - 2);
        await fitsWidth('the chat with a receipt');
        await shot('villager');

        // The history is kept: a reload shows the same chat.
        const lines = await page.locator('#chat .msg').count();
        await page.reload();
        await page.waitForFunction((n) => document.querySelectorAll('#chat .msg').length === n, lines);

        // 重置: the chat is cleared and the next message starts a new report (the dialog asks who again).
        await page.click('#reset');
        await page.waitForFunction(() => document.querySelectorAll('#chat .msg').length === 0);
        await expect(fact('who')).resolves.toBe('—');
        await say('家里孩子不上学了，在外面打工', /姓名和所在的村/);
        const audited = await svc.db.query(`SELECT 1 FROM audit_log WHERE action = 'sim_reset' AND entity_id = $1`, [
          `wm-sim-${v.id}`,
        ]);
        expect(audited.rows).toHaveLength(1);
        await shot('villager-reset');

        // The helper presses 签收 on the case's card: it is redrawn for the next step.
        await page.goto(`${svc.base}/sim/chat?as=cadre:${v.helper}`);
        const card = page.locator('.sim-card', { hasText: number });
        await card.locator('button', { hasText: '签收' }).click();
        await card.locator('button', { hasText: '已入户核实' }).waitFor();
        await expect(fact('tasks')).resolves.toMatch(/^[1-9]\d* 件$/);
        await fitsWidth('the cadre chat with a card');
        await shot('cadre-card');
        const state = await svc.db.query<{ state: string }>('SELECT state FROM cases WHERE number = $1', [number]);
        expect(state.rows[0]!.state).toBe('acknowledged');
      } catch (err) {
        await shot('failed').catch(() => undefined);
        throw err;
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
