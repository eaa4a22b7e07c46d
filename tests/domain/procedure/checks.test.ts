import { describe, expect, it } from 'vitest';
import { categoryMismatch } from '../../../src/domain/procedure/category-check.js';
import { exitBlockers, type ExitFacts } from '../../../src/domain/procedure/exit-conditions.js';
import { loadPolicy } from '../../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');

describe('category against income (监测线 7100)', () => {
  it.each([
    [
      '边缘易致贫户 within the range',
      { category: 'edge', status: 'ordinary', incomePerCapita: 6500, riskTypes: [] },
      [],
    ],
    [
      '脱贫不稳定户 within the range',
      { category: 'unstable', status: 'lifted', incomePerCapita: 7100, riskTypes: [] },
      [],
    ],
    [
      '脱贫不稳定户 at 20,000',
      { category: 'unstable', status: 'lifted', incomePerCapita: 20000, riskTypes: [] },
      ['人均纯收入 20000 元高于监测线 7100 元，不在「脱贫不稳定户」的收入范围内'],
    ],
    [
      '边缘易致贫户 at 9,000',
      { category: 'edge', status: 'ordinary', incomePerCapita: 9000, riskTypes: [] },
      ['人均纯收入 9000 元高于监测线 7100 元，不在「边缘易致贫户」的收入范围内'],
    ],
    [
      '脱贫不稳定户 for an ordinary household',
      { category: 'unstable', status: 'ordinary', incomePerCapita: 6000, riskTypes: [] },
      ['「脱贫不稳定户」须是脱贫户，该户是一般户'],
    ],
    [
      '边缘易致贫户 for a 脱贫户',
      { category: 'edge', status: 'lifted', incomePerCapita: 6000, riskTypes: [] },
      ['该户是脱贫户，应认定为「脱贫不稳定户」而不是「边缘易致贫户」'],
    ],
    [
      '突发严重困难户 above the line with large medical spending',
      { category: 'sudden', status: 'lifted', incomePerCapita: 12000, riskTypes: ['expense_jump'] },
      [],
    ],
    [
      '突发严重困难户 below the line',
      { category: 'sudden', status: 'ordinary', incomePerCapita: 5000, riskTypes: ['illness_disaster_accident'] },
      ['人均纯收入 5000 元未高于监测线 7100 元，应按「脱贫不稳定户」或「边缘易致贫户」认定'],
    ],
    [
      '突发严重困难户 without spending or a drop',
      { category: 'sudden', status: 'ordinary', incomePerCapita: 15000, riskTypes: ['housing'] },
      ['「突发严重困难户」须有较大刚性支出或收入大幅缩减（支出骤增、收入骤减、因病因灾因意外），本案没有'],
    ],
  ] as const)('%s', (_, facts, expected) => {
    expect(categoryMismatch({ ...facts, riskTypes: [...facts.riskTypes] }, policy)).toEqual(expected);
  });

  it('cannot check without an income figure', () => {
    expect(
      categoryMismatch({ category: 'edge', status: 'ordinary', incomePerCapita: null, riskTypes: [] }, policy)[0],
    ).toContain('还没有核实的人均纯收入');
  });
});

describe('exit conditions', () => {
  const now = new Date('2027-07-01T02:00:00Z');
  const month = (m: number, yuan: number, source = 'visit') => ({
    at: new Date(Date.UTC(2027, m - 1, 1, 2)),
    yuan,
    source,
  });
  const ok: ExitFacts = {
    mode: 'assisted',
    includedAt: new Date('2026-12-10T02:00:00Z'),
    incomes: [month(1, 8200), month(4, 8600, 'department'), month(6, 9000)],
    measures: [{ type: '公益岗位', text: '安排护林员公益岗', done: true }],
    members: [{ labour: 'full' }, { labour: 'none' }],
    riskTypes: ['income_drop'],
    now,
    timeZone: 'Asia/Shanghai',
  };

  it('allows an exit when every published condition holds', () => {
    expect(exitBlockers(ok, policy)).toEqual([]);
  });

  it.each([
    [
      'monitored less than half a year',
      { includedAt: new Date('2027-03-01T02:00:00Z') },
      '纳入监测未满 6 个月（2027-03-01 纳入，2027-09-01 起可申请）',
    ],
    ['no record of inclusion', { includedAt: null }, '没有纳入监测的记录'],
    [
      'no measure carried out',
      { measures: [{ text: '计划安排公益岗', done: false }] },
      '还没有落实中或已落实的帮扶措施',
    ],
    ['no income record', { incomes: [] }, '没有收入记录'],
    [
      'latest income at the line',
      { incomes: [month(1, 8000), month(6, 7100)] },
      '最近一次人均纯收入 7100 元（2027-06-01）未高于监测线 7100 元',
    ],
    [
      'income above the line only since March',
      { incomes: [month(1, 8000), month(2, 6900), month(3, 8000), month(6, 9000)] },
      '收入高于监测线未满 6 个月（2027-02-01 还是 6900 元，2027-09-01 起才满 6 个月）',
    ],
    [
      'income records only since April',
      { incomes: [month(4, 9000), month(6, 9500)] },
      '收入高于监测线未满 6 个月（最早的收入记录是 2027-04-01，2027-10-01 起才满 6 个月）',
    ],
    ['large medical spending unresolved', { riskTypes: ['expense_jump'] }, '「支出骤增」的问题还没有对应的帮扶措施'],
    ['an unsafe house without repair', { riskTypes: ['housing'] }, '「住房无保障」的问题还没有对应的帮扶措施'],
    ['no water measure', { riskTypes: ['water'] }, '「饮水无保障」的问题还没有对应的帮扶措施'],
    [
      'a whole household without labour (兜底)',
      { members: [{ labour: 'none' }, { labour: 'lost' }] },
      '整户无劳动能力',
    ],
    ['labour not registered', { members: [{ labour: null }] }, '劳动能力还没有登记'],
  ] as const)('refuses: %s', (_, change, reason) => {
    const blockers = exitBlockers({ ...ok, ...change } as ExitFacts, policy);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toContain(reason);
  });

  it('closes a gap with a measure of the right kind, carried out', () => {
    const spending = { ...ok, riskTypes: ['expense_jump'] as const };
    expect(
      exitBlockers(
        { ...spending, measures: [...ok.measures, { type: '医疗救助', text: '二次报销', done: true }] },
        policy,
      ),
    ).toEqual([]);
    expect(
      exitBlockers(
        { ...spending, measures: [...ok.measures, { type: '医疗救助', text: '申请中', done: false }] },
        policy,
      ),
    ).toHaveLength(1);
  });

  it('ignores income figures dated after now', () => {
    expect(exitBlockers({ ...ok, incomes: [...ok.incomes, month(8, 5000)] }, policy)).toEqual([]);
  });
});
