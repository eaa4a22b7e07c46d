import type { Db } from '../../src/store/db.js';

/** "Now" for the register fixture: 2026-12-01 11:00 in Asia/Shanghai. */
export const REGISTER_NOW = new Date('2026-12-01T03:00:00Z');

/**
 * A small county written by hand for the register's counts. As of REGISTER_NOW (Asia/Shanghai):
 *
 * | 户 | 村 (乡镇) | 类别 | 人 | 纳入 | 风险消除 |
 * | H01 张一 | 河口村 (城关镇) | 边缘易致贫户 | 3 | 2026-12-01 | |
 * | H02 张二 | 河口村 | 脱贫不稳定户 | 2 | 2026-12-01 01:00 local (11-30 UTC) | |
 * | H03 张三 | 河口村 | 突发严重困难户 | 4 | 2026-03-10 | 2026-10-01 |
 * | H04 李四 | 山后村 (城关镇) | 边缘易致贫户 | 1 | 2025-06-01 | 2026-02-01 |
 * | H05 李五 | 山后村 | 脱贫不稳定户 | 5 | 2025-05-01 | |
 * | H06 王六 | 石桥村 (石桥乡) | 边缘易致贫户 | 2 | 2026-11-30 23:00 local | |
 * | H07 王七 | 石桥村 | 脱贫不稳定户 | 3 | none on record (imported) | none on record |
 * | H08 赵八 | 河口村 | 脱贫户, not monitored (its case was 不纳入) | 2 | | |
 * | H09 赵九 | 河口村 | 一般户 | 1 | | |
 *
 * Counted by hand, county: 7 户 20 人; 本月新识别 H01 H02 = 2 户 5 人; 本年新识别 + H03 H06 = 4 户 11 人;
 * 风险已消除 H03 H04 = 2 户 5 人 (both this year); 风险未消除 5 户 15 人; no 纳入 date H07 1 户 3 人.
 * 城关镇 alone: 5 户 15 人; 本月 2/5; 本年 3/9; 已消除 2/5; 未消除 3/10.
 *
 * In 公示 (procedure at the notice step): H08 拟纳入 (边缘易致贫户) in 河口村 since 2026-11-28, H05 拟消除
 * (帮扶消除) in 山后村 since 2026-11-27. 河口村's 结果公告 for 2026-12: H01 H02 纳入.
 */
export async function writeRegisterFixture(db: Db): Promise<void> {
  await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇'), ('T2', '石桥乡')`);
  await db.query(
    `INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村'), ('V2', 'T1', '山后村'), ('V3', 'T2', '石桥村')`,
  );
  const households: Array<[string, string, string, string, string | null, boolean, number]> = [
    ['H01', 'V1', '张一', 'monitored', 'edge', true, 3],
    ['H02', 'V1', '张二', 'monitored', 'unstable', true, 2],
    ['H03', 'V1', '张三', 'monitored', 'sudden', false, 4],
    ['H04', 'V2', '李四', 'monitored', 'edge', false, 1],
    ['H05', 'V2', '李五', 'monitored', 'unstable', true, 5],
    ['H06', 'V3', '王六', 'monitored', 'edge', true, 2],
    ['H07', 'V3', '王七', 'monitored', 'unstable', false, 3],
    ['H08', 'V1', '赵八', 'lifted', null, false, 2],
    ['H09', 'V1', '赵九', 'ordinary', null, false, 1],
  ];
  for (const [id, village, head, status, kind, open, persons] of households) {
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status, monitoring_kind, risk_open) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, village, head, status, kind, open],
    );
    for (let i = 0; i < persons; i++)
      await db.query(
        `INSERT INTO members (household_id, name, id_number, relation, labour, birth_date) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          i === 0 ? head : `${head}家${i}`,
          i === 0 ? `53010219800101${id.slice(1)}1X` : null,
          i === 0 ? '户主' : '之子',
          i === 0 ? 'full' : 'none',
          i === 0 ? '1980-01-01' : '2010-06-01',
        ],
      );
  }
  const cases: Array<[string, string, string, string | null, string | null, string[]]> = [
    ['H01', 'assisting', '2026-12-01T02:00:00Z', null, null, ['illness_disaster_accident']],
    ['H02', 'included', '2026-11-30T17:00:00Z', null, null, ['income_drop']],
    ['H03', 'risk_removed', '2026-03-10T02:00:00Z', '2026-10-01T02:00:00Z', null, ['expense_jump']],
    ['H04', 'reviewed', '2025-06-01T02:00:00Z', '2026-02-01T02:00:00Z', null, ['housing']],
    ['H05', 'assisting', '2025-05-01T02:00:00Z', null, null, ['water', 'income_drop']],
    ['H06', 'included', '2026-11-30T15:00:00Z', null, null, ['dropout']],
    ['H08', 'not_included', '2026-11-01T02:00:00Z', null, 'exclude', ['income_drop']],
  ];
  let n = 0;
  for (const [household, state, included, removed, instead, risks] of cases) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO cases (number, household_id, village_id, state, risk_types, match_method)
       SELECT $1, h.id, h.village_id, $3, $4, 'exact' FROM households h WHERE h.id = $2 RETURNING id`,
      [`SW20260000${String(++n).padStart(2, '0')}`, household, state, risks],
    );
    const caseId = String(rows[0]!.id);
    await db.query(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state) VALUES ($1, 'u-helper', $2, 'case', $3, 'verified', $4)`,
      [included, instead ?? 'include', caseId, instead ? 'not_included' : 'included'],
    );
    if (removed)
      await db.query(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state) VALUES ($1, 'u-helper', 'remove_risk', 'case', $2, 'assisting', 'risk_removed')`,
        [removed, caseId],
      );
  }
  // H01's plan and income history, for the household page.
  await db.query(
    `INSERT INTO measures (household_id, case_id, cadre_userid, type, text, department, amount_yuan, status, at, updated_at)
     SELECT 'H01', c.id, 'u-helper', 'medical', '大病医疗救助', '医保局', 3000, 'done', '2026-12-01T02:30:00Z', '2026-12-01T02:30:00Z'
       FROM cases c WHERE c.household_id = 'H01'`,
  );
  for (const [at, yuan, source] of [
    ['2026-01-10T02:00:00Z', 6500, 'verify'],
    ['2026-05-02T02:00:00Z', 7600, 'visit'],
    ['2026-09-20T02:00:00Z', 8300, 'department'],
  ] as const)
    await db.query(
      `INSERT INTO income_readings (household_id, yuan, source, at, recorded_by) VALUES ('H01', $1, $2, $3, 'u-helper')`,
      [yuan, source, at],
    );
  const procedure = async (
    household: string,
    kind: string,
    category: string | null,
    mode: string | null,
    start: string,
  ) =>
    db.query(
      `INSERT INTO procedures (case_id, household_id, kind, status, step, category, removal_mode, state, due_at, started_at, updated_at)
       SELECT c.id, $1, $2, 'open', 'notice', $3, $4, $5, '2026-12-20T00:00:00Z', $6, $6 FROM cases c WHERE c.household_id = $1`,
      [household, kind, category, mode, JSON.stringify({ notice: { startedAt: start, objections: [] } }), start],
    );
  await procedure('H08', 'identify', 'edge', null, '2026-11-28T02:00:00Z');
  await procedure('H05', 'exit', null, 'assisted', '2026-11-27T02:00:00Z');
}
