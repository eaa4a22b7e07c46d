import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import { publishBulletins, weeklyBulletin } from '../../src/domain/use-cases/publish-bulletins.js';
import { sweepDue } from '../../src/domain/use-cases/sweep-due.js';
import { triageReport } from '../../src/domain/use-cases/triage-report.js';
import { loadPolicy } from '../../src/load-policy.js';
import { bulletinStore } from '../../src/store/bulletin-store.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { sweepTransaction } from '../../src/store/sweep-store.js';
import { cadreDeps, triageDeps } from '../helpers/store-deps.js';
import { openTestDb, pgAvailable, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const loaded = loadPolicy('policy/default.json');
// This file checks tasks, visits and procedures; the 8个一 in the digest are tests/handlers/pair-duties.test.ts's.
const policy = { ...loaded, pairHelper: { ...loaded.pairHelper, remind: false } };
const tz = 'Asia/Shanghai';
const HOUR = 3_600_000;
const local = (s: string) => new Date(`${s}+08:00`);
/** "11-24 10:00" in local time, for readable expectations. */
const short = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(5, 16).replace('T', ' ');

interface Who {
  id: string;
  head: string;
  village: string;
}

/**
 * Two weeks of township T1, hour by hour, as the scheduler would run them (`sweep --at` every hour,
 * the bulletin on Mondays at 08:00). Three households stay on a schedule: A (石岭村, open risk, 2 visits
 * a week) and B (石岭村, 脱贫户, a call a month) with helper H1; C (龙潭村, risk removed, a visit a week)
 * with helper H2. A gets a leaking house on Monday (H1 acknowledges only after it has gone up to the
 * township leader); C gets a dropout on Wednesday that H2 never acknowledges (up to the county, daily).
 */
describe.each(kinds)('two weeks of a demo township on %s', (kind) => {
  let db: Db;
  const log: Array<{ at: string; to: string; content: string }> = [];
  const bulletins: string[] = [];
  let A: Who, B: Who, C: Who;
  let H1: { userid: string; name: string }, H2: { userid: string; name: string };
  let caseA = '',
    caseC = '';
  let names: Record<string, string> = {};
  const bcName = (village: string) => names[`bc-${village}`]!;

  beforeAll(async () => {
    db = await openTestDb(kind);
    await seedDemo(db, { households: 200, seed: 5 });
    const pick = async (village: string, n: number) =>
      (
        await db.query<Who & { helper: string; helper_name: string }>(
          `SELECT h.id, h.head_name AS head, v.name AS village, l.cadre_userid AS helper, k.name AS helper_name
         FROM households h JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
         JOIN cadres k ON k.userid = l.cadre_userid WHERE h.village_id = $1 AND h.status <> 'ordinary' ORDER BY h.id LIMIT $2`,
          [village, n],
        )
      ).rows;
    const [a, b] = await pick('T1V01', 2);
    const [c] = await pick('T1V02', 1);
    expect(a!.helper).toBe(b!.helper); // one pair-helper for A and B
    [A, B, C] = [a!, b!, c!];
    H1 = { userid: a!.helper, name: a!.helper_name };
    H2 = { userid: c!.helper, name: c!.helper_name };
    names = Object.fromEntries(
      (await db.query<{ userid: string; name: string }>('SELECT userid, name FROM cadres')).rows.map((r) => [
        r.userid,
        r.name,
      ]),
    );
    // Everyone else in T1 leaves the 脱贫/监测 rolls, T2 is off the schedule: only A, B and C are due.
    await db.query(
      `UPDATE households SET status = 'ordinary', monitoring_kind = NULL, risk_open = false
                     WHERE village_id LIKE 'T1%' AND id NOT IN ($1, $2, $3)`,
      [A.id, B.id, C.id],
    );
    await db.query('UPDATE households SET next_visit_due_at = NULL, next_call_due_at = NULL, remind_at = NULL');
    const plan = async (id: string, status: string, riskOpen: boolean, visit: string, call: string | null) => {
      await db.query(
        `UPDATE households SET status = $2, monitoring_kind = CASE WHEN $2 = 'monitored' THEN 'unstable' END, risk_open = $3,
           next_visit_due_at = $4, next_call_due_at = $5, remind_at = LEAST($4::timestamptz, $5::timestamptz) WHERE id = $1`,
        [id, status, riskOpen, local(visit), call && local(call)],
      );
    };
    await plan(A.id, 'monitored', true, '2026-11-24T12:00:00', null);
    await plan(B.id, 'lifted', false, '2027-02-01T12:00:00', '2026-11-25T12:00:00');
    await plan(C.id, 'monitored', false, '2026-11-26T12:00:00', null);

    const triage = triageDeps(db, policy);
    const cadre = cadreDeps(db, policy);
    const sweep = { policy, timeZone: tz, transaction: sweepTransaction(db) };
    const report = async (h: Who, text: string, at: Date) => {
      const inboxId = (await insertInbox(db, {
        source: 'dept:test',
        sourceMsgId: `${h.id}-${at.getTime()}`,
        payload: { channel: 'department', reporter: 'test', text, identity: { householdId: h.id } },
      }))!;
      const out = await triageReport(triage, inboxId, at);
      if (out.status !== 'created') throw new Error(`expected a new case, got ${out.status}`);
      return out.caseNumber!;
    };
    const say = (who: string, text: string, at: Date) => runCadreCommand(cadre, who, parseCommand(text), at);

    // What the people do, by local hour; each hour the actions come first, then the sweep.
    const actions: Record<string, (at: Date) => Promise<unknown>> = {
      '11-23 10:00': async (at) => {
        caseA = await report(A, '房子漏雨墙裂，住着不安全', at);
      },
      '11-24 10:00': (at) => say(H1.userid, `走访 ${A.id} 家里都好`, at),
      '11-25 11:00': (at) => say(H1.userid, `电话 ${B.id} 电话联系，务工正常`, at),
      '11-25 15:00': async (at) => {
        caseC = await report(C, '孩子初二辍学在家', at);
      },
      '11-26 09:00': (at) => say(H1.userid, `签收 ${caseA}`, at),
      '11-28 10:00': (at) => say(H2.userid, `走访 ${C.id} 补走访`, at),
      '11-30 09:00': (at) => say(H1.userid, `走访 ${A.id} 补走访`, at),
      '11-30 11:00': (at) => say(H1.userid, `核实 ${caseA} 已入户，屋顶漏雨，需危房改造`, at),
      '12-02 15:00': (at) => say(H1.userid, `走访 ${A.id} 查看修缮进度`, at),
      '12-04 16:00': (at) => say(H2.userid, `走访 ${C.id} 家里都好`, at),
    };
    let seen = 0;
    for (let t = local('2026-11-23T09:00:00').getTime(); t <= local('2026-12-07T08:00:00').getTime(); t += HOUR) {
      const at = new Date(t);
      await actions[short(at)]?.(at);
      await sweepDue(sweep, at);
      const { rows } = await db.query<{ to: string; content: string }>(
        'SELECT cadre_userid AS to, content FROM digests ORDER BY id OFFSET $1',
        [seen],
      );
      seen += rows.length;
      log.push(...rows.map((r) => ({ at: short(at), ...r })));
      if (short(at).endsWith('08:00') && new Date(t + 8 * HOUR).getUTCDay() === 1) {
        const deps = { policy, timeZone: tz, store: bulletinStore(db) };
        expect((await publishBulletins(deps, at)).stored).toBe(2);
        expect((await publishBulletins(deps, at)).stored).toBe(0); // a retried run stores (and so sends) nothing twice
        bulletins.push(
          (
            await db.query<{ content: string }>(
              `SELECT content FROM bulletins WHERE township_id = 'T1' AND created_at = $1`,
              [at],
            )
          ).rows[0]!.content,
        );
      }
    }
  }, 120_000);
  afterAll(() => db.close());

  const to = (userid: string) => ({ [H1.userid]: 'H1', [H2.userid]: 'H2' })[userid] ?? userid;

  it('sends one digest per cadre per sweep, to the right person at the right hour', () => {
    expect(log.map((d) => `${d.at} ${to(d.to)}`)).toEqual([
      '11-24 10:00 H1', // A: 签收 due 10:00
      '11-24 14:00 H1', // +4 h
      // +8 h is 22:00: quiet hours hold it until the first sweep after 07:30
      '11-25 08:00 bc-T1V01', // then up to the village cadre,
      '11-26 08:00 bp-T1', // the township leader; H1 acknowledges at 09:00 and that ladder stops,
      '11-26 09:00 H1', // but 入户核实 was due Wednesday 10:00 (two working days from the report): a new ladder
      '11-26 12:00 H2', // C's weekly visit is overdue
      '11-26 13:00 H1',
      '11-26 15:00 H2', // C: 签收 due
      '11-26 19:00 H2',
      '11-27 08:00 bc-T1V01', // A: 21:00 was quiet
      '11-27 08:00 bc-T1V02', // C: 03:00 was quiet
      '11-27 12:00 H2', // C's visit, a day later
      '11-28 08:00 bp-T1', // A and C in one digest
      '11-28 08:00 H1', // A's visit was due Friday 22:00 (quiet): reminded in the morning
      '11-29 08:00 county-office', // A and C
      '11-29 08:00 H1',
      '11-30 08:00 county-office', // A and C; H1 verifies A at 11:00 (next: 认定 by Dec 8)
      '11-30 08:00 H1',
      '12-01 08:00 county-office', // C goes to the county every day until someone acts
      '12-02 08:00 county-office',
      '12-03 08:00 county-office',
      '12-04 08:00 county-office',
      '12-05 08:00 county-office',
      '12-06 08:00 county-office',
      '12-06 08:00 H1', // A's visit due Sunday 03:00
      '12-07 08:00 county-office',
      '12-07 08:00 H1',
    ]);
  });

  it('holds nothing but the 绿色通道 in the quiet hours', () => {
    const quiet = log.filter((d) => d.at.slice(6) >= '21:00' || d.at.slice(6) < '07:30');
    expect(quiet).toEqual([]);
  });

  it('says what is due and, up the chain, who was reminded and when', () => {
    const first = log[0]!;
    expect(first.content).toBe(
      [
        '【守望提醒】您有 1 项任务待签收。',
        '以下任务等待您签收：',
        `1. ${caseA} ${A.head}户（石岭村），时限是 11月24日 10:00。`,
        '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。',
      ].join('\n'),
    );
    expect(log.find((d) => d.at === '11-26 08:00')!.content).toBe(
      [
        '【守望提醒】您有 1 项逾期任务上报给您督办。',
        '以下逾期任务已上报给您督办：',
        `1. ${caseA} ${A.head}户（石岭村），时限是 11月24日 10:00，责任人是${H1.name}，已提醒：${H1.name} 11月24日 10:00、${H1.name} 11月24日 14:00、${bcName('T1V01')} 11月25日 08:00。`,
        '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。',
      ].join('\n'),
    );
    expect(log.find((d) => d.at === '11-28 08:00' && d.to === H1.userid)!.content).toBe(
      [
        '【守望提醒】您有 1 户走访已逾期。',
        '以下农户的入户走访已逾期：',
        `1. ${A.head}户（石岭村），应于 11月27日 22:00 前入户走访。`,
        '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。',
      ].join('\n'),
    );
    expect(log.find((d) => d.at === '11-26 09:00')!.content).toContain(
      `以下任务已过入户核实的时限，请尽快入户：\n1. ${caseA} ${A.head}户（石岭村），时限是 11月25日 10:00。`,
    );
    expect(log.find((d) => d.at === '11-28 08:00' && d.to === 'bp-T1')!.content).toMatch(
      /^【守望提醒】您有 2 项逾期任务上报给您督办。\n以下逾期任务已上报给您督办：\n1\. .+\n2\. /,
    );
    const county = log.filter((d) => d.to === 'county-office');
    expect(county.at(-1)!.content).toContain(
      `${caseC} ${C.head}户（龙潭村），时限是 11月26日 15:00，责任人是${H2.name}，已提醒：共 12 次，最近：`,
    );
    expect(county.at(-1)!.content).toContain(`县乡村振兴局值班 12月5日 08:00、县乡村振兴局值班 12月6日 08:00`);
  });

  it('counts each week: contacts due and done per cadre, overdue tasks, who is behind, villages ranked', async () => {
    const deps = { policy, timeZone: tz, store: bulletinStore(db) };
    const t1 = { id: 'T1', name: '青山镇' };
    const week1 = await weeklyBulletin(deps, t1, local('2026-11-25T12:00:00'), local('2026-12-07T08:00:00'));
    const week2 = await weeklyBulletin(deps, t1, local('2026-12-02T12:00:00'), local('2026-12-07T08:00:00'));
    const figures = (b: typeof week1) => ({
      totals: b.totals,
      cadres: b.cadres.map((c) => [to(c.cadre!), c.due, c.done, c.overdueContacts, c.overdueTasks]),
      behind: b.behind.map((c) => to(c.cadre!)),
      top: b.top.map((v) => v.name),
      bottom: b.bottom.map((v) => v.name),
    });
    // Week 1: A's Tuesday visit (done early), B's call (done), A's Friday-night visit (missed: made up on
    // Monday, after the week), C's Thursday visit (done late on Saturday, still within the week).
    // C's dropout is still not acknowledged. (Tasks are counted as they stand now: A's overdue 入户核实,
    // in Monday's bulletin, has been done since.)
    expect(figures(week1)).toEqual({
      totals: { households: 3, due: 4, done: 3, overdueContacts: 1, overdueTasks: 1, cadres: 2 },
      cadres: [
        ['H1', 3, 2, 1, 0],
        ['H2', 1, 1, 0, 1],
      ],
      behind: ['H1', 'H2'],
      top: ['龙潭村'],
      bottom: ['石岭村'],
    });
    // Week 2: A's Thursday visit (done Wednesday) and Sunday-03:00 visit (missed); C's Saturday visit (done Friday).
    expect(figures(week2)).toEqual({
      totals: { households: 3, due: 3, done: 2, overdueContacts: 1, overdueTasks: 1, cadres: 2 },
      cadres: [
        ['H1', 2, 1, 1, 0],
        ['H2', 1, 1, 0, 1],
      ],
      behind: ['H1', 'H2'],
      top: ['龙潭村'],
      bottom: ['石岭村'],
    });
  });

  it('sends the township leader the same figures as markdown on Monday morning', () => {
    expect(bulletins).toHaveLength(2);
    expect(bulletins[0]).toBe(
      [
        '## 青山镇防返贫走访帮扶周通报',
        '> 11月23日至11月29日，2 名干部，3 户脱贫户和监测户',
        '',
        '走访联系：应 **4** 次，完成 **3** 次，完成率 **75%**',
        '逾期未走访 **1** 次，逾期未办任务 **2** 项',
        '',
        '**完成率靠前**：龙潭村 100%（1/1）',
        '**完成率靠后**：石岭村 66%（2/3）',
        '',
        // The 8个一 of the same three households in November: no plan on record, this month's calls made.
        ...'**帮扶责任人「8个一」**（应完成 / 已完成 / 逾期，户次）：|制定一户一策帮扶计划：3 / 0 / 3|电话联系：3 / 3 / 0|入户走访：3 / 2 / 0|解决一件实事：3 / 0 / 0|提供就业信息：3 / 0 / 0|开展技术指导：3 / 0 / 0|消费帮扶：3 / 0 / 0|逾期最多的村：石岭村 2 项、龙潭村 1 项'.split(
          '|',
        ),
        '',
        '**需督促干部 2 人**（完成率低于 80% 或有逾期任务）：',
        `1. ${H1.name}（石岭村）完成 2/3，逾期任务 1 项，逾期走访 1 次`,
        `2. ${H2.name}（龙潭村）完成 1/1，逾期任务 1 项`,
        '',
        '完整名单见周报表（XLSX）。',
      ].join('\n'),
    );
    expect(bulletins[1]).toContain('> 11月30日至12月6日');
    expect(bulletins[1]).toContain('走访联系：应 **3** 次，完成 **2** 次，完成率 **66%**');
  });
});
