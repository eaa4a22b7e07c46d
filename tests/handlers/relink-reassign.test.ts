import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'relink-reassign-admin-token-0001';

/** 关联 and 改派 by hand, from chat and from the console, through the fake WeCom; each audited. */
describe('re-link and reassign by hand', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const waitFor = async <T>(fn: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  };
  const texts = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const cards = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'template_card')
      .map((s) => JSON.stringify(s.body.template_card));
  const command = async (userid: string, content: string, expectIn: string) => {
    await svc.fake!.sender!.text(userid, content);
    return waitFor(() => texts(userid).find((t) => t.includes(expectIn)));
  };
  const state = async (number: string) =>
    (
      await svc.db.query<{ id: string; household_id: string | null; holder: string | null }>(
        `SELECT c.id, c.household_id, (SELECT cadre_userid FROM tasks t WHERE t.case_id = c.id AND t.state = 'open') AS holder
           FROM cases c WHERE number = $1`,
        [number],
      )
    ).rows[0]!;
  const audits = async (caseId: string) =>
    (
      await svc.db.query<{ actor: string; action: string; note: string }>(
        `SELECT actor, action, note FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id`,
        [caseId],
      )
    ).rows;
  const post = (path: string, form: Record<string, string>, token = ADMIN_TOKEN) =>
    fetch(`${svc.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `sw_console=${token}`,
        origin: svc.base,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
  /** A green-channel villager report nobody could match: held by the county office. */
  const unmatchedCase = async (user: string) => {
    await svc.fake!.sender!.villagerSays(user, 'wk-demo', '我男人在工地摔伤了，腿骨折住院，花了两万多');
    const receipt = await waitFor(() => svc.fake!.state.sent.find((s) => s.api === 'kf/send_msg' && s.to === user));
    return /编号 (SW\d{10})/.exec((receipt.body.text as { content: string }).content)![1]!;
  };
  type H = { id: string; head_name: string; helper: string; village_cadre: string };
  let hs: H[];

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    hs = (
      await svc.db.query<H>(
        `SELECT h.id, h.head_name, l.cadre_userid AS helper, vl.cadre_userid AS village_cadre FROM households h
           JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
           JOIN links vl ON vl.kind = 'village' AND vl.target_id = v.id
          WHERE v.township_id = 'T1' ORDER BY h.id LIMIT 40`,
      )
    ).rows;
  });
  afterAll(() => svc.stop());

  it('关联 from chat links and reassigns; the township leader above corrects it; 改派 hands the task on', async () => {
    const number = await unmatchedCase('wm-relink-1');
    const holder = (await state(number)).holder!;
    const [a] = hs;
    const b = hs.find((h) => h.helper !== a!.helper)!;

    expect(await command(holder, `关联 ${number} ${a!.id}`, '已关联')).toContain(a!.head_name);
    expect(await state(number)).toMatchObject({ household_id: a!.id, holder: a!.helper });
    await waitFor(() => cards(a!.helper).find((c) => c.includes(number)));

    // The chain above corrects a link made below.
    expect(await command('bp-T1', `关联 ${number} ${b.id}`, `${number} 已关联`)).toContain(b.head_name);
    expect(await state(number)).toMatchObject({ household_id: b.id, holder: b.helper });

    expect(await command('bp-T1', `改派 ${number} ${b.village_cadre}`, '已改派')).toContain(number);
    expect((await state(number)).holder).toBe(b.village_cadre);
    expect(await waitFor(() => texts(b.village_cadre).find((t) => t.includes('改派给您')))).toContain(number);
    expect(await waitFor(() => texts(b.helper).find((t) => t.includes('改派给')))).toContain(number);

    const log = await audits((await state(number)).id);
    const links = log.filter((r) => r.action === 'link');
    expect(links.map((r) => r.actor)).toEqual([holder, 'bp-T1']);
    expect(links[1]!.note).toContain(`原户 ${a!.id}`);
    expect(log.filter((r) => r.action === 'reassign').at(-1)).toMatchObject({ actor: 'bp-T1' });

    // Wrong forms get their usage line and change nothing.
    expect(await command('bp-T1', '改派', '用法')).toContain('改派 编号');
  });

  it('关联 and 改派 from the console case page, for the county and the township in charge only', async () => {
    const number = await unmatchedCase('wm-relink-2');
    const [, , c] = hs;
    const page = await (
      await fetch(`${svc.base}/console/cases/${number}`, { headers: { cookie: `sw_console=${ADMIN_TOKEN}` } })
    ).text();
    expect(page).toContain(`/console/cases/${number}/link`);

    const t2 = await createConsoleToken(svc.db, 'T2');
    expect((await post(`/console/cases/${number}/link`, { target: c!.id }, t2)).status).toBe(404);
    const bad = await post(`/console/cases/${number}/link`, { target: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请填写户号或户主姓名');
    expect((await state(number)).household_id).toBeNull();

    const linked = await post(`/console/cases/${number}/link`, { target: c!.id });
    expect(linked.status).toBe(200);
    expect(await linked.text()).toContain(c!.head_name);
    expect(await state(number)).toMatchObject({ household_id: c!.id, holder: c!.helper });
    await waitFor(() => cards(c!.helper).find((x) => x.includes(number)));

    const t1 = await createConsoleToken(svc.db, 'T1');
    expect((await post(`/console/cases/${number}/reassign`, { to: c!.village_cadre }, t1)).status).toBe(200);
    expect((await state(number)).holder).toBe(c!.village_cadre);
    const log = await audits((await state(number)).id);
    expect(log.find((r) => r.action === 'link')!.actor).toMatch(/^console:/);
    expect(log.filter((r) => r.action === 'reassign').at(-1)!.actor).toMatch(/^console:/);
  });
});
