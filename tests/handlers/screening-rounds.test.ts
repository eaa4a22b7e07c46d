import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROUND_POLICY } from '../../src/domain/rounds/round-policy.js';
import { sampleSize } from '../../src/domain/rounds/round-sample.js';
import { JOB } from '../../src/queue/jobs.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

const DAY = 86_400_000;

type Card = {
  task_id: string;
  main_title: { title: string; desc: string };
  horizontal_content_list: Array<{ keyname: string; value: string }>;
  quote_area?: { quote_text: string };
  button_list: Array<{ key: string; text: string }>;
};
type Round = { id: number; recipients: string[]; answered_by: string | null; outcome: string | null; findings: number };

/**
 * 一周一排查 / 半月一核实 / 一月一分析 on the whole service through the fake WeCom: the scheduled job
 * opens each round once, its card goes to the chain, the answer in chat is stored and audited, a
 * finding opens a case through triage, missed rounds are named in the bulletin. The monthly analysis
 * is tests/handlers/monthly-analysis-digest.test.ts.
 */
describe('screening rounds end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const now = new Date();
  const sent = () => svc.fake!.state.sent;
  const textsTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => contentOf(s.body));
  const cards = () =>
    sent()
      .filter((s) => s.api === 'message/send' && s.body.msgtype === 'template_card')
      .map((s) => ({ to: s.to, card: s.body.template_card as Card }));
  const query = async <T>(sql: string, params: unknown[] = []) => (await svc.db.query<T>(sql, params)).rows;
  const roundOf = async (kind: string, place: string, at: Date) =>
    (
      await query<Round>(
        `SELECT id::int AS id, recipients, answered_by, outcome, findings FROM screening_rounds
          WHERE kind = $1 AND place_id = $2 AND period_start <= $3 AND period_end > $3`,
        [kind, place, at],
      )
    )[0]!;
  const reply = async (userid: string, act: () => Promise<{ status: number }>) => {
    const before = textsTo(userid).length;
    expect((await act()).status).toBe(200);
    let text = '';
    await until(`a reply to ${userid}`, () => {
      text = textsTo(userid)[before] ?? '';
      return Boolean(text);
    });
    return text;
  };
  const say = (userid: string, text: string) => reply(userid, () => svc.fake!.sender!.text(userid, text));
  const press = (userid: string, taskId: string, key: string) =>
    reply(userid, () => svc.fake!.sender!.press(userid, taskId, key));
  const run = (at: Date) =>
    runJob<{ villages: number; townships: number; month: string | null; queued: number }>(
      svc.queues.schedule,
      JOB.screeningRounds,
      { at: at.toISOString() },
    );

  /** Villages with their 包村干部 and township (one each), and a township leader. */
  let villages: Array<{ id: string; name: string; township: string; cadre: string }>;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    villages = await query(
      `SELECT v.id, v.name, v.township_id AS township, min(l.cadre_userid) AS cadre
         FROM villages v JOIN links l ON l.kind = 'village' AND l.target_id = v.id GROUP BY v.id ORDER BY v.id`,
    );
    expect(villages.length).toBeGreaterThan(3);
  }, 120_000);
  afterAll(() => svc.stop());

  it('last week’s 排查 left unanswered is named in the bulletin; one answered late says so', async () => {
    const lastWeek = new Date(now.getTime() - 7 * DAY);
    const opened = await run(lastWeek);
    const count = Number((await query<{ n: string }>('SELECT count(*) AS n FROM villages'))[0]!.n);
    expect(opened.villages).toBe(count);
    const [late, missed] = [
      villages[0]!,
      villages.find((v) => v.township === villages[0]!.township && v.cadre !== villages[0]!.cadre)!,
    ];
    expect(missed).toBeDefined();
    const lateRound = await roundOf('village', late.id, lastWeek);
    await until('last week’s card', () => cards().some((c) => c.card.task_id === `sw-round-${lateRound.id}-0`));
    const answer = await press(lateRound.recipients[0]!, `sw-round-${lateRound.id}-0`, 'round-clear');
    expect(answer).toContain('无新增风险');
    expect(answer).toContain('已过答复时限');

    await runJob(svc.queues.schedule, JOB.weeklyBulletin, { at: new Date().toISOString() });
    const bulletin = (
      await query<{ content: string }>(
        `SELECT content FROM bulletins WHERE township_id = $1 ORDER BY week_start DESC LIMIT 1`,
        [late.township],
      )
    )[0]!.content;
    const line = bulletin.split('\n').find((l) => l.startsWith('**未按时排查'))!;
    expect(line).toMatch(new RegExp(`${missed.name}（[^）]+，未答复）`));
    expect(line).toMatch(new RegExp(`${late.name}（[^）]+，\\d+月\\d+日补答）`));
    await until('the bulletin sent', () =>
      sent().some((s) => s.body.msgtype === 'markdown' && contentOf(s.body).includes(line)),
    );
  }, 120_000);

  it('this week each village’s 包村干部 gets one checklist card, however many runs race', async () => {
    const runs = await Promise.all([run(now), run(now), run(now)]);
    const villageRounds = await query<Round & { place_id: string }>(
      `SELECT id::int AS id, recipients, place_id FROM screening_rounds WHERE kind = 'village' AND period_start <= $1 AND period_end > $1`,
      [now],
    );
    expect(runs.reduce((n, r) => n + r.villages, 0)).toBe(villageRounds.length);
    const v = villages[1]!;
    const round = villageRounds.find((r) => r.place_id === v.id)!;
    expect(round.recipients).toContain(v.cadre);
    await until('every card of this week', () =>
      villageRounds.every((r) =>
        r.recipients.every((_, n) => cards().some((c) => c.card.task_id === `sw-round-${r.id}-${n}`)),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    for (const r of villageRounds)
      expect(cards().filter((c) => c.card.task_id === `sw-round-${r.id}-0`)).toHaveLength(1);
    const card = cards().find((c) => c.card.task_id === `sw-round-${round.id}-${round.recipients.indexOf(v.cadre)}`)!;
    expect(card.to).toBe(v.cadre);
    expect(card.card.main_title.title).toBe(`${v.name}本周排查`);
    expect(card.card.button_list.map((b) => [b.key, b.text])).toEqual([
      ['round-clear', '无新增风险'],
      ['round-list', '查看清单'],
    ]);
    // The list is the visit plan's households due before the deadline, and those with open cases.
    const due = await query<{ id: string }>(
      `SELECT h.id FROM households h, screening_rounds r WHERE r.id = $1 AND h.village_id = $2
          AND (h.next_visit_due_at < r.deadline OR h.next_call_due_at < r.deadline
               OR EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL))`,
      [round.id, v.id],
    );
    const items = await query<{ household_id: string }>(
      'SELECT household_id FROM screening_round_items WHERE round_id = $1',
      [round.id],
    );
    expect(items.map((i) => i.household_id)).toEqual(expect.arrayContaining(due.map((d) => d.id)));
    expect(card.card.horizontal_content_list.at(-1)).toEqual({ keyname: '清单', value: `共 ${items.length} 户` });
  }, 120_000);

  it('the card’s 无新增风险 marks the round answered by whom and when, audited, the card greyed out', async () => {
    const v = villages[1]!;
    const round = await roundOf('village', v.id, now);
    const n = round.recipients.indexOf(v.cadre);
    const list = await press(v.cadre, `sw-round-${round.id}-${n}`, 'round-list');
    expect(list).toContain(`${v.name}本周排查清单`);
    await new Promise((r) => setTimeout(r, 1100)); // a press in the same second reads as WeCom's retry
    const answer = await press(v.cadre, `sw-round-${round.id}-${n}`, 'round-clear');
    expect(answer).toContain(`已确认 ${v.name}本周排查`);
    expect(answer).toContain('无新增风险');
    expect(answer).not.toContain('时限');
    const after = await roundOf('village', v.id, now);
    expect(after).toMatchObject({ answered_by: v.cadre, outcome: 'clear', findings: 0 });
    const audit = await query<{ actor: string; note: string }>(
      `SELECT actor, note FROM audit_log WHERE action = 'round-clear' AND entity = 'screening_round' AND entity_id = $1`,
      [String(round.id)],
    );
    expect(audit).toEqual([{ actor: v.cadre, note: expect.stringContaining('无新增风险') }]);
    await until('the card greyed out', () =>
      sent().some(
        (s) =>
          s.api === 'update_template_card' &&
          s.to === v.cadre &&
          (s.body.button as { replace_name?: string } | undefined)?.replace_name === '已确认无新增风险',
      ),
    );
    await new Promise((r) => setTimeout(r, 1100));
    expect(await press(v.cadre, `sw-round-${round.id}-${n}`, 'round-clear')).toContain('不用再确认');
  }, 60_000);

  it('a finding typed in chat opens a case through triage (channel cadre, the cadre as reporter)', async () => {
    const v = villages[2]!;
    const h = (
      await query<{ id: string; head_name: string }>(
        `SELECT h.id, h.head_name FROM households h WHERE h.village_id = $1 AND h.status = 'lifted'
            AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id)
          ORDER BY h.id LIMIT 1`,
        [v.id],
      )
    )[0]!;
    const answer = await say(v.cadre, `排查 ${h.id} 孩子初中辍学在家，房子墙裂下雨漏雨，家长电话13812345678`);
    expect(answer).toContain(`已上报 ${h.head_name}户`);
    expect(answer).toContain(`${v.name}本周排查`);
    const c = await (async () => {
      let row: { number: string; channel: string; risk_types: string[] } | undefined;
      await until('the case', async () => {
        row = (
          await query<{ number: string; channel: string; risk_types: string[] }>(
            `SELECT number, evidence->0->>'channel' AS channel, risk_types FROM cases WHERE household_id = $1`,
            [h.id],
          )
        )[0];
        return Boolean(row);
      });
      return row!;
    })();
    expect(c.channel).toBe('cadre');
    expect(c.risk_types).toEqual(expect.arrayContaining(['dropout', 'housing']));
    expect(
      (await query<{ source: string }>('SELECT source FROM triage_signals WHERE household_id = $1', [h.id])).map(
        (s) => s.source,
      ),
    ).toEqual([v.cadre]);
    expect(await roundOf('village', v.id, now)).toMatchObject({ answered_by: v.cadre, outcome: 'found', findings: 1 });
    expect(
      await query(`SELECT 1 FROM audit_log WHERE action = 'round-finding' AND actor = $1 AND note LIKE $2`, [
        v.cadre,
        `%${h.id}%`,
      ]),
    ).toHaveLength(1);
    // The phone in the note is masked in the audit and in the report (the raw callback is kept as WeCom sent it).
    expect(await query(`SELECT 1 FROM audit_log WHERE note LIKE '%13812345678%'`)).toEqual([]);
    expect(await query(`SELECT 1 FROM inbox WHERE source = 'cadre' AND payload::text LIKE '%13812345678%'`)).toEqual(
      [],
    );
    expect(
      await query(`SELECT 1 FROM inbox WHERE source = 'cadre' AND payload::text LIKE '%138****5678%'`),
    ).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await say(v.cadre, `排查 ${h.id} 孩子初中辍学在家`)).toContain('已经上报过了');
  }, 60_000);

  it('the township’s 包片领导 get a sample of each village’s records to re-check, answered in chat', async () => {
    const t = villages[0]!.township;
    const leader = (
      await query<{ cadre: string }>(
        `SELECT min(cadre_userid) AS cadre FROM links WHERE kind = 'area' AND target_id = $1`,
        [t],
      )
    )[0]!.cadre;
    const name = (await query<{ name: string }>('SELECT name FROM townships WHERE id = $1', [t]))[0]!.name;
    const round = await roundOf('township', t, now);
    expect(round.recipients).toContain(leader);
    const records = await query<{ village_id: string; n: string }>(
      `SELECT h.village_id, count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id
        WHERE v.township_id = $1 AND h.status IN ('lifted', 'monitored') GROUP BY 1`,
      [t],
    );
    const items = await query<{ village_id: string; n: string }>(
      `SELECT h.village_id, count(*) AS n FROM screening_round_items i JOIN households h ON h.id = i.household_id WHERE i.round_id = $1 GROUP BY 1`,
      [round.id],
    );
    const expected = Object.fromEntries(
      records.map((r) => [r.village_id, sampleSize(Number(r.n), DEFAULT_ROUND_POLICY.township)]),
    );
    expect(Object.fromEntries(items.map((r) => [r.village_id, Number(r.n)]))).toEqual(expected);
    const card = cards().find((c) => c.card.task_id === `sw-round-${round.id}-${round.recipients.indexOf(leader)}`)!;
    expect(card.to).toBe(leader);
    expect(card.card.main_title.title).toBe(`${name}半月核实`);
    expect(card.card.horizontal_content_list[0]).toEqual({
      keyname: '抽查农户',
      value: `${items.reduce((n, i) => n + Number(i.n), 0)} 户`,
    });
    const answer = await say(leader, '核实 无新增风险');
    expect(answer).toContain(`${name}半月核实`);
    expect(await roundOf('township', t, now)).toMatchObject({ answered_by: leader, outcome: 'clear' });
  }, 60_000);
});
