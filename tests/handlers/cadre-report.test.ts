import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';

/**
 * 干部排查 as a channel: a visit note that reads as a risk is offered for 上报; the press, or the
 * 上报 text command, stores a report that the same triage job opens as a case (channel cadre).
 */
describe('cadre 上报 end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const waitFor = async <T>(
    fn: () => Promise<T | undefined | false | null> | T | undefined | false | null,
    what: string,
  ): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  type Card = {
    task_id: string;
    main_title: { title: string; desc: string };
    horizontal_content_list: Array<{ keyname: string; value: string }>;
    button_list: Array<{ key: string; text: string }>;
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
      .map((s) => s.body as { button?: { replace_name: string } });
  const command = async (userid: string, text: string) => {
    const before = textsTo(userid).length;
    expect((await svc.fake!.sender!.text(userid, text)).status).toBe(200);
    return waitFor(() => textsTo(userid)[before], `reply to ${text}`);
  };
  const press = async (userid: string, taskId: string, key: string) => {
    const before = textsTo(userid).length;
    expect((await svc.fake!.sender!.press(userid, taskId, key)).status).toBe(200);
    return waitFor(() => textsTo(userid)[before], `reply to the press on ${taskId}`);
  };
  /** The household's open case with its channel, risk types and the task's cadre, once triage opened it. */
  const caseOf = (householdId: string) =>
    waitFor(
      async () =>
        (
          await svc.db.query<{ number: string; channel: string; risk_types: string[]; state: string; cadre: string }>(
            `SELECT c.number, c.evidence->0->>'channel' AS channel, c.risk_types, c.state, t.cadre_userid AS cadre
               FROM cases c JOIN tasks t ON t.case_id = c.id AND t.state = 'open'
              WHERE c.household_id = $1 AND c.closed_at IS NULL`,
            [householdId],
          )
        ).rows[0],
      `a case for ${householdId}`,
    );
  const count = async (sql: string, params: unknown[]) =>
    Number((await svc.db.query<{ n: string }>(sql, params)).rows[0]!.n);

  type H = {
    id: string;
    head_name: string;
    village: string;
    village_id: string;
    helper: string;
    village_cadre: string;
  };
  let h: H;
  let h2: H;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    const lifted = (
      await svc.db.query<H>(
        `SELECT h.id, h.head_name, v.name AS village, v.id AS village_id, l.cadre_userid AS helper, vc.cadre_userid AS village_cadre
           FROM households h JOIN villages v ON v.id = h.village_id
           JOIN links l ON l.kind = 'household' AND l.target_id = h.id
           JOIN links vc ON vc.kind = 'village' AND vc.target_id = v.id
          WHERE h.status = 'lifted' AND l.cadre_userid <> vc.cadre_userid
            AND NOT EXISTS (SELECT 1 FROM households o WHERE o.id <> h.id AND o.head_name = h.head_name)
          ORDER BY v.id, h.id`,
      )
    ).rows;
    // Two households of one village with different pair-helpers: each helper is in charge of one only.
    h = lifted[0]!;
    h2 = lifted.find((x) => x.village_id === h.village_id && x.helper !== h.helper)!;
    expect(h2).toBeDefined();
  });
  afterAll(() => svc.stop());

  it('a plain visit records the visit and offers nothing', async () => {
    const reply = await command(h.helper, `走访 ${h.id} 家里都好，孩子正常上学`);
    expect(reply).toContain(`已记录 ${h.head_name}户`);
    expect(reply).not.toContain('风险');
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsTo(h.helper).filter((c) => c.main_title.title === '发现风险，要上报吗？')).toEqual([]);
  });

  it('a visit note with a risk gets the 上报 offer, and no case opens by itself', async () => {
    const reply = await command(h.helper, `走访 ${h.id} 孩子初中辍学在家，房子墙裂了下雨漏雨`);
    expect(reply).toContain(`已记录 ${h.head_name}户（${h.village}）的入户走访`);
    expect(reply).toContain('记录中读出风险：');
    expect(reply).toContain(`上报 ${h.id}`);
    const offer = await waitFor(
      () => cardsTo(h.helper).find((c) => c.main_title.title === '发现风险，要上报吗？'),
      'the 上报 offer',
    );
    expect(offer.button_list.map((b) => [b.key, b.text])).toEqual([['visit-report', '上报']]);
    const risks = offer.horizontal_content_list.find((f) => f.keyname === '读出的风险')!.value;
    expect(risks).toContain('失学辍学');
    expect(risks).toContain('住房无保障');
    expect(await count('SELECT count(*) AS n FROM cases WHERE household_id = $1', [h.id])).toBe(0);
  });

  it('the press opens a case with channel cadre, the risk types read, assigned to the pair-helper', async () => {
    const offer = cardsTo(h.helper).find((c) => c.main_title.title === '发现风险，要上报吗？')!;
    const reply = await press(h.helper, offer.task_id, 'visit-report');
    expect(reply).toContain(`已上报 ${h.head_name}户（${h.village}）的情况`);
    expect(reply).toContain('干部排查');
    await waitFor(() => updatesTo(h.helper).find((u) => u.button?.replace_name === '已上报'), 'the card greyed out');
    const c = await caseOf(h.id);
    expect(c.channel).toBe('cadre');
    expect(c.risk_types).toEqual(expect.arrayContaining(['dropout', 'housing']));
    expect(c.state).toBe('assigned');
    expect(c.cadre).toBe(h.helper);
    const signal = (
      await svc.db.query<{ channel: string; source: string }>(
        `SELECT s.channel, s.source FROM triage_signals s JOIN cases k ON k.id = s.case_id WHERE k.number = $1`,
        [c.number],
      )
    ).rows;
    expect(signal).toEqual([{ channel: 'cadre', source: h.helper }]);
    const card = await waitFor(
      () => cardsTo(h.helper).find((k) => k.main_title.desc === `编号 ${c.number}`),
      'task card',
    );
    expect(card.horizontal_content_list.find((f) => f.keyname === '来源')!.value).toBe('干部排查');
    expect(
      await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'cadre-report' AND entity_id = $1`, [h.id]),
    ).toBe(1);
  });

  it('a second press reports nothing twice', async () => {
    const offer = cardsTo(h.helper).find((c) => c.main_title.title === '发现风险，要上报吗？')!;
    // A press in the same second would be taken for WeCom's retry of the first callback.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await press(h.helper, offer.task_id, 'visit-report')).toContain('已经上报过了');
    expect(await count(`SELECT count(*) AS n FROM inbox WHERE source = 'cadre'`, [])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM cases WHERE household_id = $1', [h.id])).toBe(1);
  });

  it('the text command by 户主姓名 opens a case too, assigned along the chain', async () => {
    const reply = await command(h2.village_cadre, `上报 ${h2.head_name} 老人住院做手术，自付医药费3万元`);
    expect(reply).toContain(`已上报 ${h2.head_name}户`);
    const c = await caseOf(h2.id);
    expect(c.channel).toBe('cadre');
    expect(c.risk_types).toContain('illness_disaster_accident');
    expect(c.cadre).toBe(h2.helper); // the household's pair-helper, not the village cadre who reported it
    const source = (
      await svc.db.query<{ source: string }>(`SELECT source FROM triage_signals WHERE household_id = $1`, [h2.id])
    ).rows.map((r) => r.source);
    expect(source).toEqual([h2.village_cadre]);
  });

  it('refuses unknown and ambiguous names, households out of charge and unregistered members', async () => {
    expect(await command(h.helper, '上报 查无此人 房子漏雨')).toBe(
      '您负责的农户中没有找到「查无此人」，请用户号或户主姓名。',
    );
    // A pair-helper only reports households in their charge.
    expect(await command(h.helper, `上报 ${h2.id} 房子漏雨`)).toContain('没有找到');
    const twin = (
      await svc.db.query<{ id: string }>(
        `UPDATE households SET head_name = $1 WHERE id = (SELECT id FROM households WHERE village_id = $2 AND id NOT IN ($3, $4) ORDER BY id LIMIT 1) RETURNING id`,
        [h2.head_name, h.village_id, h.id, h2.id],
      )
    ).rows[0]!.id;
    const ambiguous = await command(h2.village_cadre, `上报 ${h2.head_name} 房子漏雨`);
    expect(ambiguous).toContain(`有 2 户叫「${h2.head_name}」`);
    expect(ambiguous).toContain(twin);
    expect(ambiguous).toContain('请用户号');
    expect(await command('nobody-here', `上报 ${h.id} 房子漏雨`)).toContain('还不是守望平台登记的帮扶干部');
    expect(await command(h.helper, `上报 ${h.id}`)).toContain(`格式不对。用法：上报 户号或户主姓名 情况`);
    expect(await count(`SELECT count(*) AS n FROM inbox WHERE source = 'cadre'`, [])).toBe(2);
  });
});
