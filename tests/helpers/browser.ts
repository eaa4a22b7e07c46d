import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Queryable } from '../../src/store/db.js';

/** Debian's Chromium (playwright-core drives it; no browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = 'screenshots';

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
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
}

/** A page in a context of its own (no cookies from another test), Chinese locale, 15 s per step. */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** Signs the page in to the console with a token. */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/console/login`);
  await page.fill('input[name=token]', token);
  await page.click('form button');
  await page.waitForURL((url) => !url.pathname.startsWith('/console/login'));
}

export interface SimVillager {
  id: string;
  head: string;
  village: string;
  phone: string;
  /** The userid of the household's 帮扶责任人. */
  helper: string;
}

/** The `n`th villager of the simulator's picker (each test takes its own row, so no two share a case). */
export async function simVillager(page: Page, base: string, db: Queryable, n: number): Promise<SimVillager> {
  await page.goto(`${base}/sim`);
  const row = page.locator('#villagers tr').nth(n);
  const detail = await row.locator('td').nth(2).innerText(); // 户号 H…，电话 1…，帮扶人 …
  const id = /户号 (H\d{7})/.exec(detail)![1]!;
  const links = await db.query<{ u: string }>(
    `SELECT cadre_userid u FROM links WHERE kind = 'household' AND target_id = $1`,
    [id],
  );
  return {
    id,
    phone: /电话 (\d{11})/.exec(detail)![1]!,
    head: await row.locator('td').nth(0).innerText(),
    village: await row.locator('td').nth(1).innerText(),
    helper: links.rows[0]!.u,
  };
}

/** Says one line in the simulator's chat and waits for the bot's answer matching `reply`. */
export async function say(page: Page, text: string, reply: RegExp): Promise<string> {
  await page.fill('#text', text);
  await page.click('#say button');
  const answer = page.locator('#chat .msg.bot', { hasText: reply }).last();
  await answer.waitFor().catch(async (e) => {
    await shot(page, 'debug');
    throw e;
  });
  return answer.innerText();
}

/** The villager reports a leaking house in the simulator and answers the questions; returns the receipt's case number. */
export async function reportInSimulator(page: Page, base: string, v: SimVillager): Promise<string> {
  await page.goto(`${base}/sim/chat?as=villager:${v.id}`);
  await say(page, '我家房子漏雨，墙也裂了，住着不安全', /姓名和所在的村/);
  await say(page, `我叫${v.head}，${v.village}`, /手机号码/);
  const receipt = await say(page, `电话${v.phone}`, /编号 SW\d{10}/);
  return /编号 (SW\d{10})/.exec(receipt)![1]!;
}
