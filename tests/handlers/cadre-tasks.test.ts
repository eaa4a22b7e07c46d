import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';

/** A villager's report becomes a task card; the cadre drives it through the lifecycle by buttons and text. */
describe('cadre tasks end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const waitFor = async <T>(
    fn: () => Promise<T | undefined | false> | T | undefined | false,
    what = 'condition',
  ): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const sent = () => svc.fake!.state.sent;
  const textsTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const cardsTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'template_card')
      .map((s) => s.body.template_card as Card);
  const updatesTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'update_template_card' && s.to === to)
      .map((s) => s.body);
  const kfTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'kf/send_msg' && s.to === to)
      .map((s) => (s.body.text as { content: string }).content);
  const caseState = async (number: string) =>
    (await svc.db.query<{ state: string }>('SELECT state FROM cases WHERE number = $1', [number])).rows[0]!.state;
  /** A cadre types a command and we wait for the answer. */
  const command = async (userid: string, text: string) => {
    const before = textsTo(userid).length;
    expect((await svc.fake!.sender!.text(userid, text)).status).toBe(200);
    return waitFor(() => textsTo(userid)[before], `reply to ${text}`);
  };
  type Card = {
    task_id: string;
    main_title: { title: string; desc: string };
    horizontal_content_list: Array<{ keyname: string; value: string }>;
    button_list: Array<{ key: string; text: string }>;
  };

  let h: {
    id: string;
    head_name: string;
    village: string;
    village_id: string;
    helper: string;
    phone: string;
    id_number: string;
    village_cadre: string;
    village_cadre_name: string;
  };
  let other: string;
  const villager = 'wm-lifecycle';
  let number = '';
  let card: Card;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', VILLAGER_UPDATE_DELAY_MS: '50' });
    h = (
      await svc.db.query<typeof h>(
        `SELECT h.id, h.head_name, v.name AS village, v.id AS village_id, l.cadre_userid AS helper, h.phone, m.id_number,
              vc.cadre_userid AS village_cadre, k.name AS village_cadre_name
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN members m ON m.household_id = h.id AND m.relation = '户主'
         JOIN links l ON l.kind = 'household' AND l.target_id = h.id
         JOIN links vc ON vc.kind = 'village' AND vc.target_id = v.id JOIN cadres k ON k.userid = vc.cadre_userid
        WHERE h.status = 'lifted' AND h.phone IS NOT NULL AND EXISTS (SELECT 1 FROM members x WHERE x.household_id = h.id AND x.labour = 'full')
        ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    // A pair-helper from another village: not in charge of this household.
    other = (
      await svc.db.query<{ u: string }>(
        `SELECT l.cadre_userid AS u FROM links l JOIN households x ON x.id = l.target_id
        WHERE l.kind = 'household' AND x.village_id <> $1 AND l.cadre_userid <> $2 LIMIT 1`,
        [h.village_id, h.helper],
      )
    ).rows[0]!.u;
  });
  afterAll(() => svc.stop());

  it('sends the helper a card with the case, masked ID, channel, deadline and buttons', async () => {
    await svc.fake!.sender!.villagerSays(
      villager,
      'wk-demo',
      `我是${h.head_name}，身份证${h.id_number}，电话${h.phone}，家里房子墙裂了，下雨漏雨`,
    );
    const receipt = await waitFor(() => kfTo(villager)[0], 'receipt');
    number = /编号 (SW\d{10})/.exec(receipt)![1]!;
    card = await waitFor(() => cardsTo(h.helper)[0], 'card');
    expect(card.main_title).toEqual({ title: '【预警】住房无保障', desc: `编号 ${number}` });
    const fields = Object.fromEntries(card.horizontal_content_list.map((f) => [f.keyname, f.value]));
    expect(fields['农户']).toBe(`${h.head_name}户（${h.village}）`);
    expect(fields['户主证件']).toBe(`${h.id_number.slice(0, 4)}**********${h.id_number.slice(-4)}`);
    expect(fields['来源']).toBe('农户自主申报（微信）');
    expect(fields['签收时限']).toMatch(/^\d+月\d+日 \d\d:\d\d$/);
    expect(fields['为什么']).toMatch(/^住房\(/); // the rule that read the report, in one line
    expect(card.button_list.map((b) => [b.key, b.text])).toEqual([
      ['ack', '签收'],
      ['help', '需要协助'],
    ]);
    const raw = JSON.stringify(card);
    expect(raw).not.toContain(h.id_number);
    expect(raw).not.toContain(h.phone);
  });

  it('applies a press once: the card is redrawn, a WeCom retry and a second press change nothing', async () => {
    const sender = svc.fake!.sender!;
    const sealed = sender.seal(sender.pressXml(h.helper, card.task_id, 'ack'));
    expect((await sender.postSealed(sealed.body, sealed.query)).status).toBe(200);
    expect((await sender.postSealed(sealed.body, sealed.query)).status).toBe(200); // WeCom's retry of the same callback
    const update = await waitFor(() => updatesTo(h.helper)[0], 'card update');
    expect(await caseState(number)).toBe('acknowledged');
    const redrawn = update.template_card as Card;
    expect(redrawn.button_list.map((b) => b.text)).toEqual(['已入户核实', '需要协助']);
    expect(JSON.stringify(redrawn)).toContain('已签收');

    await new Promise((r) => setTimeout(r, 1100)); // a later press, not a retry (CreateTime is in seconds)
    await sender.press(h.helper, card.task_id, 'ack');
    await waitFor(() => updatesTo(h.helper)[1], 'second card update');
    const refusal = await waitFor(() => textsTo(h.helper).find((t) => t.includes('无需重复签收')), 'refusal');
    expect(refusal).toBe(`编号 ${number}：已经「已签收」，无需重复签收。`);
    const acks = await svc.db.query(`SELECT actor, from_state, to_state FROM audit_log WHERE action = 'acknowledge'`);
    expect(acks.rows).toEqual([{ actor: h.helper, from_state: 'assigned', to_state: 'acknowledged' }]);
    expect(
      await waitFor(() => kfTo(villager).find((t) => t.includes('已由负责干部签收')), 'villager update'),
    ).toContain(number);
  });

  it('refuses a cadre who is not in charge, politely, and audits the attempt', async () => {
    const reply = await command(other, `核实 ${number} 看过了`);
    expect(reply).toContain('不在您负责的范围内');
    expect(await caseState(number)).toBe('acknowledged');
    const { rows } = await svc.db.query(`SELECT action, note FROM audit_log WHERE actor = $1`, [other]);
    expect(rows).toEqual([{ action: 'refused', note: '无权办理: verify' }]);
  });

  it('walks verify → 纳入 (a proposal now: the procedure decides, tests/handlers/procedure.test.ts walks it) by text', async () => {
    expect(await command(h.helper, `核实 ${number} 已入户，墙体开裂，人均收入约6800元`)).toBe(
      `编号 ${number}：已签收 → 已入户核实，已记录。`,
    );
    // A text command redraws the card in place too, saying who did the step and when.
    const redrawn = await waitFor(
      () =>
        updatesTo(h.helper)
          .map((u) => u.template_card as Card | undefined)
          .find((c) =>
            c?.horizontal_content_list.some((f) => f.keyname === '最近办理' && f.value.endsWith('入户核实')),
          ),
      'card redrawn after 核实',
    );
    const name = (await svc.db.query<{ name: string }>('SELECT name FROM cadres WHERE userid = $1', [h.helper]))
      .rows[0]!.name;
    expect(Object.fromEntries(redrawn.horizontal_content_list.map((f) => [f.keyname, f.value]))).toMatchObject({
      状态: expect.stringMatching(/^已入户核实/),
      最近办理: expect.stringMatching(new RegExp(`^${name} \\d+月\\d+日 \\d\\d:\\d\\d 入户核实$`)),
    });
    expect(redrawn.task_id).toMatch(/^sw-task-\d+$/); // the first card, in place
    // A 脱贫户 is not an 边缘易致贫户: refused with the reason.
    expect(await command(h.helper, `纳入 ${number} 边缘易致贫户`)).toContain('类别与收入情况不符');
    expect(await command(h.helper, `纳入 ${number} 脱贫不稳定户`)).toContain('已提出，下一步「村级民主评议」');
    const hh = await svc.db.query(
      'SELECT status, monitoring_kind, risk_open, income_per_capita FROM households WHERE id = $1',
      [h.id],
    );
    expect(hh.rows).toEqual([{ status: 'lifted', monitoring_kind: null, risk_open: false, income_per_capita: 6800 }]);
    expect(await command(h.helper, `消除 ${number}`)).toContain('不能申请风险消除');
    const trail = await svc.db.query(
      `SELECT action, from_state, to_state FROM audit_log WHERE entity = 'case' AND action <> 'refused' AND entity_id = (SELECT id::text FROM cases WHERE number = $1) ORDER BY id`,
      [number],
    );
    expect(trail.rows.map((r) => `${r.action}:${r.from_state ?? ''}>${r.to_state ?? ''}`)).toEqual([
      'open-case:>reported',
      'assign:reported>assigned',
      'acknowledge:assigned>acknowledged',
      'verify:acknowledged>verified',
      'propose:verified>proposed',
      'procedure-propose:>村级民主评议',
    ]);
    const card = await waitFor(
      () => cardsTo(h.village_cadre).find((c) => c.main_title.desc === `编号 ${number}`),
      'procedure card to the village cadre',
    );
    expect(card.main_title.title).toBe('【识别认定】村级民主评议');
  });

  it('keeps villager updates within the 48-hour window: at most three, the rest held until the villager writes', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const updates = kfTo(villager).slice(1);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(3);
    const all = updates.join('\n');
    expect(all).not.toContain(h.phone);
    // Each status line names the case once: what was not delivered must be waiting in the store.
    const delivered = all.split(`编号 ${number}`).length - 1;
    const held = (
      await svc.db.query<{ n: number }>(
        'SELECT count(*)::int n FROM villager_updates WHERE external_userid = $1 AND sent_at IS NULL',
        [villager],
      )
    ).rows[0]!.n;
    expect(delivered + held).toBe(2);
    await svc.fake!.sender!.villagerSays(villager, 'wk-demo', '谢谢干部');
    await waitFor(
      async () =>
        (
          await svc.db.query<{ n: number }>(
            'SELECT count(*)::int n FROM villager_updates WHERE external_userid = $1 AND sent_at IS NULL',
            [villager],
          )
        ).rows[0]!.n === 0,
      'held updates sent',
    );
    const total = (
      await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM villager_updates WHERE external_userid = $1', [
        villager,
      ])
    ).rows[0]!.n;
    expect(total).toBe(2); // acknowledged, verified; the proposal is not announced (the procedure's outcome is)
    await waitFor(() => kfTo(villager).some((t) => t.includes('已上门核实')), 'verified update delivered');
  });

  it('answers 我的任务, help, wrong numbers and strangers in Chinese', async () => {
    await svc.fake!.sender!.villagerSays(
      'wm-second',
      'wk-demo',
      `我是${h.head_name}，身份证${h.id_number}，电话${h.phone}，孩子这学期没去上学了`,
    );
    const second = /编号 (SW\d{10})/.exec(await waitFor(() => kfTo('wm-second')[0], 'receipt'))![1]!;
    await waitFor(() => cardsTo(h.helper)[1], 'second card');
    const tasks = await command(h.helper, '我的任务');
    expect(tasks).toContain('您有 2 项未办结任务'); // the first is in its identification procedure
    expect(tasks).toContain(`1. ${second} ${h.head_name}户（${h.village}） 待签收，`);
    expect(await command(h.helper, '签收 SW2099999999')).toBe(
      '没有找到编号 SW2099999999 的事项，请核对编号（发送「我的任务」查看）。',
    );
    expect(await command(h.helper, '签收')).toContain('格式不对。用法：签收 编号');
    expect(await command(h.helper, '今天天气不错')).toContain('守望·干部指令');
    expect(await command('stranger', '我的任务')).toContain('还不是守望平台登记的帮扶干部');
  });

  it('hands a task over with 转交 and asks the village cadre for help with the card button', async () => {
    const second = (
      await svc.db.query<{ number: string }>(
        `SELECT number FROM cases WHERE state = 'assigned' ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0]!.number;
    const secondCard = cardsTo(h.helper)[1]!;
    await svc.fake!.sender!.press(h.helper, secondCard.task_id, 'help');
    const ask = await waitFor(() => textsTo(h.village_cadre).find((t) => t.startsWith('【协助请求】')), 'help request');
    expect(ask).toContain(second);
    expect(await waitFor(() => textsTo(h.helper).find((t) => t.startsWith('已请')), 'help reply')).toContain(
      h.village_cadre_name,
    );

    expect(await command(h.helper, `转交 ${second} ${h.village_cadre}`)).toBe(
      `编号 ${second} 已转交给 ${h.village_cadre_name}。`,
    );
    // The text command redraws the old card too (with the code message/send gave for it): no button is left.
    await waitFor(
      () =>
        updatesTo(h.helper).some((u) => (u.button as { replace_name?: string } | undefined)?.replace_name === '已转交'),
      'the old card greyed out',
    );
    const handed = await waitFor(
      () => cardsTo(h.village_cadre).find((c) => c.main_title.desc === `编号 ${second}`),
      'card to the colleague',
    );
    expect(handed.button_list.map((b) => b.text)).toEqual(['签收', '需要协助']);
    const tasks = await svc.db.query(
      `SELECT t.cadre_userid, t.state FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.number = $1 ORDER BY t.id`,
      [second],
    );
    expect(tasks.rows).toEqual([
      { cadre_userid: h.helper, state: 'transferred' },
      { cadre_userid: h.village_cadre, state: 'open' },
    ]);
    expect(await command(h.village_cadre, `签收 ${second}`)).toBe(`编号 ${second}：待签收 → 已签收，已记录。`);
  });
});
