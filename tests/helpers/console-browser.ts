import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS } from './browser.js';

/** The two widths every console page is checked at: a desktop and a 390-px phone. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
  { name: 'phone', width: 390, height: 844, isMobile: true },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

export const CONSOLE_SHOTS = `${SHOTS}/console`;

/** A page of its own, signed in to the console by its cookie, at one width. */
export async function consolePage(browser: Browser, base: string, token: string, vp: Viewport): Promise<Page> {
  await mkdir(CONSOLE_SHOTS, { recursive: true });
  const context = await browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    isMobile: vp.isMobile,
    hasTouch: vp.isMobile,
    locale: 'zh-CN',
  });
  await context.addCookies([{ name: 'sw_console', value: token, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** How far the page is wider than the window (0 when nothing sticks out sideways). */
export const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Opens a console page at this width, writes its screenshot, and fails if it scrolls sideways or
 * shows an error page; returns the page for more checks.
 */
export async function visit(page: Page, base: string, path: string, name: string, vp: Viewport): Promise<Page> {
  const res = await page.goto(`${base}${path}`);
  await page.screenshot({ path: `${CONSOLE_SHOTS}/${name}-${vp.name}.png`, fullPage: true });
  expect(res?.status(), `${path} at ${vp.width}px`).toBeLessThan(400);
  expect(await overflowX(page), `${path} overflows sideways at ${vp.width}px`).toBeLessThanOrEqual(0);
  return page;
}
