import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts, localMidnight } from '../../src/domain/local-time.js';
import { JOB } from '../../src/queue/jobs.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

const TZ = 'Asia/Shanghai';
const ADMIN_TOKEN = 'pair-duties-admin-token-0001';

/**
 * 8个一 through the fake WeCom: the duties due are reminded in the helper's one digest, the helper records
 * one in chat, and the next sweep reminds the others and not that one.
 */
describe('8个一 due, reminded and recorded', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let helper: string;
  let hs: Array<{ id: string; head_name: string }>;
  // March of this year, 10:00 in the county: the plan (due by the end of January) is overdue; nothing else is near.
  const year = localParts(new Date(), TZ).year;
  const at1 = new Date(localMidnight(year, 3, 2, TZ).getTime() + 10 * 3_600_000);
  const at2 = new Date(at1.getTime() + 8 * 86_400_000);
  const sentTo = (to: string) =>
    svc.fake!.state.sent.filter((s) => s.api === 'message/send' && s.to === to).map((s) => contentOf(s.body));

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    helper = (
      await svc.db.query<{ u: string }>(
        `SELECT l.cadre_userid AS u FROM links l JOIN households h ON h.id = l.target_id
          WHERE l.kind = 'household' AND h.status <> 'ordinary' GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1`,
      )
    ).rows[0]!.u;
    hs = (
      await svc.db.query<{ id: string; head_name: string }>(
        `SELECT h.id, h.head_name FROM links l JOIN households h ON h.id = l.target_id
          WHERE l.kind = 'household' AND l.cadre_userid = $1 AND h.status <> 'ordinary' ORDER BY h.id`,
        [helper],
      )
    ).rows;
  }, 120_000);
  afterAll(() => svc.stop());

  const digestsOf = async (who: string) =>
    (await svc.db.query<{ content: string }>('SELECT content FROM digests WHERE cadre_userid = $1 ORDER BY id', [who]))
      .rows;

  it('reminds every owed household of the helper in one digest, records one in chat, then leaves it out', async () => {
    await runJob(svc.queues.schedule, JOB.sweepDue, { at: at1.toISOString() });
    const first = await digestsOf(helper);
    expect(first).toHaveLength(1);
    const digest = first[0]!.content;
    expect(digest).toContain(`${hs.length} 户的「8个一」事项已逾期`);
    expect(digest).toContain('以下农户的「8个一」事项已过时限，请尽快完成（完成后回复：8个一 户号 事项）：');
    for (const h of hs.slice(0, 8)) expect(digest).toContain(`${h.head_name}户（`);
    expect(digest).toContain(`户号 ${hs[0]!.id}）：制定一户一策帮扶计划（应于1月31日前完成）。`);
    await until('the digest to reach the helper', () => sentTo(helper).includes(digest), 600);

    const before = sentTo(helper).length;
    expect((await svc.fake!.sender!.text(helper, `8个一 ${hs[0]!.id} 计划 和户主商量定了今年的一户一策`)).status).toBe(
      200,
    );
    await until('the reply', () => sentTo(helper).length > before, 600);
    expect(sentTo(helper)[before]).toMatch(
      new RegExp(`^已记录 ${hs[0]!.head_name}户（[^）]+）的「制定一户一策帮扶计划」（${year}年）`),
    );

    await runJob(svc.queues.schedule, JOB.sweepDue, { at: at2.toISOString() });
    const second = await digestsOf(helper);
    expect(second).toHaveLength(2);
    expect(second[1]!.content).toContain(`${hs.length - 1} 户的「8个一」事项已逾期`);
    expect(second[1]!.content).not.toContain(`户号 ${hs[0]!.id}）`);
    expect(second[1]!.content).toContain(`户号 ${hs[1]!.id}）：制定一户一策帮扶计划（应于1月31日前完成）。`);
  }, 120_000);

  it("shows a monitored household's 8个一 on its register page, as recorded in chat", async () => {
    const m = (
      await svc.db.query<{ id: string; helper: string; name: string }>(
        `SELECT h.id, l.cadre_userid AS helper, k.name FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id
           JOIN cadres k ON k.userid = l.cadre_userid WHERE h.status = 'monitored' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    const before = sentTo(m.helper).length;
    expect((await svc.fake!.sender!.text(m.helper, `8个一 ${m.id} 消费 帮着卖了两头猪`)).status).toBe(200);
    // The reply, among the digests this helper may still be getting from the sweeps above.
    await until(
      'the reply',
      () =>
        sentTo(m.helper)
          .slice(before)
          .some((t) => t.startsWith('已记录 ')),
      600,
    );
    expect(
      sentTo(m.helper)
        .slice(before)
        .find((t) => t.startsWith('已记录 ')),
    ).toContain('的「消费帮扶」（');
    const res = await fetch(`${svc.base}/console/register/${m.id}`, {
      headers: { cookie: `sw_console=${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    const table = page.slice(page.indexOf('<table id="register-duties">'));
    const row = (label: string) => {
      const at = table.indexOf(`<td>${label}</td>`);
      return table.slice(at, table.indexOf('</tr>', at));
    };
    expect(page).toContain('<h2>帮扶责任人「8个一」</h2>');
    expect(row('消费帮扶')).toContain(`已完成（`);
    expect(row('消费帮扶')).toContain(`，${m.name}）`);
    expect(row('消费帮扶')).toContain('<td>1 / 1 期</td>');
    expect(row('制定一户一策帮扶计划')).toMatch(/已逾期（应于1月31日前完成）|未完成，1月31日前/);
  }, 120_000);

  it('8个一 户号 answers with the eight duties and a card; a press records the duty and greys the card', async () => {
    const h = hs[1]!;
    const cards = () =>
      svc
        .fake!.state.sent.filter(
          (s) => s.api === 'message/send' && s.to === helper && s.body.msgtype === 'template_card',
        )
        .map((s) => s.body.template_card as { task_id: string; button_list: Array<{ key: string; text: string }> });
    const before = sentTo(helper).length;
    expect((await svc.fake!.sender!.text(helper, `8个一 ${h.id}`)).status).toBe(200);
    await until('the card', () => cards().some((c) => c.task_id.startsWith(`sw-duty-${h.id}-`)), 600);
    const status = sentTo(helper)
      .slice(before)
      .find((t) => t.includes('的「8个一」，本期已完成'))!;
    expect(status).toContain(`${h.head_name}户（`);
    expect(status.split('\n')).toHaveLength(10);
    const card = cards().find((c) => c.task_id.startsWith(`sw-duty-${h.id}-`))!;
    expect(card.button_list.length).toBeLessThanOrEqual(6);
    const jobs = card.button_list.find((b) => b.key === 'duty:jobs');
    expect(jobs?.text).toBe('就业');

    const sent = sentTo(helper).length;
    expect((await svc.fake!.sender!.press(helper, card.task_id, 'duty:jobs')).status).toBe(200);
    await until(
      'the reply to the press',
      () =>
        sentTo(helper)
          .slice(sent)
          .some((t) => t.startsWith('已记录 ')),
      600,
    );
    expect(
      sentTo(helper)
        .slice(sent)
        .find((t) => t.startsWith('已记录 ')),
    ).toContain('的「提供就业信息」（');
    const { rows } = await svc.db.query<{ via: string; cadre_userid: string }>(
      `SELECT via, cadre_userid FROM pair_duty_records WHERE household_id = $1 AND duty = 'jobs'`,
      [h.id],
    );
    expect(rows).toEqual([{ via: 'card', cadre_userid: helper }]);
    await until(
      'the pressed card greyed out',
      () =>
        svc.fake!.state.sent.some(
          (s) =>
            s.api === 'update_template_card' &&
            (s.body as { button?: { replace_name: string } }).button?.replace_name === '已记录提供就业信息',
        ),
      600,
    );
  }, 120_000);
});
