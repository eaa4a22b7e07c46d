import { describe, expect, it } from 'vitest';
import { riskRemovalBlockers } from '../../src/domain/cases/risk-removal.js';
import { loadPolicy } from '../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const ok = { measures: ['申请医疗救助'], incomePerCapita: 9000, riskTypes: ['illness_disaster_accident'] as const, hasLabour: true };

describe('risk removal conditions', () => {
  it('allows removal with a measure, income above the line and no open gaps', () => {
    expect(riskRemovalBlockers({ ...ok, riskTypes: [...ok.riskTypes] }, policy)).toEqual([]);
  });

  it.each([
    ['no measure', { measures: [] }, '还没有登记帮扶措施'],
    ['income at the line', { incomePerCapita: 7100 }, '人均纯收入 7100 元未高于监测线 7100 元'],
    ['no income figure', { incomePerCapita: null }, '没有收入核实数据'],
    ['no labour force', { hasLabour: false }, '家庭无劳动力'],
    ['an unsafe house without a housing measure', { riskTypes: ['housing'] }, '「住房无保障」保障缺口还没有对应措施'],
  ])('blocks on %s', (_name, change, reason) => {
    const blockers = riskRemovalBlockers({ ...ok, riskTypes: [...ok.riskTypes], ...change } as Parameters<typeof riskRemovalBlockers>[0], policy);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toContain(reason);
  });

  it('counts a housing gap closed once a measure names the repair', () => {
    expect(riskRemovalBlockers({ ...ok, riskTypes: ['housing'], measures: ['危房改造已竣工'] }, policy)).toEqual([]);
  });
});
