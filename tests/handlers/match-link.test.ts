import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

/**
 * A department row naming a person two households of one village both have becomes 待关联; the village
 * cadre's card offers 是 X 户 / 是 Y 户 / 都不是, and the press links the case, moves it to the chosen
 * household's helper and is audited. Through the running service and the fake WeCom.
 */
describe('待关联 and the candidate button', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const waitFor = async <T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string) => {
    for (let i = 0; i < 200; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  type Card = {
    task_id: string;
    horizontal_content_list: Array<{ keyname: string; value: string }>;
    quote_area?: { title: string; quote_text: string };
    button_list: Array<{ key: string; text: string }>;
  };
  const cardsTo = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'template_card')
      .map((s) => s.body.template_card as Card);
  const updatesTo = (to: string) =>
    svc.fake!.state.sent.filter((s) => s.api === 'update_template_card' && s.to === to).map((s) => s.body);
  let h: { id: string; head_name: string; village: string; village_id: string; helper: string; village_cadre: string };
  const twin = 'HTWIN001';

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    h = (
      await svc.db.query<typeof h>(
        `SELECT h.id, h.head_name, v.name AS village, v.id AS village_id, l.cadre_userid AS helper, vc.cadre_userid AS village_cadre
           FROM households h JOIN villages v ON v.id = h.village_id
           JOIN links l ON l.kind = 'household' AND l.target_id = h.id
           JOIN links vc ON vc.kind = 'village' AND vc.target_id = v.id
          WHERE h.status = 'lifted' AND char_length(h.head_name) = 3
            AND NOT EXISTS (SELECT 1 FROM households y WHERE y.village_id = h.village_id AND y.head_name = h.head_name AND y.id <> h.id)
            AND NOT EXISTS (SELECT 1 FROM members x JOIN households y ON y.id = x.household_id
                             WHERE y.village_id = h.village_id AND x.name = h.head_name AND y.id <> h.id)
          ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    // A namesake head in the same village, imported without an ID number (no member row).
    await svc.db.query(
      `INSERT INTO households (id, village_id, group_name, head_name, status) VALUES ($1, $2, '9组', $3, 'ordinary')`,
      [twin, h.village_id, h.head_name],
    );
  });
  afterAll(() => svc.stop());

  it('asks the village cadre, and a press on 是 X 户 links, reassigns along the chain and is audited', async () => {
    const key = await createDeptKey(svc.db, '县医保局');
    const res = await fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        alerts: [
          { external_id: 'm-1', kind: 'medical_cost', name: h.head_name, village: h.village, amount_yuan: 30000 },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const card = await waitFor(() => cardsTo(h.village_cadre).find((c) => c.quote_area), '待关联 card');
    const { rows } = await svc.db.query<{
      id: string;
      number: string;
      household_id: string | null;
      match_method: string;
    }>('SELECT id, number, household_id, match_method FROM cases');
    expect(rows).toMatchObject([{ household_id: null, match_method: 'ambiguous' }]);
    const c = rows[0]!;
    const fields = Object.fromEntries(card.horizontal_content_list.map((f) => [f.keyname, f.value]));
    expect(fields['农户']).toBe('待关联（2 户可能）');
    expect(card.button_list.map((b) => b.key).sort()).toEqual([`link:${h.id}`, `link:${twin}`, 'link-none'].sort());
    expect(card.quote_area!.quote_text).toContain(`关联 ${c.number}`);

    await svc.fake!.sender!.press(h.village_cadre, card.task_id, `link:${h.id}`);
    const helperCard = await waitFor(() => cardsTo(h.helper)[0], "the helper's card");
    expect(Object.fromEntries(helperCard.horizontal_content_list.map((f) => [f.keyname, f.value]))['农户']).toBe(
      `${h.head_name}户（${h.village}）`,
    );
    expect(helperCard.button_list.map((b) => b.key)).toEqual(['ack', 'help']);
    await waitFor(() => updatesTo(h.village_cadre)[0], 'the pressed card redrawn');

    const after = await svc.db.query('SELECT household_id, match_method FROM cases WHERE id = $1', [c.id]);
    expect(after.rows).toEqual([{ household_id: h.id, match_method: 'linked' }]);
    const tasks = await svc.db.query('SELECT cadre_userid, state FROM tasks WHERE case_id = $1 ORDER BY id', [c.id]);
    expect(tasks.rows).toEqual([
      { cadre_userid: h.village_cadre, state: 'transferred' },
      { cadre_userid: h.helper, state: 'open' },
    ]);
    const audit = await svc.db.query<{ actor: string; action: string; note: string }>(
      `SELECT actor, action, note FROM audit_log WHERE entity = 'case' AND entity_id = $1 AND action IN ('link', 'reassign') ORDER BY id`,
      [String(c.id)],
    );
    expect(audit.rows.map((r) => [r.actor, r.action])).toEqual([
      [h.village_cadre, 'link'],
      [h.village_cadre, 'reassign'],
    ]);
    expect(audit.rows[0]!.note).toContain(`${h.id} ${h.head_name}户（卡片按钮）`);
  });
});
