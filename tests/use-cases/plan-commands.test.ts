import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import type { CadreDeps } from '../../src/domain/ports/cadre.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import { loadPolicy } from '../../src/load-policy.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import type { Db } from '../../src/store/db.js';
import { measureStore } from '../../src/store/measure-store.js';
import { loadTaskView } from '../../src/store/task-store.js';
import { taskCard } from '../../src/domain/cadre/task-card.js';
import { openTestDb } from '../helpers/test-db.js';

/** 一户一策 in chat: the typed 帮扶 form, the plan with suggestions, status and effect, on PGlite. */
describe('typed measure commands', () => {
  let db: Db;
  let deps: CadreDeps;
  const now = new Date('2026-12-01T03:00:00Z');
  const say = async (text: string, who = 'u-helper') =>
    (await runCadreCommand(deps, who, parseCommand(text), now)).reply ?? '';

  beforeAll(async () => {
    db = await openTestDb();
    deps = {
      policy: loadPolicy('policy/default.json'),
      timeZone: 'Asia/Shanghai',
      transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))),
    };
    await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇')`);
    await db.query(`INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村')`);
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status, monitoring_kind) VALUES ('H1', 'V1', '张大山', 'monitored', 'sudden')`,
    );
    await db.query(
      `INSERT INTO members (household_id, name, id_number, relation, labour, birth_date, health, schooling) VALUES
        ('H1', '张大山', NULL, '户主', 'full', '1980-03-01', '健康', '非在校'),
        ('H1', '李秀英', NULL, '配偶', 'partial', '1982-05-01', '长期慢性病', '非在校'),
        ('H1', '张小花', NULL, '之女', NULL, '2009-09-01', '健康', '中职')`,
    );
    await db.query(
      `INSERT INTO cadres (userid, name, role, township_id) VALUES ('u-helper', '王帮扶', 'helper', 'T1'), ('u-other', '赵别村', 'helper', 'T1')`,
    );
    await db.query(`INSERT INTO links (kind, target_id, cadre_userid) VALUES ('household', 'H1', 'u-helper')`);
    await db.query(
      `INSERT INTO cases (number, household_id, village_id, state, risk_types, match_method)
       VALUES ('SW2026000001', 'H1', 'V1', 'included', '{illness_disaster_accident,dropout}', 'exact')`,
    );
  });
  afterAll(() => db.close());

  it('records a typed measure for a member with department, amount, start and status, and audits it', async () => {
    const reply = await say('帮扶 SW2026000001 医疗救助 对象:李秀英 部门:医保局 金额:3000 开始:12月5日 慢病门诊报销');
    expect(reply).toContain('第 1 项措施「医疗救助/慢病签约」');
    expect(reply).toContain('对象 李秀英');
    const [m] = await measureStore(db).householdMeasures('H1');
    expect(m).toMatchObject({
      type: 'medical',
      memberName: '李秀英',
      department: '医保局',
      amountYuan: 3000,
      startDate: '2026-12-05',
      status: 'planned',
      detail: '慢病门诊报销',
      cadre: 'u-helper',
    });
    const state = (await db.query<{ state: string }>(`SELECT state FROM cases WHERE number = 'SW2026000001'`)).rows[0]!
      .state;
    expect(state).toBe('assisting');
    const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'case' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['assist']);
  });

  it('refuses a member the household does not have, and the old free-text 帮扶 still works', async () => {
    expect(await say('帮扶 SW2026000001 就业帮扶 对象:王五')).toContain('家庭成员中没有「王五」');
    await say('帮扶 SW2026000001 帮忙联系了村里的合作社');
    const plan = await measureStore(db).householdMeasures('H1');
    expect(plan.map((m) => [m.type, m.detail])).toEqual([
      ['medical', '慢病门诊报销'],
      ['other', '帮忙联系了村里的合作社'],
    ]);
  });

  it('lists the plan by 一增/一减/一补 with suggestions, and changes status and effect by 序号', async () => {
    await say('帮扶 SW2026000001 公益岗位 对象:张大山 部门:林草局 护林员 已落实');
    const list = await say('措施 SW2026000001');
    expect(list).toContain('共 3 项');
    expect(list.indexOf('【一增（增收）】')).toBeLessThan(list.indexOf('【一减（减支）】'));
    expect(list).toContain('3. 公益岗位（张大山） 护林员，林草局，2026-12-01 起，已落实');
    // Suggestions, never applied: the schoolgirl's 雨露计划, and work for the weak worker.
    expect(list).toContain('教育资助（雨露计划）（张小花）');
    expect(list).toContain('建议措施（仅供参考，需您确认后登记）');
    expect(await measureStore(db).householdMeasures('H1')).toHaveLength(3);

    expect(await say('措施 SW2026000001 1 已落实')).toContain('计划 → 已落实');
    expect(await say('成效 SW2026000001 1 见效 门诊费用降到每月200元')).toContain('成效记为「见效」');
    expect(await say('措施 SW2026000001 9 已落实')).toContain('没有第 9 项措施');
    const [m] = await measureStore(db).householdMeasures('H1');
    expect(m).toMatchObject({
      status: 'done',
      effect: 'effective',
      effectNote: '门诊费用降到每月200元',
      effectBy: 'u-helper',
    });
    const audit = await db.query<{ action: string; from_state: string; to_state: string }>(
      `SELECT action, from_state, to_state FROM audit_log WHERE entity = 'measure' ORDER BY id`,
    );
    expect(audit.rows.map((r) => [r.action, r.from_state, r.to_state])).toEqual([
      ['measure_status', 'planned', 'done'],
      ['measure_effect', null, 'effective'],
    ]);
  });

  it('lets nobody outside the chain change the plan', async () => {
    expect(await say('措施 SW2026000001 2 无效', 'u-other')).toContain('不在您负责的范围内');
    expect((await measureStore(db).householdMeasures('H1'))[1]!.status).toBe('in_progress');
  });

  it('shows the suggested measures on the task card of a monitored household, and none before', async () => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO tasks (case_id, cadre_userid, state) SELECT id, 'u-helper', 'open' FROM cases WHERE number = 'SW2026000001' RETURNING id`,
    );
    const card = taskCard((await loadTaskView(db, rows[0]!.id))!, 'Asia/Shanghai') as {
      horizontal_content_list: Array<{ keyname: string; value: string }>;
    };
    const line = card.horizontal_content_list.find((l) => l.keyname === '建议措施');
    // 医疗救助 and a 公益岗位 (work) are in the plan already: what the risks still call for is suggested.
    expect(line?.value).toBe('防贫保险、临时救助、教育资助（雨露计划）（张小花）');
    await db.query(`UPDATE cases SET state = 'verified' WHERE number = 'SW2026000001'`);
    const before = taskCard((await loadTaskView(db, rows[0]!.id))!, 'Asia/Shanghai') as typeof card;
    expect(before.horizontal_content_list.some((l) => l.keyname === '建议措施')).toBe(false);
  });

  it('asks at 回头看 for the effect of each measure not checked yet', async () => {
    await db.query(`UPDATE cases SET state = 'risk_removed' WHERE number = 'SW2026000001'`);
    const reply = await say('回头看 SW2026000001 收入稳定，孩子已复学');
    expect(reply).toContain('请逐项检查措施成效（成效 SW2026000001 序号');
    // Measure 1 was checked (见效) above; 2 and 3 are asked for.
    expect(reply).not.toMatch(/\n1\. /);
    expect(reply).toMatch(/\n2\. 其他（全户） 帮忙联系了村里的合作社[\s\S]*\n3\. 公益岗位（张大山）/);
  });
});
