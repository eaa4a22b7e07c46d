import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageReport } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { triageStore } from '../../src/store/triage-store.js';
import { CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { CONSOLE_SHOTS, consolePage, VIEWPORTS, visit } from '../helpers/console-browser.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'console-case-page-admin-token-01';
const [DESKTOP, PHONE] = VIEWPORTS;

/**
 * The case page in Chromium at 1280 and 390 px: where the case came from and its 办理经过 in words, and
 * each action (备注, 督办, 改派, 关联农户) changes the case, is audited, and reaches WeCom when it should.
 */
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the console case page in a real browser', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  let h: { id: string; head: string; helper: string; helperName: string; villageCadre: string };
  let number = '';
  const wait = async <T>(fn: () => Promise<T | undefined | null | false>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  };
  const caseRow = async (n: string) =>
    (
      await svc.db.query<{ id: string; household_id: string | null; holder: string | null }>(
        `SELECT c.id, c.household_id, (SELECT cadre_userid FROM tasks t WHERE t.case_id = c.id AND t.state = 'open') AS holder
           FROM cases c WHERE number = $1`,
        [n],
      )
    ).rows[0]!;
  const audits = async (n: string) =>
    (
      await svc.db.query<{ action: string; actor: string; note: string }>(
        `SELECT action, actor, note FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id`,
        [(await caseRow(n)).id],
      )
    ).rows;
  const texts = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  /** Submits one action form on the case page and returns to the case. */
  const act = async (page: Page, verb: string, value: string, shot: string) => {
    await page.goto(`${svc.base}/console/cases/${number}`);
    await page.fill(`#action-${verb} input`, value);
    await page.locator(`#action-${verb} button`).click();
    await page.locator('#action-result').waitFor();
    await page.screenshot({ path: `${CONSOLE_SHOTS}/${shot}.png`, fullPage: true });
    const result = await page.locator('#action-result').innerText();
    await page.locator('a', { hasText: `返回案件 ${number}` }).click();
    return result;
  };

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    browser = await launchBrowser();
    h = (
      await svc.db.query<typeof h>(
        `SELECT h.id, h.head_name AS head, l.cadre_userid AS helper, k.name AS "helperName", vl.cadre_userid AS "villageCadre"
           FROM households h JOIN villages v ON v.id = h.village_id
           JOIN links l ON l.kind = 'household' AND l.target_id = h.id JOIN cadres k ON k.userid = l.cadre_userid
           JOIN links vl ON vl.kind = 'village' AND vl.target_id = v.id
          WHERE v.township_id = 'T1' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    const inboxId = (await insertInbox(svc.db, {
      source: 'dept:医保局',
      sourceMsgId: 'case-page-1',
      payload: {
        channel: 'department',
        reporter: '医保局',
        text: '住院自付医疗费用较高，家里困难',
        identity: { householdId: h.id },
      },
    }))!;
    const policy = loadPolicy('policy/default.json');
    const out = await triageReport(
      { policy, timeZone: 'Asia/Shanghai', transaction: (fn) => svc.db.transaction((tx) => fn(triageStore(tx))) },
      inboxId,
      new Date(),
    );
    number = out.status === 'created' ? out.caseNumber! : '';
    expect(number).toMatch(/^SW\d{10}$/);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  }, 90_000);

  for (const vp of VIEWPORTS)
    it(`names the department and the people in 办理经过, with the year, at ${vp.width}px`, async () => {
      const page = await consolePage(browser, svc.base, ADMIN_TOKEN, vp);
      await visit(page, svc.base, `/console/cases/${number}`, 'case', vp);
      await expect(page.locator('#case-source').innerText()).resolves.toBe('医保局（部门预警）');
      const timeline = await page.locator('#timeline').innerText();
      expect(timeline).toContain(`派给帮扶责任人${h.helperName}`);
      expect(timeline).toContain('来自医保局（部门预警）');
      expect(timeline).toMatch(/20\d\d-\d\d-\d\d \d\d:\d\d/);
      expect(timeline).not.toMatch(/inbox \d|task \d|household_id|: [a-z]+-/);
      await page.context().close();
    }, 90_000);

  it('备注 on a phone: the note joins 办理经过 and the audit log', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, PHONE);
    expect(await act(page, 'note', '已电话联系户主，明天入户', 'case-note-phone')).toContain('已为编号');
    await expect(page.locator('#timeline').innerText()).resolves.toMatch(/备注[\s\S]*已电话联系户主，明天入户/);
    expect((await audits(number)).at(-1)).toMatchObject({ action: 'note', actor: 'console:县级（全部乡镇）' });
    await visit(page, svc.base, `/console/cases/${number}`, 'case-after-note', PHONE);
    await page.context().close();
  }, 90_000);

  it('督办 on a phone: the holder gets an urged reminder and the chain above is told, through WeCom', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, PHONE);
    expect(await act(page, 'urge', '请今天内签收', 'case-urge-phone')).toContain('已督办');
    const toHolder = await wait(async () => texts(h.helper).find((t) => t.startsWith('【督办】')));
    expect(toHolder).toContain(number);
    expect(toHolder).toContain('请今天内签收');
    await wait(async () => texts(h.villageCadre).find((t) => t.startsWith('【督办】') && t.includes('请您督促落实')));
    await expect(page.locator('#timeline').innerText()).resolves.toMatch(/督办[\s\S]*请今天内签收/);
    await page.context().close();
  }, 90_000);

  it('改派 on a desktop hands the task to a colleague; a colleague who does not exist changes nothing', async () => {
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, DESKTOP);
    expect(await act(page, 'reassign', '没有这个人', 'case-reassign-refused')).toContain('没有找到');
    expect((await caseRow(number)).holder).toBe(h.helper);
    expect(await act(page, 'reassign', h.villageCadre, 'case-reassign')).toContain('已改派');
    expect((await caseRow(number)).holder).toBe(h.villageCadre);
    await expect(page.locator('#case-holder').innerText()).resolves.toMatch(/^包村干部/);
    await expect(page.locator('#timeline').innerText()).resolves.toMatch(/改派[\s\S]*转给包村干部/);
    await page.context().close();
  }, 90_000);

  it('关联农户 on a phone links an unmatched villager report to the household', async () => {
    await svc.fake!.sender!.villagerSays('wm-case-page', 'wk-demo', '我男人在工地摔伤了，腿骨折住院，花了两万多');
    const receipt = await wait(async () =>
      svc.fake!.state.sent.find(
        (s) => s.api === 'kf/send_msg' && s.to === 'wm-case-page' && /编号 SW/.test(JSON.stringify(s.body)),
      ),
    );
    const unmatched = /编号 (SW\d{10})/.exec(JSON.stringify(receipt.body))![1]!;
    expect((await caseRow(unmatched)).household_id).toBeNull();
    const page = await consolePage(browser, svc.base, ADMIN_TOKEN, PHONE);
    const before = number;
    number = unmatched;
    await visit(page, svc.base, `/console/cases/${number}`, 'case-unmatched', PHONE);
    await expect(page.locator('#case-source').innerText()).resolves.toBe('村民（微信客服）');
    expect(await act(page, 'link', h.id, 'case-link-phone')).toContain(`已关联 ${h.head}户`);
    expect((await caseRow(number)).household_id).toBe(h.id);
    await expect(page.locator('#timeline').innerText()).resolves.toContain(`${h.head}户（户号 ${h.id}）`);
    number = before;
    await page.context().close();
  }, 90_000);
});
