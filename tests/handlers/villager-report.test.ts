import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';
import { villagerChat, waitFor } from '../helpers/villager-chat.js';

/** A villager reports through 微信客服 on the fake WeCom: real callback, Redis, workers, store. */
describe('villager report end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const { kfReplies, say } = villagerChat(() => svc);

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
  });
  afterAll(() => svc.stop());

  it('asks for what is missing, then opens the case for the right household, answers with a receipt and tells the cadre', async () => {
    const h = (
      await svc.db.query<{ id: string; head_name: string; village: string; helper: string; phone: string }>(
        `SELECT h.id, h.head_name, v.name AS village, l.cadre_userid AS helper, h.phone FROM households h
       JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
       WHERE h.status = 'lifted' AND h.phone IS NOT NULL
         AND (SELECT count(*) FROM members m JOIN households h2 ON h2.id = m.household_id WHERE h2.village_id = h.village_id AND m.name = h.head_name) = 1
       ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    const user = 'wm-villager-1';

    expect((await say(user, '你好')).status).toBe(200);
    await waitFor(() => kfReplies(user).length === 1);
    expect(kfReplies(user)[0]).toContain('遇到了什么困难');

    await say(user, '我家的低保这三个月都没到账');
    await waitFor(() => kfReplies(user).length === 2);
    expect(kfReplies(user)[1]).toContain('姓名和所在的村');

    await say(user, `我叫${h.head_name}，${h.village}`);
    await waitFor(() => kfReplies(user).length === 3);
    expect(kfReplies(user)[2]).toContain('手机号码');

    await say(user, `电话${h.phone}`);
    const receipt = await waitFor(() => kfReplies(user)[3]);
    const number = /编号 (SW\d{10})/.exec(receipt)?.[1];
    expect(number).toBeDefined();

    const { rows } = await svc.db.query(
      'SELECT household_id, risk_types, reporter, state FROM cases WHERE number = $1',
      [number],
    );
    expect(rows).toEqual([{ household_id: h.id, risk_types: ['policy_gap'], reporter: user, state: 'assigned' }]);
    const toCadre = await waitFor(() =>
      svc.fake!.state.sent.find((s) => s.api === 'message/send' && s.to === h.helper),
    );
    const card = JSON.stringify(toCadre.body.template_card);
    expect(card).toContain(number!);
    expect(card).toContain('政策未落实');
    expect(card).not.toContain(h.phone);

    // Later messages become evidence on the same case, not new cases.
    await say(user, '补充一下，去年也断过两个月');
    await waitFor(() => kfReplies(user).length === 5);
    expect(kfReplies(user)[4]).toContain(number!);
    const ev = await svc.db.query<{ n: number }>('SELECT jsonb_array_length(evidence) n FROM cases WHERE number = $1', [
      number,
    ]);
    expect(ev.rows[0]!.n).toBe(2);
    expect((await svc.db.query('SELECT count(*)::int n FROM cases')).rows[0]).toEqual({ n: 1 });
  });

  it('opens a green-channel case at once for a sudden severe event, asking who it is in the same receipt', async () => {
    const user = 'wm-villager-2';
    await say(user, '我男人在工地摔伤了，腿骨折住院，花了两万多');
    const receipt = await waitFor(() => kfReplies(user)[0]);
    expect(receipt).toContain('绿色通道');
    expect(receipt).toContain('姓名和所在的村');
    const { rows } = await svc.db.query(`SELECT urgency, match_method FROM cases WHERE reporter = $1`, [user]);
    expect(rows).toEqual([{ urgency: 'green', match_method: 'unmatched' }]);
  });

  it('stores each pulled message once even when the kf event is delivered twice', async () => {
    const user = 'wm-villager-3';
    svc.fake!.state.addKfMessage(user, 'wk-demo', '你好');
    const sealed = svc.fake!.sender!.seal(svc.fake!.sender!.kfEventXml('wk-demo'));
    await svc.fake!.sender!.postSealed(sealed.body, sealed.query);
    await svc.fake!.sender!.villagerSays(user, 'wk-demo', '在吗');
    await waitFor(() => kfReplies(user).length === 2);
    const { rows } = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int n FROM inbox WHERE source = 'kf' AND payload->>'external_userid' = $1`,
      [user],
    );
    expect(rows[0]!.n).toBe(2);
  });
});
