import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CadreDeps } from '../../src/domain/ports/cadre.js';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import { triageReport, type TriageDeps } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { loadTaskView } from '../../src/store/task-store.js';
import { triageStore } from '../../src/store/triage-store.js';
import { openTestDb, pgAvailable, resetDb, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];

/** Cadre commands against each store engine: the SQL behind authorization, locking, hand-over and merge. */
describe.each(kinds)('cadre commands on %s', (kind) => {
  let db: Db;
  let cadre: CadreDeps;
  let triage: TriageDeps;
  const now = new Date('2026-11-23T02:00:00Z');
  const policy = loadPolicy('policy/default.json');
  let n = 0;
  let h: { id: string; helper: string; village_cadre: string; leader: string; village_id: string };

  beforeAll(async () => {
    db = await openTestDb(kind);
    cadre = { policy, timeZone: 'Asia/Shanghai', transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))) };
    triage = { policy, timeZone: 'Asia/Shanghai', transaction: (fn) => db.transaction((tx) => fn(triageStore(tx))) };
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await seedDemo(db, { households: 200, seed: 5 });
    h = (
      await db.query<typeof h>(
        `SELECT h.id, h.village_id, l.cadre_userid AS helper, vc.cadre_userid AS village_cadre, a.cadre_userid AS leader
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN links l ON l.kind = 'household' AND l.target_id = h.id
         JOIN links vc ON vc.kind = 'village' AND vc.target_id = h.village_id
         JOIN links a ON a.kind = 'area' AND a.target_id = v.township_id
        WHERE h.status = 'lifted' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
  });

  const openCase = async (text: string) => {
    const inboxId = (await insertInbox(db, {
      source: 'dept:test',
      sourceMsgId: String(++n),
      payload: { channel: 'department', reporter: 'test', text, identity: { householdId: h.id } },
    }))!;
    const out = await triageReport(triage, inboxId, now);
    if (out.status !== 'created') throw new Error(`expected a new case, got ${out.status}`);
    return out.caseNumber!;
  };
  const run = (userid: string, text: string) => runCadreCommand(cadre, userid, parseCommand(text), now);

  it('applies two simultaneous 签收 once (the case row is locked)', async () => {
    const number = await openCase('房子漏雨墙裂');
    const [a, b] = await Promise.all([run(h.helper, `签收 ${number}`), run(h.helper, `签收 ${number}`)]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int n FROM audit_log WHERE action = 'acknowledge'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('lets the chain above act and refuses a helper from elsewhere', async () => {
    const number = await openCase('房子漏雨墙裂');
    const stranger = (
      await db.query<{ u: string }>(
        `SELECT l.cadre_userid u FROM links l JOIN households x ON x.id = l.target_id WHERE l.kind = 'household' AND x.village_id <> $1 LIMIT 1`,
        [h.village_id],
      )
    ).rows[0]!.u;
    expect((await run(stranger, `签收 ${number}`)).changed).toBe(false);
    expect((await run(h.leader, `签收 ${number}`)).changed).toBe(true);
    expect((await run('county-office', `核实 ${number} 情况属实`)).changed).toBe(true);
  });

  it('hands a task over with its deadline and asks the next one up for help', async () => {
    const number = await openCase('房子漏雨墙裂');
    const help = await run(h.helper, `协助 ${number} 需要住建部门鉴定`);
    expect(help.notices).toEqual([{ touser: h.village_cadre, content: expect.stringContaining('需要住建部门鉴定') }]);
    const out = await run(h.helper, `转交 ${number} ${h.village_cadre}`);
    expect(out.newTasks).toHaveLength(1);
    const view = await loadTaskView(db, out.newTasks[0]!);
    expect(view).toMatchObject({
      cadre: h.village_cadre,
      taskState: 'open',
      caseState: 'assigned',
      caseNumber: number,
    });
    const { rows } = await db.query<{ next_due_at: Date }>(`SELECT next_due_at FROM tasks WHERE id = $1`, [
      out.newTasks[0],
    ]);
    expect(rows[0]!.next_due_at).toEqual(view!.ackDueAt);
    const mine = await run(h.village_cadre, '我的任务');
    expect(mine.reply).toContain(number);
  });

  it('merges a duplicate into the open case of the same household', async () => {
    const first = await openCase('房子漏雨墙裂');
    await run(h.helper, `签收 ${first}`);
    await run(h.helper, `核实 ${first} 属实，人均收入约6000元`);
    expect((await run(h.helper, `纳入 ${first} 脱贫不稳定户`)).reply).toContain('已提出，下一步「村级民主评议」');
    const second = await openCase('水管坏了，家里没水吃，要去很远挑水'); // another risk type, so triage opened a case of its own
    const out = await run(h.helper, `合并 ${second} ${first}`);
    expect(out.reply).toBe(`编号 ${second}：待签收 → 已合并，已记录。`);
    const { rows } = await db.query(
      `SELECT number, state, signals, risk_types, closed_at IS NOT NULL AS closed FROM cases ORDER BY id`,
    );
    expect(rows).toEqual([
      { number: first, state: 'proposed', signals: 2, risk_types: ['housing', 'water'], closed: false },
      { number: second, state: 'merged', signals: 1, risk_types: ['water'], closed: true },
    ]);
    expect((await run(h.helper, `合并 ${first} ${first}`)).reply).toContain('不能并入自己');
  });

  it('takes a position in 我的任务 or the last 4 digits of a number, and says what to do when it cannot tell', async () => {
    const first = await openCase('房子漏雨墙裂');
    const second = await openCase('水管坏了，家里没水吃，要去很远挑水');
    const state = async (number: string) =>
      (await db.query<{ state: string }>('SELECT state FROM cases WHERE number = $1', [number])).rows[0]!.state;

    // A position needs the list it points into.
    expect((await run(h.helper, '签收 1')).reply).toBe(
      '序号 1 指您最近一次「我的任务」列表中的第 1 项。请先发送「我的任务」，再用序号办理；也可以用编号的后 4 位。',
    );
    const list = (await run(h.helper, '我的任务')).reply!;
    const shown = [...list.matchAll(/^(\d+)\. (SW\d{10})/gm)].map((m) => m[2]!);
    expect(shown.sort()).toEqual([first, second].sort());
    const out = await run(h.helper, '签收 2');
    expect(out).toMatchObject({ changed: true, reply: `编号 ${shown[1]}：待签收 → 已签收，已记录。` });
    expect(await state(shown[1]!)).toBe('acknowledged');
    expect(await state(shown[0]!)).toBe('assigned');
    // The list is the one shown, not today's order: 2 still means the same case.
    expect((await run(h.helper, '核实 2 已入户，属实')).reply).toBe(`编号 ${shown[1]}：已签收 → 已入户核实，已记录。`);
    expect((await run(h.helper, '签收 3')).reply).toBe(
      '您最近一次查看的列表只有 2 项，没有第 3 项。请发送「我的任务」查看最新列表。',
    );

    // Four digits name one case: the cadre's own open task first.
    expect((await run(h.helper, `签收 ${shown[0]!.slice(-4)}`)).changed).toBe(true);
    expect(await state(shown[0]!)).toBe('acknowledged');
    // Two cases ending alike: nothing changes and both are named.
    await db.query(`UPDATE cases SET number = 'SW2025' || right($1, 6) WHERE number = $2`, [first, second]);
    const twin = `SW2025${first.slice(-6)}`;
    const ambiguous = await run(h.helper, `核实 ${first.slice(-4)} 属实`);
    expect(ambiguous.changed).toBe(false);
    expect(ambiguous.reply).toMatch(
      new RegExp(
        `^编号后 4 位是 ${first.slice(-4)} 的事项不止一项（(${first}|${twin}) .+户（.+）；(${first}|${twin}) .+），请用完整编号重发。$`,
      ),
    );
    expect(ambiguous.reply).toContain(first);
    expect(ambiguous.reply).toContain(twin);
    expect(await state(first)).toBe('acknowledged');
    expect((await run(h.helper, '签收 9999')).reply).toBe(
      '没有找到编号后 4 位是 9999 的事项。请核对后重发，或发送「我的任务」查看您的任务。',
    );
  });
});
