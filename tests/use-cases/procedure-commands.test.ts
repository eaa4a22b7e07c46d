import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import type { CadreDeps } from '../../src/domain/ports/cadre.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import { triageReport } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { triageStore } from '../../src/store/triage-store.js';
import { openTestDb, pgAvailable, resetDb, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const policy = loadPolicy('policy/default.json');
const tz = 'Asia/Shanghai';
const t0 = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 local
const at = (days: number) => new Date(t0.getTime() + days * 86_400_000);

/** What the procedure's outcomes do to the case and the household, on each store engine. */
describe.each(kinds)('procedure outcomes on %s', (kind) => {
  let db: Db;
  let cadre: CadreDeps;
  let n = 0;
  let h: { id: string; helper: string; village: string; township: string; county: string };

  beforeAll(async () => {
    db = await openTestDb(kind);
    cadre = { policy, timeZone: tz, transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))) };
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await seedDemo(db, { households: 200, seed: 5 });
    h = (
      await db.query<typeof h>(
        `SELECT h.id, (SELECT min(cadre_userid) FROM links WHERE kind = 'household' AND target_id = h.id) AS helper,
                (SELECT min(cadre_userid) FROM links WHERE kind = 'village' AND target_id = h.village_id) AS village,
                (SELECT min(cadre_userid) FROM links WHERE kind = 'area' AND target_id = v.township_id) AS township,
                (SELECT min(userid) FROM cadres WHERE role = 'county') AS county
           FROM households h JOIN villages v ON v.id = h.village_id WHERE h.status = 'lifted' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
  });

  const openCase = async (text: string, green = false) => {
    const inboxId = (await insertInbox(db, {
      source: 'dept:test',
      sourceMsgId: String(++n),
      payload: { channel: 'department', reporter: 'test', text, identity: { householdId: h.id } },
    }))!;
    const out = await triageReport(
      { policy, timeZone: tz, transaction: (fn) => db.transaction((tx) => fn(triageStore(tx))) },
      inboxId,
      t0,
    );
    if (out.status !== 'created') throw new Error(`expected a new case, got ${out.status}`);
    if (green) await db.query(`UPDATE cases SET urgency = 'green' WHERE number = $1`, [out.caseNumber]);
    return out.caseNumber!;
  };
  const run = async (userid: string, text: string, when = t0) =>
    (await runCadreCommand(cadre, userid, parseCommand(text), when)).reply ?? '';
  const stateOf = async (number: string) =>
    (
      await db.query<{ state: string; decision: string | null; closed: boolean }>(
        'SELECT state, decision, closed_at IS NOT NULL AS closed FROM cases WHERE number = $1',
        [number],
      )
    ).rows[0];
  const household = async () =>
    (await db.query('SELECT status, monitoring_kind, risk_open FROM households WHERE id = $1', [h.id])).rows[0];

  it('a green inclusion reversed by a failed check: the case 不纳入 with the reason, the household back to 脱贫户', async () => {
    const number = await openCase('住院手术花了三万多，收入大幅减少', true);
    await run(h.helper, `电话 ${h.id} 人均收入约9000元`);
    expect(await run(h.helper, `纳入 ${number} 突发严重困难户`)).toContain('已提出，下一步「县级确认」');
    expect(await run(h.county, `通过 ${number}`, at(0.5))).toContain('已纳入监测（突发严重困难户）');
    expect(await household()).toEqual({ status: 'monitored', monitoring_kind: 'sudden', risk_open: true });
    expect(await run(h.helper, `退回 ${number}`, at(1))).toContain('用法'); // a reason is required
    expect(await run(h.helper, `退回 ${number} 入户核实发现住院费用已由保险全额报销`, at(1))).toContain(
      '绿色通道核查未通过，已撤销纳入',
    );
    expect(await stateOf(number)).toEqual({ state: 'not_included', decision: 'not_included', closed: true });
    expect(await household()).toEqual({ status: 'lifted', monitoring_kind: null, risk_open: false });
    const audit = await db.query<{ action: string; note: string }>(
      `SELECT action, note FROM audit_log WHERE entity = 'case' AND action IN ('revoke', 'procedure-return') AND entity_id = (SELECT id::text FROM cases WHERE number = $1) ORDER BY id`,
      [number],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['procedure-return', 'revoke']);
    expect(audit.rows[1]!.note).toContain('保险全额报销');
  });

  it('退回 from the first step goes back to the proposer; 评议 不通过 ends it as 不纳入', async () => {
    const number = await openCase('房子漏雨墙裂');
    await run(h.helper, `签收 ${number}`);
    await run(h.helper, `核实 ${number} 人均收入约6000元`);
    await run(h.helper, `纳入 ${number} 脱贫不稳定户`);
    expect(await run(h.village, `退回 ${number} 收入要补充佐证材料`, at(1))).toContain('已退回提出人');
    expect((await stateOf(number))!.state).toBe('verified');
    expect(await run(h.village, `程序 ${number}`)).toContain('没有进行中的认定或消除程序');
    expect(await run(h.helper, `纳入 ${number} 脱贫不稳定户`, at(2))).toContain('已提出');
    expect(await run(h.village, `评议 ${number} 不通过 参加10人 多数代表认为收入来源稳定`, at(3))).toContain(
      '认定未通过，不纳入监测',
    );
    expect(await stateOf(number)).toEqual({ state: 'not_included', decision: 'not_included', closed: true });
    expect(await household()).toEqual({ status: 'lifted', monitoring_kind: null, risk_open: false });
    const runs = await db.query('SELECT status FROM procedures ORDER BY id');
    expect(runs.rows).toEqual([{ status: 'withdrawn' }, { status: 'rejected' }]);
  });
});
