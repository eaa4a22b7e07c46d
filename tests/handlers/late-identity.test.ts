import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';
import { villagerChat, waitFor } from '../helpers/villager-chat.js';

/** Who it is, told after the receipt, through the fake WeCom: matched again, linked, reassigned, audited. */
describe('late identity', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const { kfReplies, ask } = villagerChat(() => svc);
  const texts = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const cards = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'template_card')
      .map((s) => JSON.stringify(s.body.template_card));
  const caseOf = async (number: string) =>
    (
      await svc.db.query<{ id: string; household_id: string | null; holder: string | null }>(
        `SELECT c.id, c.household_id, (SELECT cadre_userid FROM tasks t WHERE t.case_id = c.id AND t.state = 'open') AS holder
           FROM cases c WHERE number = $1`,
        [number],
      )
    ).rows[0]!;
  type H = { id: string; head_name: string; village: string; helper: string; phone: string };
  /** Households whose head's name is unique in its village, with their helper. */
  const households = async (n: number, offset = 0) =>
    (
      await svc.db.query<H>(
        `SELECT h.id, h.head_name, v.name AS village, l.cadre_userid AS helper, h.phone FROM households h
           JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
          WHERE h.phone IS NOT NULL
            AND (SELECT count(*) FROM households x WHERE x.village_id = h.village_id AND x.head_name = h.head_name) = 1
            AND NOT EXISTS (SELECT 1 FROM members m JOIN households x ON x.id = m.household_id
                             WHERE x.village_id = h.village_id AND m.name = h.head_name AND x.id <> h.id)
          ORDER BY h.id LIMIT $1 OFFSET $2`,
        [n, offset],
      )
    ).rows;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
  });
  afterAll(() => svc.stop());

  it('links a green-channel case when the name and village come after the receipt, moves it to the helper and audits it', async () => {
    const [h] = await households(1);
    const user = 'wm-late-1';
    const receipt = await ask(user, '我男人在工地摔伤了，腿骨折住院，花了两万多');
    const number = /编号 (SW\d{10})/.exec(receipt)![1]!;
    const before = await caseOf(number);
    expect(before.household_id).toBeNull();
    const firstHolder = before.holder!;

    // Without a household the case cannot be 纳入监测.
    await svc.fake!.sender!.text(firstHolder, `纳入 ${number} 突发严重困难户`);
    expect(await waitFor(() => texts(firstHolder).find((t) => t.includes('还没有关联农户')))).toContain(number);

    const line = await ask(user, `${h!.head_name}，${h!.village}`); // "罗玉华，大坪村": no 我叫
    expect(line).toContain('已核对到');
    expect(line).toContain(number);
    expect(line.split('\n')).toHaveLength(1);
    const after = await caseOf(number);
    expect(after.household_id).toBe(h!.id);
    expect(after.holder).toBe(h!.helper);
    expect(await waitFor(() => cards(h!.helper).find((c) => c.includes(number)))).toContain(h!.head_name);
    expect(await waitFor(() => texts(firstHolder).find((t) => t.includes('补充身份')))).toContain(number);
    const audit = await svc.db.query<{ actor: string; action: string; note: string }>(
      `SELECT actor, action, note FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id`,
      [after.id],
    );
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['identity-added', 'link', 'reassign']));
    const added = audit.rows.find((r) => r.action === 'identity-added')!;
    expect(added.actor).toBe(`villager:${user}`);
    expect(added.note).toContain(`→ ${h!.id}`);

    // Known now: the phone is evidence, and nobody asks who they are again.
    const more = await ask(user, `电话${h!.phone}`);
    expect(more).not.toMatch(/姓名|哪个村/);
    expect((await caseOf(number)).household_id).toBe(h!.id);
  });

  it("帮别人报: links the household being reported, never the reporter's own", async () => {
    const [, reporter, neighbour] = await households(3);
    const user = 'wm-late-2';
    await ask(
      user,
      `我叫${reporter!.head_name}，${reporter!.village}，电话${reporter!.phone}，我家的低保这三个月都没到账`,
    );
    const first = await ask(user, '我帮邻居报一下，隔壁张大爷家房子塌了半边');
    if (!/编号/.test(first)) expect(first).toContain('户主姓名');
    const linked = await ask(user, `户主叫${neighbour!.head_name}，${neighbour!.village}`);
    const number = /编号 (SW\d{10})/.exec(linked)![1]!;
    await waitFor(async () => (await caseOf(number)).household_id);
    expect((await caseOf(number)).household_id).toBe(neighbour!.id);
    const { rows } = await svc.db.query<{ household_id: string }>(
      'SELECT household_id FROM cases WHERE reporter = $1 ORDER BY id',
      [user],
    );
    expect(
      rows.map((r) => r.household_id),
      JSON.stringify(kfReplies(user)),
    ).toEqual([reporter!.id, neighbour!.id]);
  });
});
