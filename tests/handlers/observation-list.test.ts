import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

/** 观察名单 in chat: the households of a cadre's charge between the monitoring and observation lines. */
describe('观察名单 end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const textsTo = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const command = async (userid: string, text: string) => {
    const before = textsTo(userid).length;
    expect((await svc.fake!.sender!.text(userid, text)).status).toBe(200);
    for (let i = 0; i < 200; i++) {
      const reply = textsTo(userid)[before];
      if (reply) return reply;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for the reply to ${text}`);
  };
  let helper: string;
  let hs: Array<{ id: string; head_name: string; village: string }>;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    helper = (
      await svc.db.query<{ u: string }>(
        `SELECT l.cadre_userid AS u FROM links l JOIN households h ON h.id = l.target_id
          WHERE l.kind = 'household' AND h.status <> 'monitored' GROUP BY 1 HAVING count(*) >= 6 ORDER BY 1 LIMIT 1`,
      )
    ).rows[0]!.u;
    hs = (
      await svc.db.query<{ id: string; head_name: string; village: string }>(
        `SELECT h.id, h.head_name, v.name AS village FROM links l JOIN households h ON h.id = l.target_id
           JOIN villages v ON v.id = h.village_id
          WHERE l.kind = 'household' AND l.cadre_userid = $1 AND h.status <> 'monitored' ORDER BY h.id`,
        [helper],
      )
    ).rows;
    const ids = (
      await svc.db.query<{ id: string }>(
        `SELECT h.id FROM links l JOIN households h ON h.id = l.target_id WHERE l.kind = 'household' AND l.cadre_userid = $1`,
        [helper],
      )
    ).rows.map((r) => r.id);
    // Everyone of this helper above the observation line, then four on either side of the lines (7100 / 8122).
    await svc.db.query('UPDATE households SET income_per_capita = 20000 WHERE id = ANY($1)', [ids]);
    const set = (id: string, income: number) =>
      svc.db.query('UPDATE households SET income_per_capita = $2 WHERE id = $1', [id, income]);
    await set(hs[0]!.id, 7500); // between: listed
    await set(hs[1]!.id, 7099); // below the monitoring line: a case candidate, not 观察
    await set(hs[2]!.id, 8122); // at the observation line: above it
    await set(hs[3]!.id, 7100); // at the monitoring line: between
    await svc.db.query(
      `UPDATE households SET income_per_capita = 7600, status = 'monitored', monitoring_kind = 'edge' WHERE id = $1`,
      [hs[4]!.id],
    ); // already monitored: followed as a monitored household, not on this list
  });
  afterAll(() => svc.stop());

  it('lists exactly the households between the lines, the unvisited first', async () => {
    await command(helper, `走访 ${hs[3]!.id} 家里情况稳定`);
    const reply = await command(helper, '观察名单');
    const lines = reply.split('\n');
    expect(lines[0]).toBe(
      '观察名单：您负责的农户中有 2 户人均纯收入在监测线 7100 元与观察线 8122 元之间，每 60 天走访一次（比监测户轻）：',
    );
    expect(lines[1]).toBe(
      `1. ${hs[0]!.head_name}户（${hs[0]!.village}，户号 ${hs[0]!.id}）人均 7500 元，尚未走访，请尽快走访`,
    );
    expect(lines[2]).toContain(`户号 ${hs[3]!.id}）人均 7100 元，上次走访 `);
    expect(lines[2]).toMatch(/前再走访$/);
    for (const h of [hs[1]!, hs[2]!, hs[4]!]) expect(reply).not.toContain(h.id);
  });

  it('an income read on a visit puts the household on the list', async () => {
    await command(helper, `走访 ${hs[2]!.id} 今年打工收入少了，人均收入约7800元`);
    const reply = await command(helper, '观察名单');
    expect(reply).toContain('有 3 户');
    expect(reply).toContain(`户号 ${hs[2]!.id}）人均 7800 元`);
  });

  it('a 观察对象 is next due for a visit by its own rule (60 days); a household above the line by its status', async () => {
    await command(helper, `走访 ${hs[5]!.id} 家里都好`);
    const days = async (id: string) => {
      const r = (
        await svc.db.query<{ status: string; days: number | null }>(
          `SELECT h.status, extract(epoch FROM h.next_visit_due_at - x.at) / 86400 AS days
             FROM households h JOIN LATERAL (SELECT max(at) AS at FROM visits WHERE household_id = h.id) x ON true WHERE h.id = $1`,
          [id],
        )
      ).rows[0]!;
      return { status: r.status, days: r.days === null ? null : Math.round(Number(r.days)) };
    };
    expect((await days(hs[2]!.id)).days).toBe(60); // 7800 read on the visit: between the lines
    expect((await days(hs[3]!.id)).days).toBe(60); // 7100: at the monitoring line, between
    const above = await days(hs[5]!.id); // 20000: the status's own plan (脱贫户 a quarter, others none)
    expect(above.days).toBe(above.status === 'lifted' ? 90 : null);
  });

  it('a cadre with nobody between the lines is told so', async () => {
    const other = (
      await svc.db.query<{ u: string }>(
        `SELECT l.cadre_userid AS u FROM links l JOIN households h ON h.id = l.target_id
          WHERE l.kind = 'household' AND l.cadre_userid <> $1
          GROUP BY 1 HAVING bool_and(h.income_per_capita IS NULL OR h.income_per_capita >= 8122 OR h.income_per_capita < 7100)
          ORDER BY 1 LIMIT 1`,
        [helper],
      )
    ).rows[0]!.u;
    expect(await command(other, '观察名单')).toBe(
      '您负责的农户中没有人均纯收入在监测线 7100 元与观察线 8122 元之间的观察对象。',
    );
  });

  it("lists a household with a department's 观察 item even when its income on record is above the line", async () => {
    const key = await createDeptKey(svc.db, '县民政局');
    const res = await fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        alerts: [
          {
            external_id: 'MZ-OBS-1',
            kind: 'low_income',
            household_id: hs[5]!.id,
            amount_yuan: 7600,
            description: '人均纯收入低于观察线',
          },
        ],
      }),
    });
    expect(res.status).toBeLessThan(300);
    let number = '';
    for (let i = 0; i < 200 && !number; i++) {
      number =
        (
          await svc.db.query<{ number: string }>(
            `SELECT number FROM cases WHERE household_id = $1 AND kind = 'observe'`,
            [hs[5]!.id],
          )
        ).rows[0]?.number ?? '';
      if (!number) await new Promise((r) => setTimeout(r, 50));
    }
    expect(number).toMatch(/^SW\d{10}$/);
    const reply = await command(helper, '观察名单');
    expect(reply).toContain('有 4 户');
    expect(reply).toContain(`户号 ${hs[5]!.id}）人均 7600 元（观察事项 ${number}）`);
  });
});
