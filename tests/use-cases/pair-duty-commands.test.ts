import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import type { CadreDeps } from '../../src/domain/ports/cadre.js';
import { runCadreCommand } from '../../src/domain/use-cases/run-cadre-command.js';
import type { Db } from '../../src/store/db.js';
import { cadreDeps } from '../helpers/store-deps.js';
import { openTestDb } from '../helpers/test-db.js';

/** 8个一 in chat on PGlite: recorded once per period, calls and visits as contacts, audited; status per household. */
describe('8个一 commands', () => {
  let db: Db;
  let deps: CadreDeps;
  const now = new Date('2026-12-01T03:00:00Z'); // 11:00 in Shanghai
  const say = async (text: string, who = 'u-helper', at = now) =>
    (await runCadreCommand(deps, who, parseCommand(text), at)).reply ?? '';

  beforeAll(async () => {
    db = await openTestDb();
    deps = cadreDeps(db);
    await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇')`);
    await db.query(`INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村')`);
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status) VALUES ('H1', 'V1', '张大山', 'lifted'), ('H2', 'V1', '李二', 'ordinary')`,
    );
    await db.query(
      `INSERT INTO cadres (userid, name, role, township_id) VALUES ('u-helper', '王帮扶', 'helper', 'T1'), ('u-other', '赵别村', 'helper', 'T1')`,
    );
    await db.query(
      `INSERT INTO links (kind, target_id, cadre_userid) VALUES ('household', 'H1', 'u-helper'), ('household', 'H2', 'u-helper')`,
    );
  });
  afterAll(() => db.close());

  it('parses the duty words and a missing or unknown duty', () => {
    expect(parseCommand('8个一 H1 就业 介绍了县里的招聘会')).toEqual({
      kind: 'pair_duty',
      household: 'H1',
      duty: 'jobs',
      note: '介绍了县里的招聘会',
      via: 'text',
    });
    expect(parseCommand('八个一：张大山，消费帮扶')).toMatchObject({
      kind: 'pair_duty',
      household: '张大山',
      duty: 'purchase',
    });
    expect(parseCommand('８个一 H1')).toEqual({ kind: 'pair_duties', household: 'H1' });
    expect(parseCommand('8个一')).toEqual({ kind: 'pair_duties', household: null });
    expect(parseCommand('8个一 H1 跳舞')).toMatchObject({ kind: 'invalid' });
  });

  it('records a duty once per period, with the audit, and says what is left', async () => {
    const reply = await say('8个一 H1 就业 介绍了县里的招聘会，电话13812345678');
    expect(reply).toMatch(
      /^已记录 张大山户（河口村）的「提供就业信息」（2026年），12月1日 11:00。本期还有 \d+ 项未完成：/,
    );
    expect(reply).not.toContain('提供就业信息、');
    const { rows } = await db.query<{ duty: string; period: string; note: string; via: string }>(
      'SELECT duty, period, note, via FROM pair_duty_records WHERE household_id = $1',
      ['H1'],
    );
    expect(rows).toEqual([{ duty: 'jobs', period: '2026', note: '介绍了县里的招聘会，电话138****5678', via: 'text' }]);
    const audit = await db.query(
      `SELECT actor, to_state FROM audit_log WHERE action = 'pair_duty' AND entity_id = 'H1'`,
    );
    expect(audit.rows).toEqual([{ actor: 'u-helper', to_state: 'jobs:2026' }]);
    expect(await say('8个一 H1 就业 又说了一次')).toBe(
      '张大山户的「提供就业信息」（2026年）已经记录过了（12月1日 11:00，王帮扶），不必再记。',
    );
    expect((await db.query(`SELECT 1 FROM audit_log WHERE action = 'pair_duty'`)).rows).toHaveLength(1);
  });

  it('a call is recorded as a call (one record, the schedule moves), and counts as the duty', async () => {
    const reply = await say('8个一 H1 电话 问了问近况');
    expect(reply).toMatch(/^已记录 张大山户（河口村）的电话联系/);
    const visits = await db.query<{ kind: string; note: string }>(
      'SELECT kind, note FROM visits WHERE household_id = $1',
      ['H1'],
    );
    expect(visits.rows).toEqual([{ kind: 'call', note: '问了问近况' }]);
    expect((await db.query(`SELECT 1 FROM pair_duty_records WHERE duty = 'call'`)).rows).toHaveLength(0);
    const status = await say('8个一 H1');
    expect(status).toContain('2. 电话联系（2026年12月）：已完成（12月1日，王帮扶，电话联系记录）');
    expect(status).toContain('3. 入户走访（2026年第四季度）：未完成，12月31日前');
    expect(status).toContain('6. 提供就业信息（2026年）：已完成（12月1日，王帮扶）');
    expect(status).toContain('1. 制定一户一策帮扶计划（2026年）：已逾期（应于1月31日前完成）');
    expect(status).toMatch(/^张大山户（河口村，户号 H1）的「8个一」，本期已完成 2 项：/);
  });

  it('refuses an evaluation before December, an ordinary household and a household not in charge', async () => {
    expect(await say('8个一 H1 评价', 'u-helper', new Date('2026-11-20T03:00:00Z'))).toBe(
      '「年终评价」（2026年）从 12月1日 起才能记录，请到时再记。',
    );
    expect(await say('8个一 H2 技术')).toBe('李二户（河口村）不是脱贫户或监测户，不在帮扶责任人「8个一」的范围内。');
    expect(await say('8个一 H1 技术', 'u-other')).toContain('您负责的农户中没有找到「H1」');
  });

  it('8个一 alone lists the households with duties overdue or due soon', async () => {
    const text = await say('8个一');
    expect(text.split('\n')).toEqual([
      '您负责的 1 户脱贫户和监测户中，有 1 户的「8个一」快到期或已逾期：',
      '1. 张大山户（河口村，户号 H1）已逾期：制定一户一策帮扶计划；快到期：年终评价（12月31日前）、解决一件实事（12月31日前）、开展技术指导（12月31日前）、消费帮扶（12月31日前）',
      '记录请回复：8个一 户号 事项；查看一户：8个一 户号。',
    ]);
    expect(await say('8个一', 'u-other')).toBe('您负责的 0 户脱贫户和监测户中，没有快到期或已逾期的「8个一」事项。');
  });
});
