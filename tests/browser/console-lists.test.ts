import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageReports } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { consoleTokens } from '../../src/store/console-token-store.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { triageStore } from '../../src/store/triage-store.js';
import { CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { consolePage, overflowX, VIEWPORTS, visit } from '../helpers/console-browser.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'console-lists-admin-token-000001';

/**
 * Every console list in Chromium, at 1280 px and at 390 px: no page scrolls sideways, each writes a
 * screenshot, and the working lists search, count, page, sort and keep their filters in the URL.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('console lists in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  const made: Array<{ number: string; householdId: string; head: string }> = [];
  let monitored = '';

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    browser = await launchBrowser();
    const households = (
      await svc.db.query<{ id: string; head: string }>(
        `SELECT h.id, h.head_name AS head FROM households h JOIN villages v ON v.id = h.village_id
          WHERE v.township_id = 'T1' ORDER BY h.id LIMIT 25`,
      )
    ).rows;
    monitored = (
      await svc.db.query<{ id: string }>(`SELECT id FROM households WHERE status = 'monitored' ORDER BY id LIMIT 1`)
    ).rows[0]!.id;
    const ids: number[] = [];
    for (const h of households)
      ids.push(
        (await insertInbox(svc.db, {
          source: 'dept:医保局',
          sourceMsgId: `lists-${h.id}`,
          payload: {
            channel: 'department',
            reporter: '医保局',
            text: '住院自付医疗费用较高，家里困难',
            identity: { householdId: h.id },
          },
        }))!,
      );
    const policy = loadPolicy('policy/default.json');
    const deps = {
      policy,
      timeZone: 'Asia/Shanghai',
      transaction: <R>(fn: (s: ReturnType<typeof triageStore>) => Promise<R>) =>
        svc.db.transaction((tx) => fn(triageStore(tx))),
    };
    const out = await triageReports(deps, ids, new Date());
    out.forEach((o, i) => {
      if (o.status === 'created')
        made.push({ number: o.caseNumber!, householdId: households[i]!.id, head: households[i]!.head });
    });
    expect(made).toHaveLength(households.length);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  }, 90_000);

  for (const vp of VIEWPORTS)
    it(`shows every list page without sideways scrolling at ${vp.width}px`, async () => {
      const page = await consolePage(browser, svc.base, ADMIN_TOKEN, vp);
      for (const [path, name] of [
        ['/console/cases', 'cases'],
        ['/console/households', 'households'],
        ['/console/register', 'register'],
        [`/console/register/${monitored}`, 'register-household'],
        ['/console/overdue', 'overdue'],
        ['/console/screened', 'screened'],
        ['/console/compliance?township=T1', 'compliance'],
        ['/console/import', 'import'],
        ['/console/village-codes', 'village-codes'],
        ['/console/failed', 'failed'],
      ] as const) {
        await visit(page, svc.base, path, name, vp);
        await expect(page.locator('main h1').innerText()).resolves.not.toBe('出错了');
      }
      await page.context().clearCookies();
      await visit(page, svc.base, '/console/login', 'login', vp);
      await page.context().close();
    }, 90_000);

  it('folds the sections into a 菜单 on a phone, and opens it', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, VIEWPORTS[1]);
    await page.goto(`${svc.base}/console/cases`);
    const nav = page.locator('#console-nav');
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.click('label.menu');
    await expect(nav.isVisible()).resolves.toBe(true);
    await page.locator('#console-nav a', { hasText: '农户' }).click();
    await page.waitForURL(/\/console\/households/);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  }, 90_000);

  it('finds a case by the last 4 digits of its number and by the head of household, counting and paging the rest', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, VIEWPORTS[1]);
    const target = made[3]!;
    await page.goto(`${svc.base}/console/cases`);
    await page.fill('input[name=q]', target.number.slice(-4));
    await page.locator('form.filters button').click();
    await page.waitForURL(/q=\d{4}/); // the search lives in the URL
    await expect(page.locator('#cases tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#cases tbody').innerText()).resolves.toContain(target.number);
    await visit(
      page,
      svc.base,
      `/console/cases?q=${encodeURIComponent(target.head)}`,
      'cases-search-name',
      VIEWPORTS[1],
    );
    await expect(page.locator('#cases tbody').innerText()).resolves.toContain(target.number);

    await page.goto(`${svc.base}/console/cases?township=T1&size=20&sort=age`);
    await expect(page.locator('#total').innerText()).resolves.toMatch(new RegExp(`共 ${made.length} 条，第 1/2 页`));
    await expect(page.locator('#cases tbody tr').count()).resolves.toBe(20);
    await expect(page.locator('#cases tbody tr').first().innerText()).resolves.toContain(made[0]!.number); // oldest first
    await page.locator('#pager a[rel=next]').click();
    await page.waitForURL(/page=2/);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('age'); // filters kept across pages
    await expect(page.locator('#cases tbody tr').count()).resolves.toBe(made.length - 20);
    await expect(page.locator('select[name=sort]').inputValue()).resolves.toBe('age');
    await page.context().close();
  }, 90_000);

  it('narrows the 村 list to the chosen 乡镇 at once, and lists that township’s households', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, VIEWPORTS[0]);
    await page.goto(`${svc.base}/console/households`);
    await page.selectOption('select[name=township]', 'T2');
    const shown = await page.$$eval('select[name=village] option', (os) =>
      (os as HTMLOptionElement[]).filter((o) => o.value && !o.hidden).map((o) => o.dataset.township),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(['T2']));
    const first = await page.$eval(
      'select[name=village] option[data-township=T2]',
      (o) => (o as HTMLOptionElement).value,
    );
    await page.selectOption('select[name=village]', first);
    await page.locator('form.filters button').click();
    await page.waitForURL(/township=T2/);
    const villages = await page.locator('#households tbody td[data-label="村"]').allInnerTexts();
    expect(villages.length).toBeGreaterThan(0);
    expect(new Set(villages).size).toBe(1);
    await page.goto(`${svc.base}/console/households?q=${made[0]!.householdId}`);
    await expect(page.locator('#households tbody tr').count()).resolves.toBe(1);
    await page.locator('#households a', { hasText: '1 件' }).click();
    await expect(page.locator('#cases tbody').innerText()).resolves.toContain(made[0]!.number);
    await page.context().close();
  }, 90_000);

  it("shows a township's staff only their township, without the county's sections, at 390px", async () => {
    const token = await consoleTokens(svc.db).create('T2');
    const page = await consolePage(browser, svc.base, token, VIEWPORTS[1]);
    await visit(page, svc.base, '/console/cases', 'cases-township', VIEWPORTS[1]);
    await expect(page.locator('select[name=township]').count()).resolves.toBe(0);
    await expect(page.locator('#total').innerText()).resolves.toMatch(/共 0 条/); // every case made here is in T1
    const sections = await page.locator('#console-nav a').allInnerTexts();
    expect(sections).toContain('案件');
    expect(sections).not.toContain('导入导出');
    const villages = await page.$$eval('select[name=village] option[data-township]', (os) =>
      (os as HTMLOptionElement[]).map((o) => o.dataset.township),
    );
    expect(new Set(villages)).toEqual(new Set(['T2']));
    await page.context().close();
  }, 90_000);

  it('gives Bull Board a way back to the console', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, VIEWPORTS[0]);
    await page.goto(`${svc.base}/console/queues`);
    await page.locator('header ul li').last().locator('button').click(); // the header's menu of links
    await page.getByText('返回控制台').click();
    await page.waitForURL(/\/console\/cases/);
    await page.context().close();
  }, 90_000);
});
