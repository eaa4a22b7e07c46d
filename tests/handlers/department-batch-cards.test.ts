import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

type Card = {
  task_id: string;
  main_title: { title: string; desc: string };
  quote_area?: { quote_text: string };
  horizontal_content_list: Array<{ keyname: string; value: string }>;
  button_list: Array<{ key: string; text: string }>;
};

/** A 600-row list through the real app: one summary per cadre (+ each 绿色通道 card), 批量签收, redraws. */
describe('a department list becomes one summary card per cadre', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const ROWS = 600;
  const GREEN_EVERY = 50;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const waitFor = async <T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string) => {
    for (let i = 0; i < 600; i++) {
      const v = await fn();
      if (v) return v;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await svc.db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const sent = () => svc.fake!.state.sent;
  const to = (api: string, user: string, type?: string) =>
    sent().filter((s) => s.api === api && s.to === user && (!type || s.body.msgtype === type));
  const cardsTo = (u: string) => to('message/send', u, 'template_card').map((s) => s.body.template_card as Card);
  const updatesTo = (u: string) => to('update_template_card', u).map((s) => s.body.template_card as Card | undefined);
  const textsTo = (u: string) => to('message/send', u, 'text').map((s) => (s.body.text as { content: string }).content);

  let byCadre: Map<string, { green: number[]; normal: number[] }>;

  beforeAll(async () => {
    svc = await startTestService({
      SEED_DEMO: 'auto',
      // Long enough that a loaded machine's triage jobs (100 rows each) all land in one summary.
      CARD_BATCH_QUIET_MS: '6000',
      CARD_BATCH_MAX_WAIT_MS: '120000',
      VILLAGER_UPDATE_DELAY_MS: '0',
    });
  });
  afterAll(() => svc.stop());

  it('sends each cadre one summary card and each 绿色通道 item alone', async () => {
    const key = await createDeptKey(svc.db, '医保局');
    const households = (
      await svc.db.query<{ id: string }>(
        `SELECT h.id FROM households h
          WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL) ORDER BY h.id LIMIT ${ROWS}`,
      )
    ).rows;
    expect(households).toHaveLength(ROWS);
    const tasksBefore = await count('SELECT coalesce(max(id), 0)::int n FROM tasks');
    const alerts = households.map((h, i) => ({
      external_id: `YB-2026-11-${i}`,
      kind: 'medical_cost',
      household_id: h.id,
      amount_yuan: 30_000, // over both thresholds (脱贫 5,000, others 20,000)
      description: i % GREEN_EVERY === 0 ? '住院自付费用，脑出血，现仍在ICU' : '年度住院自付费用较高',
    }));
    const res = await fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ alerts }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: ROWS, duplicate: 0 });

    await waitFor(
      async () =>
        (await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:医保局' AND handled_at IS NULL`)) === 0 &&
        (await count('SELECT count(*)::int n FROM held_task_cards WHERE flushed_at IS NULL')) === 0 &&
        (await count('SELECT count(*)::int n FROM outbox WHERE sent_at IS NULL')) === 0,
      'the list triaged and every card sent',
    );
    const tasks = (
      await svc.db.query<{ id: number; cadre: string; urgency: string }>(
        'SELECT t.id, t.cadre_userid AS cadre, c.urgency FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id > $1',
        [tasksBefore],
      )
    ).rows;
    expect(tasks).toHaveLength(ROWS);
    byCadre = new Map();
    for (const t of tasks) {
      const mine = byCadre.get(t.cadre) ?? { green: [], normal: [] };
      (t.urgency === 'green' ? mine.green : mine.normal).push(Number(t.id));
      byCadre.set(t.cadre, mine);
    }
    // 绿色通道 by the event; a household with earlier reports may also reach it by its score.
    expect([...byCadre.values()].reduce((n, c) => n + c.green.length, 0)).toBeGreaterThanOrEqual(ROWS / GREEN_EVERY);
    expect([...byCadre.values()].some((c) => c.normal.length >= 10)).toBe(true); // a real burst for someone

    for (const [cadre, { green, normal }] of byCadre) {
      const cards = cardsTo(cadre);
      const summaries = cards.filter((c) => c.task_id.startsWith('sw-batch-'));
      const own = cards.filter((c) => c.task_id.startsWith('sw-task-')).map((c) => Number(c.task_id.slice(8)));
      if (normal.length >= 2) {
        expect(summaries, cadre).toHaveLength(1);
        expect(own.sort(), cadre).toEqual([...green].sort());
        const card = summaries[0]!;
        const n = Number(/^医保局预警 (\d+) 户/.exec(card.main_title.title)?.[1]);
        expect(n).toBeGreaterThanOrEqual(normal.length);
        expect(n).toBeLessThanOrEqual(normal.length + green.length);
        if (green.length && n > normal.length) expect(card.main_title.title).toContain('户绿色通道');
        expect(card.button_list.map((b) => b.key)).toEqual(['batch-ack', 'batch-all']);
        expect(card.quote_area!.quote_text).toMatch(/^(【绿色通道】)?\d{4} .+户（.+） 待签收/);
      } else {
        expect(summaries, cadre).toHaveLength(0);
        expect(own.sort(), cadre).toEqual([...green, ...normal].sort());
      }
    }
    const sizes = [...byCadre.values()].map((c) => c.normal.length).sort((a, b) => b - a);
    console.log(
      `${ROWS} rows: ${byCadre.size} cadres, ${sizes.filter((n) => n >= 2).length} summaries (largest ${sizes[0]} normal items), ` +
        `${[...byCadre.values()].reduce((n, c) => n + c.green.length, 0)} 绿色通道 cards, ${sent().filter((m) => m.api === 'message/send' && m.body.msgtype === 'template_card').length} cards in all`,
    );
    // Nothing reached WeCom's silent drop (over 30 a minute to one member).
    expect(sent().filter((s) => s.dropped)).toEqual([]);
  }, 300_000);

  it('批量签收 acknowledges every task of the summary, each audited, and redraws the card', async () => {
    const summaryOf = (cadre: string) => cardsTo(cadre).find((c) => c.task_id.startsWith('sw-batch-'));
    const withSummary = [...byCadre.keys()].filter((c) => summaryOf(c));
    expect(withSummary.length).toBeGreaterThan(0);
    for (const cadre of withSummary) {
      expect((await svc.fake!.sender!.press(cadre, summaryOf(cadre)!.task_id, 'batch-ack')).status).toBe(200);
    }
    for (const cadre of withSummary) {
      const reply = await waitFor(() => textsTo(cadre).find((t) => t.startsWith('已批量签收')), `${cadre} 批量签收`);
      const { normal } = byCadre.get(cadre)!;
      const done = Number(/^已批量签收 (\d+) 户/.exec(reply)![1]);
      expect(done).toBeGreaterThanOrEqual(normal.length);
      const redrawn = await waitFor(
        () => updatesTo(cadre).find((u) => u?.task_id === summaryOf(cadre)!.task_id),
        `${cadre} summary redrawn`,
      );
      expect(redrawn.button_list.map((b) => b.key)).toEqual(['batch-all']);
      expect(redrawn.horizontal_content_list.find((f) => f.keyname === '状态')!.value).toBe('已全部签收');
      expect(redrawn.horizontal_content_list.find((f) => f.keyname === '最近办理')!.value).toMatch(
        /^.+ \d+月\d+日 \d\d:\d\d 批量签收 \d+ 户$/,
      );
      // Every task the summary listed is acknowledged by this cadre, with one audit row each.
      const ids = normal.map(String);
      expect(
        await count(
          `SELECT count(*)::int n FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ANY($1::bigint[]) AND c.state = 'acknowledged'`,
          [ids],
        ),
      ).toBe(normal.length);
      expect(
        await count(
          `SELECT count(*)::int n FROM audit_log a JOIN tasks t ON a.entity_id = t.case_id::text
            WHERE a.entity = 'case' AND a.action = 'acknowledge' AND a.actor = $2 AND a.from_state = 'assigned'
              AND a.to_state = 'acknowledged' AND t.id = ANY($1::bigint[])`,
          [ids, cadre],
        ),
      ).toBe(normal.length);
      expect(
        await count(`SELECT count(*)::int n FROM audit_log WHERE action = 'acknowledge-batch' AND actor = $1`, [cadre]),
      ).toBe(1);
    }
  }, 300_000);

  it('after a text command, redraws the card the cadre is looking at, or sends a fresh one', async () => {
    const cadre = [...byCadre].find(
      ([c, t]) => t.normal.length >= 2 && cardsTo(c).some((x) => x.task_id.startsWith('sw-batch-')),
    )![0];
    const summary = cardsTo(cadre).find((c) => c.task_id.startsWith('sw-batch-'))!;
    const summaryId = summary.task_id;
    // The first household listed on the summary, not on the 绿色通道, and another of the same list.
    const tail = /^(\d{4}) /m.exec(summary.quote_area!.quote_text)![1]!;
    const mine = (
      await svc.db.query<{ id: number; number: string }>(
        'SELECT t.id, c.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ANY($1::bigint[]) ORDER BY t.id',
        [byCadre.get(cadre)!.normal.map(String)],
      )
    ).rows;
    const na = mine.find((t) => t.number.endsWith(tail))!.number;
    const other = mine.find((t) => t.number !== na)!;
    const [b, nb] = [Number(other.id), other.number];

    // The summary's own code (from message/send) is still unused: it is redrawn in place.
    const updates = updatesTo(cadre).length;
    const cards = cardsTo(cadre).length;
    await svc.fake!.sender!.text(cadre, `核实 ${na.slice(-4)} 已入户，情况属实`);
    await waitFor(() => textsTo(cadre).some((t) => t.startsWith(`编号 ${na}：已签收 → 已入户核实`)), 'reply');
    const inPlace = await waitFor(
      () =>
        updatesTo(cadre)
          .slice(updates)
          .find((u) => u?.task_id === summaryId),
      'summary redrawn after the text',
    );
    expect(inPlace.quote_area!.quote_text).toMatch(new RegExp(`^${tail} .+ 已入户核实$`, 'm'));

    // Its code is used now: the next text command on a task of that summary sends the task a fresh card.
    await svc.fake!.sender!.text(cadre, `核实 ${nb} 已入户`);
    const fresh = await waitFor(
      () =>
        cardsTo(cadre)
          .slice(cards)
          .find((c) => c.task_id.startsWith(`sw-task-${b}-r`)),
      'a fresh card',
    );
    expect(fresh.task_id).toMatch(new RegExp(`^sw-task-${b}-r\\d+$`));
    expect(fresh.main_title.desc).toBe(`编号 ${nb}`);
    const fields = Object.fromEntries(fresh.horizontal_content_list.map((f) => [f.keyname, f.value]));
    expect(fields['状态']).toMatch(/^已入户核实/);
    const name = (await svc.db.query<{ name: string }>('SELECT name FROM cadres WHERE userid = $1', [cadre])).rows[0]!
      .name;
    expect(fields['最近办理']).toMatch(new RegExp(`^${name} \\d+月\\d+日 \\d\\d:\\d\\d 入户核实$`));
    // A press on the fresh card works like one on the first: the press is answered and the card redrawn.
    const before = updatesTo(cadre).length;
    expect((await svc.fake!.sender!.press(cadre, fresh.task_id, 'help')).status).toBe(200);
    await waitFor(() => textsTo(cadre).some((t) => t.includes(`协助编号 ${nb}`)), 'help asked');
    await waitFor(
      () =>
        updatesTo(cadre)
          .slice(before)
          .some((u) => u?.task_id === fresh.task_id),
      'fresh card redrawn on press',
    );
  }, 120_000);

  it('查看全部 lists the whole summary, numbered, and the numbers work in commands', async () => {
    const [cadre] = [...byCadre].sort((a, b) => b[1].normal.length - a[1].normal.length)[0]!;
    const summary = cardsTo(cadre).find((c) => c.task_id.startsWith('sw-batch-'))!;
    const n = Number(/预警 (\d+) 户/.exec(summary.main_title.title)![1]);
    const before = textsTo(cadre).length;
    expect((await svc.fake!.sender!.press(cadre, summary.task_id, 'batch-all')).status).toBe(200);
    const lines = await waitFor(() => {
      const all = textsTo(cadre).slice(before).join('\n');
      const numbered = all.split('\n').filter((l) => /^\d+\. /.test(l));
      return numbered.length === n && all.includes('全部名单如下') && numbered;
    }, 'the whole list');
    expect(lines.map((l) => Number(l.split('.')[0]))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const t of textsTo(cadre).slice(before)) expect(new TextEncoder().encode(t).length).toBeLessThanOrEqual(2048);
    const tail = /^3\. (?:【[^】]+】)*(\d{4}) /.exec(lines[2]!)![1];
    await svc.fake!.sender!.text(cadre, '协助 3 需要住院费用的发票');
    const reply = await waitFor(
      () => textsTo(cadre).find((t) => /^已请 .+ 协助编号 SW\d{10}。$/.test(t) && t.includes(`${tail}。`)),
      'help',
    );
    expect(reply).toMatch(new RegExp(`协助编号 SW\\d{6}${tail}。$`));
  }, 120_000);

  it('flushes held cards whose flush job Redis lost, when the reconciler runs', async () => {
    const key = await createDeptKey(svc.db, '民政局');
    const rows = (
      await svc.db.query<{ id: string; cadre: string }>(
        `SELECT h.id, l.cadre_userid AS cadre FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id
          WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL)
            AND l.cadre_userid = (SELECT l2.cadre_userid FROM links l2 JOIN households h2 ON h2.id = l2.target_id
                                   WHERE l2.kind = 'household' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h2.id AND c.closed_at IS NULL)
                                   GROUP BY l2.cadre_userid HAVING count(*) >= 3 ORDER BY l2.cadre_userid LIMIT 1)
          ORDER BY h.id LIMIT 3`,
      )
    ).rows;
    expect(rows).toHaveLength(3);
    const cadre = rows[0]!.cadre;
    const alerts = rows.map((h, i) => ({
      external_id: `MZ-${i}`,
      kind: 'medical_cost',
      household_id: h.id,
      amount_yuan: 30_000,
      description: '年度住院自付费用较高',
    }));
    await fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ alerts }),
    });
    await waitFor(
      async () =>
        (await count('SELECT count(*)::int n FROM held_task_cards WHERE cadre_userid = $1 AND flushed_at IS NULL', [
          cadre,
        ])) >= 2,
      'cards held',
    );
    const summaries = () => cardsTo(cadre).filter((c) => c.task_id.startsWith('sw-batch-')).length;
    const had = summaries();
    await svc.queues.notify.remove(`task-cards-${cadre}`); // as if Redis had lost it
    await sleep(7000);
    expect(summaries()).toBe(had); // nothing flushes it now
    const job = await svc.queues.schedule.add('reconcile-inbox', {
      at: new Date(Date.now() + 20 * 60_000).toISOString(),
    });
    await waitFor(async () => (await svc.queues.schedule.getJob(job.id!))?.finishedOn, 'reconcile');
    expect((await svc.queues.schedule.getJob(job.id!))!.returnvalue).toMatchObject({ reflushed: 1 });
    await waitFor(() => summaries() > had, 'the summary after the reconciler');
  }, 120_000);
});
