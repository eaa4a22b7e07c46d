import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { CONSOLE_SHOTS, consolePage, overflowX, VIEWPORTS, visit } from '../helpers/console-browser.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'campaign-browser-admin-token-000001';

/**
 * 集中排查 on the demo county (its running campaign, part of the results in), in Chromium at 1280 px and
 * 390 px: the list and the campaign page draw their ECharts charts from our own server, show the real
 * figures of the store, and never scroll sideways.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('集中排查 pages in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  let figures: { id: number; total: number; done: number; risks: number; villages: number };

  const drawn = (page: Page) =>
    page.waitForFunction(() =>
      [...document.querySelectorAll('.chart')].every(
        (c) => c.getAttribute('data-drawn') === '1' && c.querySelector('svg path'),
      ),
    );

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', DEMO_HISTORY: 'on', ADMIN_TOKEN });
    browser = await launchBrowser();
    const { rows } = await svc.db.query<{ id: string; total: number; done: number; risks: number; villages: number }>(
      `SELECT campaign_id AS id, count(*)::int AS total, count(result)::int AS done,
              count(*) FILTER (WHERE result = 'risk')::int AS risks, count(DISTINCT village_id)::int AS villages
         FROM campaign_items GROUP BY campaign_id`,
    );
    expect(rows).toHaveLength(1);
    figures = { ...rows[0]!, id: Number(rows[0]!.id) };
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('the demo campaign is part way through, its found risks cases waiting for their cadres', async () => {
    expect(figures.done).toBeGreaterThan(0);
    expect(figures.done).toBeLessThan(figures.total);
    expect(figures.risks).toBeGreaterThan(0);
    const open = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_items i JOIN inbox x ON x.id = i.inbox_id JOIN cases c ON c.id = x.case_id
         JOIN tasks t ON t.case_id = c.id AND t.state = 'open' WHERE i.result = 'risk' AND c.household_id = i.household_id`,
    );
    expect(open.rows[0]!.n).toBe(figures.risks);
  });

  for (const vp of VIEWPORTS)
    it(`shows the campaign list and the campaign page with real figures at ${vp.width}px`, async () => {
      const page = await consolePage(browser, svc.base, ADMIN_TOKEN, vp);
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(svc.base)) elsewhere.push(r.url());
      });
      await visit(page, svc.base, '/console/campaigns', 'campaign-list', vp);
      await drawn(page);
      await expect(page.locator('#console-nav a.on').innerText()).resolves.toBe('集中排查');
      const row = await page.locator('#campaigns-table tbody tr').first().textContent();
      expect(row).toContain('冬季集中排查');
      expect(row).toContain(String(figures.done));
      expect(row).toContain(String(figures.total - figures.done));
      await page.screenshot({ path: `${CONSOLE_SHOTS}/campaign-list-${vp.name}.png`, fullPage: true });
      await page.locator('#new-campaign summary').click();
      await expect(page.locator('#new-campaign input[name=township]').count()).resolves.toBe(2);
      await expect(page.locator('#new-campaign input[name=village]').count()).resolves.toBe(figures.villages);
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${CONSOLE_SHOTS}/campaign-new-${vp.name}.png`, fullPage: true });

      await page.locator('#campaigns-table a').first().click();
      await page.waitForURL(`**/console/campaigns/${figures.id}`);
      await visit(page, svc.base, `/console/campaigns/${figures.id}`, 'campaign', vp);
      await drawn(page);
      expect(elsewhere).toEqual([]);
      const tiles = await page.locator('#tiles').innerText();
      expect(tiles).toMatch(new RegExp(`应排查\\s*${figures.total} 户`));
      expect(tiles).toMatch(new RegExp(`已排查\\s*${figures.done} 户`));
      expect(tiles).toMatch(new RegExp(`发现风险\\s*${figures.risks} 户`));
      expect(tiles).not.toContain('NaN');
      // One row per village and the total.
      await expect(page.locator('#villages-table tbody tr').count()).resolves.toBe(figures.villages + 1);
      await expect(page.locator('#risks-table tbody tr').count()).resolves.toBe(figures.risks);
      await expect(page.locator('#risks-table a').count()).resolves.toBe(figures.risks);
      await page.screenshot({ path: `${CONSOLE_SHOTS}/campaign-page-${vp.name}.png`, fullPage: true });
      await page.context().close();
    });
});
