import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateString } from '../../src/domain/local-time.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'campaign-test-admin-token-0000000001';
const TZ = 'Asia/Shanghai';

/**
 * 集中排查 from start to results: county staff start a campaign in the console, each cadre gets one
 * message for all their households, results come in by chat and by the results sheet, progress per
 * village adds up, and a found risk opens a case through triage (channel cadre).
 */
describe('集中排查 campaign end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let campaign = 0;
  let t1Token = '';
  let t2Token = '';
  type Item = { household_id: string; village_id: string; head_name: string; status: string; cadre: string | null };
  let items: Item[] = [];

  const waitFor = async <T>(
    fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
    what: string,
  ) => {
    for (let i = 0; i < 400; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const textsTo = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const command = async (userid: string, text: string) => {
    const before = textsTo(userid).length;
    expect((await svc.fake!.sender!.text(userid, text)).status).toBe(200);
    return waitFor(() => textsTo(userid)[before], `reply to ${text}`);
  };
  const get = (path: string, token = ADMIN_TOKEN) =>
    fetch(`${svc.base}${path}`, { redirect: 'manual', headers: { cookie: `sw_console=${token}` } });
  const post = (path: string, body: string | FormData, token = ADMIN_TOKEN) =>
    fetch(`${svc.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body,
      headers: {
        cookie: `sw_console=${token}`,
        origin: svc.base,
        ...(typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
  const progress = async () =>
    (
      await svc.db.query<{ total: number; clear: number; risks: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE result = 'none')::int AS clear,
                count(*) FILTER (WHERE result = 'risk')::int AS risks FROM campaign_items WHERE campaign_id = $1`,
        [campaign],
      )
    ).rows[0]!;
  const caseOf = (householdId: string) =>
    waitFor(
      async () =>
        (
          await svc.db.query<{ number: string; channel: string; risk_types: string[]; cadre: string }>(
            `SELECT c.number, c.evidence->0->>'channel' AS channel, c.risk_types, t.cadre_userid AS cadre
               FROM cases c JOIN tasks t ON t.case_id = c.id AND t.state = 'open'
              WHERE c.household_id = $1 AND c.closed_at IS NULL`,
            [householdId],
          )
        ).rows[0],
      `a case for ${householdId}`,
    );

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    t1Token = await createConsoleToken(svc.db, 'T1');
    t2Token = await createConsoleToken(svc.db, 'T2');
  }, 120_000);
  afterAll(() => svc?.stop());

  it('county staff start a campaign; township staff cannot', async () => {
    const deadline = localDateString(new Date(Date.now() + 7 * 86_400_000), TZ);
    const form = `name=${encodeURIComponent('冬季集中排查')}&deadline=${deadline}&village=T1V01&village=T1V02&kind=lifted&kind=monitored&kind=ordinary`;
    expect((await post('/console/campaigns', form, t1Token)).status).toBe(403);
    const bad = await post('/console/campaigns', form.replace(/&kind=\w+/g, ''));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请至少选择一种农户类型。');
    const res = await post('/console/campaigns', form);
    expect(res.status).toBe(302);
    const m = /^\/console\/campaigns\/(\d+)\?started=(\d+)$/.exec(res.headers.get('location') ?? '');
    expect(m).not.toBeNull();
    campaign = Number(m![1]);
    items = (
      await svc.db.query<Item>(
        `SELECT i.household_id, i.village_id, h.head_name, h.status, i.cadre_userid AS cadre FROM campaign_items i
           JOIN households h ON h.id = i.household_id WHERE i.campaign_id = $1 ORDER BY i.household_id`,
        [campaign],
      )
    ).rows;
    const inScope = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM households WHERE village_id IN ('T1V01', 'T1V02')`,
    );
    expect(items.length).toBe(inScope.rows[0]!.n);
    // Along the chain: the pair-helper where there is one, else the village cadre.
    const helper = await svc.db.query<{ target_id: string; cadre_userid: string }>(
      `SELECT target_id, cadre_userid FROM links WHERE kind = 'household'`,
    );
    const helperOf = new Map(helper.rows.map((r) => [r.target_id, r.cadre_userid]));
    for (const i of items) expect(i.cadre).toBe(helperOf.get(i.household_id) ?? `bc-${i.village_id}`);
    expect(items.some((i) => i.status === 'ordinary' && i.cadre === 'bc-T1V01')).toBe(true);
    expect(items.some((i) => i.status === 'lifted' && i.cadre?.startsWith('bf-'))).toBe(true);
    expect(Number(m![2])).toBe(new Set(items.map((i) => i.cadre)).size);
    const audit = await svc.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign-start' AND entity_id = $1`, [
      String(campaign),
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it('tells each cadre once, with all their households', async () => {
    const cadres = [...new Set(items.map((i) => i.cadre!))];
    for (const cadre of cadres) {
      const mine = items.filter((i) => i.cadre === cadre);
      const notice = await waitFor(() => textsTo(cadre).find((t) => t.startsWith('【集中排查】冬季集中排查')), cadre);
      expect(notice).toContain(`您负责的 ${mine.length} 户`);
      expect(notice).toContain('排查 户号 无');
      expect(notice).toContain(mine[0]!.household_id);
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const cadre of cadres) expect(textsTo(cadre).filter((t) => t.startsWith('【集中排查】'))).toHaveLength(1);
  });

  it('shows the campaign in the list and on its page, with a township only its part', async () => {
    const list = await (await get('/console/campaigns')).text();
    expect(list).toContain('冬季集中排查');
    expect(list).toContain('id="new-campaign"');
    const page = await (await get(`/console/campaigns/${campaign}`)).text();
    expect(page).toContain(`${items.length} 户`);
    expect(page).toContain('石岭村');
    const t1 = await (await get(`/console/campaigns/${campaign}`, t1Token)).text();
    expect(t1).toContain('只显示本乡镇的农户');
    expect(await (await get('/console/campaigns', t1Token)).text()).not.toContain('id="new-campaign"');
    expect((await get(`/console/campaigns/${campaign}`, t2Token)).status).toBe(404);
    expect(await (await get('/console/campaigns', t2Token)).text()).not.toContain('冬季集中排查');
  });

  it('takes results by chat: 排查 lists, 无 records, a risk opens a case through triage', async () => {
    const helper = items.find((i) => i.status === 'lifted' && i.cadre?.startsWith('bf-'))!.cadre!;
    const mine = items.filter((i) => i.cadre === helper);
    const unique = mine.filter((i) => mine.filter((o) => o.head_name === i.head_name).length === 1);
    const [h1, h2] = [unique[0]!, unique[1]!];
    const list = await command(helper, '排查');
    expect(list).toContain(`您还有 ${mine.length} 户没有排查`);
    expect(list).toContain(h1.household_id);
    expect(await command(helper, `排查 ${h1.household_id} 无`)).toContain(
      `「冬季集中排查」排查无风险。您还有 ${mine.length - 1} 户没有排查`,
    );
    const risk = await command(helper, `排查 ${h2.head_name} 孩子初中辍学在家，房子墙裂了下雨漏雨`);
    expect(risk).toContain(`已记录：${h2.head_name}户`);
    expect(risk).toContain('发现风险（');
    expect(risk).toContain('已按干部排查上报');
    const c = await caseOf(h2.household_id);
    expect(c.channel).toBe('cadre');
    expect(c.risk_types).toEqual(expect.arrayContaining(['dropout', 'housing']));
    expect(c.cadre).toBe(helper);
    const signal = await svc.db.query<{ source: string }>(`SELECT source FROM triage_signals WHERE household_id = $1`, [
      h2.household_id,
    ]);
    expect(signal.rows.map((r) => r.source)).toEqual([helper]);
    await new Promise((r) => setTimeout(r, 1100)); // a second message in the same second reads as WeCom's retry
    expect(await command(helper, `排查 ${h2.household_id} 孩子初中辍学在家，房子墙裂了下雨漏雨`)).toContain(
      '已按同样的结果记录过了，不会重复记录或上报',
    );
    expect(await command(helper, `排查 ${h1.household_id}`)).toContain('格式不对。用法：排查 户号或户主姓名 结果');
    expect(await command(helper, '排查 H9999999 无')).toContain('您负责的农户中没有找到「H9999999」');
    const outside = (
      await svc.db.query<{ id: string }>(`SELECT id FROM households WHERE village_id = 'T1V03' ORDER BY id LIMIT 1`)
    ).rows[0]!.id;
    expect(await command('bc-T1V03', `排查 ${outside} 无`)).toContain('不在集中排查的名单中');
    expect(await progress()).toEqual({ total: items.length, clear: 1, risks: 1 });
    const audit = await svc.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign-screening'`);
    expect(audit.rows).toHaveLength(2);
  });

  it('takes results by the results sheet: bad rows named by line, good rows written, a risk reported', async () => {
    const sheet = await get(`/console/campaigns/${campaign}/results.xlsx`);
    expect(sheet.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sheet.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '户编号',
      '户主姓名',
      '乡镇',
      '村',
      '户类型',
      '负责干部',
      '排查结果',
      '情况说明',
    ]);
    expect(ws.rowCount).toBe(items.length + 1);
    for (const cell of ['G2', `G${items.length + 1}`])
      expect(ws.getCell(cell).dataValidation).toMatchObject({ type: 'list', formulae: ['"无风险,发现风险"'] });
    const rowOf = new Map<string, number>();
    ws.eachRow((row, n) => {
      if (n > 1) rowOf.set(String(row.getCell(1).value), n);
    });
    const screened = [...rowOf].filter(([, n]) => ws.getRow(n).getCell(7).value);
    expect(screened.map(([, n]) => ws.getRow(n).getCell(7).value).sort()).toEqual(['发现风险', '无风险']);
    const open = items.filter((i) => i.status === 'ordinary');
    const [a, b, r, bad1, bad2] = open;
    const fill = (h: Item, result: string, note = '') => {
      const row = ws.getRow(rowOf.get(h.household_id)!);
      row.getCell(7).value = result;
      row.getCell(8).value = note;
    };
    fill(a!, '无风险');
    fill(b!, '无', '家里情况稳定');
    fill(r!, '发现风险', '户主老人住院做手术，自付医药费3万元');
    fill(bad1!, '不清楚');
    fill(bad2!, '发现风险');
    const extra = ws.addRow(['H9999999', '', '', '', '', '', '无风险', '']).number;
    const twice = ws.addRow([a!.household_id, '', '', '', '', '', '发现风险', '房子漏雨']).number;
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = async () => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(file)]), '排查表.xlsx');
      const res = await post(`/console/campaigns/${campaign}/results`, form);
      expect(res.status).toBe(200);
      return res.text();
    };
    // Another township's staff cannot write to a campaign none of whose households are theirs.
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(file)]), '排查表.xlsx');
    expect((await post(`/console/campaigns/${campaign}/results`, form, t2Token)).status).toBe(404);
    expect(await progress()).toEqual({ total: items.length, clear: 1, risks: 1 });
    const page = await upload();
    expect(page).toContain('写入 3 户（发现风险并上报 1 户）');
    expect(page).toContain('错误 4 行');
    expect(page).toContain(
      `第 ${rowOf.get(bad1!.household_id)} 行</td><td data-label="原因" class="">排查结果「不清楚」无法识别`,
    );
    expect(page).toContain(`第 ${rowOf.get(bad2!.household_id)} 行`);
    expect(page).toContain('请在「情况说明」写明发现的情况');
    expect(page).toContain(`第 ${extra} 行</td><td data-label="原因" class="">户编号 H9999999 不在本次排查的范围内`);
    expect(page).toContain(
      `第 ${twice} 行</td><td data-label="原因" class="">户编号 ${a!.household_id} 与第${rowOf.get(a!.household_id)}行重复`,
    );
    expect(await progress()).toEqual({ total: items.length, clear: 3, risks: 2 });
    const c = await caseOf(r!.household_id);
    expect(c.channel).toBe('cadre');
    expect(c.risk_types).toContain('illness_disaster_accident');
    const signal = await svc.db.query<{ source: string }>(`SELECT source FROM triage_signals WHERE household_id = $1`, [
      r!.household_id,
    ]);
    expect(signal.rows.map((x) => x.source)).toEqual([r!.cadre]);
    // The same sheet again changes nothing and reports nothing twice.
    const again = await upload();
    // The two answered by chat came back in the sheet as they were: five unchanged.
    expect(again).toContain('写入 0 户（发现风险并上报 0 户），与已有结果相同 5 户');
    const reports = await svc.db.query(`SELECT 1 FROM inbox WHERE source = 'cadre'`);
    expect(reports.rows).toHaveLength(2);
  });

  it('shows the progress per village, and the found risks with their cases', async () => {
    const page = await (await get(`/console/campaigns/${campaign}`)).text();
    const done = 5;
    expect(page).toContain(`<span>已排查</span><b>${done} 户</b>`);
    expect(page).toContain(`<span>发现风险</span><b>2 户</b>`);
    expect(page).toContain(`<span>未排查</span><b>${items.length - done} 户</b>`);
    const perVillage = await svc.db.query<{ village_id: string; total: number; done: number }>(
      `SELECT village_id, count(*)::int AS total, count(result)::int AS done FROM campaign_items WHERE campaign_id = $1
        GROUP BY village_id ORDER BY village_id`,
      [campaign],
    );
    expect(perVillage.rows.map((v) => v.village_id)).toEqual(['T1V01', 'T1V02']);
    for (const v of perVillage.rows)
      expect(page).toMatch(
        new RegExp(`data-label="应排查" class="">${v.total}</td><td data-label="已排查" class="">${v.done}<`),
      );
    const cases = await svc.db.query<{ number: string }>(
      `SELECT c.number FROM campaign_items i JOIN inbox x ON x.id = i.inbox_id JOIN cases c ON c.id = x.case_id WHERE i.campaign_id = $1`,
      [campaign],
    );
    expect(cases.rows).toHaveLength(2);
    for (const { number } of cases.rows) expect(page).toContain(`<a href="/console/cases/${number}">`);
    const list = await (await get('/console/campaigns')).text();
    expect(list).toContain(`data-label="已排查" class="">${done}<`);
  });
});
