import { existsSync } from 'node:fs';
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
});
