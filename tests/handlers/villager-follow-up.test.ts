import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';
import { villagerChat, waitFor } from '../helpers/villager-chat.js';

/** After the receipt, through the fake WeCom: status questions, thanks, wishes and a second hardship. */
describe('villager follow-up after the receipt', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const { ask } = villagerChat(() => svc);
  const evidenceOf = async (number: string) =>
    (await svc.db.query<{ n: number }>('SELECT jsonb_array_length(evidence) n FROM cases WHERE number = $1', [number]))
      .rows[0]!.n;

  let h: { id: string; head_name: string; village: string; helper: string; helper_name: string; phone: string };
  const user = 'wm-follow-1';
  let number: string;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    h = (
      await svc.db.query<typeof h>(
        `SELECT h.id, h.head_name, v.name AS village, l.cadre_userid AS helper, k.name AS helper_name, h.phone
           FROM households h JOIN villages v ON v.id = h.village_id
           JOIN links l ON l.kind = 'household' AND l.target_id = h.id JOIN cadres k ON k.userid = l.cadre_userid
          WHERE h.status = 'lifted' AND h.phone IS NOT NULL
            AND (SELECT count(*) FROM members m JOIN households h2 ON h2.id = m.household_id
                  WHERE h2.village_id = h.village_id AND m.name = h.head_name) = 1
          ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    const receipt = await ask(user, `我家的低保这三个月都没到账。我叫${h.head_name}，${h.village}，电话${h.phone}`);
    number = /编号 (SW\d{10})/.exec(receipt)![1]!;
  });
  afterAll(() => svc.stop());

  it('answers a status question with the state, who holds it (role and surname) and the next step with its date', async () => {
    const answer = await ask(user, '我上次反映的事情办得怎么样了？');
    expect(answer).toContain(number);
    expect(answer).toContain('待签收');
    expect(answer).toContain(`帮扶责任人${h.helper_name[0]}干部`);
    expect(answer).toMatch(/下一步：干部签收后与您联系，\d+月\d+日 \d\d:\d\d 前/);
    expect(answer).not.toContain(h.helper_name.slice(1) || '\u0000');
    expect(answer).not.toContain(h.phone);
    expect(await ask(user, '查一下进度')).toContain(number);
    expect(await evidenceOf(number)).toBe(1);
  });

  it('answers thanks politely and does not store it as evidence', async () => {
    const answer = await ask(user, '谢谢你们');
    expect(answer).toContain('不客气');
    expect(answer).not.toContain('记入编号');
    expect(await evidenceOf(number)).toBe(1);
  });

  it('records "已经解决了" as the villager\'s wish and tells the cadre, who decides; the case stays open', async () => {
    const answer = await ask(user, '已经解决了，不用了');
    expect(answer).toContain('转告负责干部');
    const note = await waitFor(() =>
      svc.fake!.state.sent.find(
        (s) => s.api === 'message/send' && s.to === h.helper && JSON.stringify(s.body).includes('村民意愿'),
      ),
    );
    expect(JSON.stringify(note.body)).toContain(number);
    const { rows } = await svc.db.query(
      `SELECT a.action, a.actor, a.note, c.state FROM audit_log a JOIN cases c ON c.id::text = a.entity_id
        WHERE c.number = $1 AND a.action = 'villager-wish'`,
      [number],
    );
    expect(rows).toEqual([
      { action: 'villager-wish', actor: `villager:${user}`, note: '村民表示：已经解决了，不用了', state: 'assigned' },
    ]);
    expect(await evidenceOf(number)).toBe(1);
  });

  it('opens a second report for a new, different hardship instead of filing it on the first', async () => {
    const receipt = await ask(user, '还有个事，我家房子裂了好大的缝，下雨漏水，住着害怕');
    const second = /编号 (SW\d{10})/.exec(receipt)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(number);
    expect(receipt).not.toContain('姓名'); // who they are is known: not asked again
    const { rows } = await svc.db.query<{ number: string; household_id: string; risk_types: string[] }>(
      'SELECT number, household_id, risk_types FROM cases WHERE reporter = $1 ORDER BY id',
      [user],
    );
    expect(rows.map((r) => [r.number, r.household_id])).toEqual([
      [number, h.id],
      [second, h.id],
    ]);
    expect(rows[1]!.risk_types).toContain('housing');
    expect(await evidenceOf(number)).toBe(1);
    // Both are listed when the villager asks again.
    const status = await ask(user, '办得怎么样了');
    expect(status).toContain(number);
    expect(status).toContain(second!);
  });

  it('still files more about the same hardship as evidence', async () => {
    const answer = await ask(user, '补充一下，去年也断过两个月的低保');
    expect(answer).toMatch(/已把您补充的内容记入编号 SW\d{10}/);
  });
});
