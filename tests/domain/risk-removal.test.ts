import { describe, expect, it } from 'vitest';
import { riskRemovalBlockers } from '../../src/domain/cases/risk-removal.js';
import { loadPolicy } from '../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const now = new Date('2026-11-23T02:00:00Z');
const ok = {
  measures: ['申请医疗救助'],
  incomePerCapita: 9000,
  riskTypes: ['illness_disaster_accident'] as const,
  hasLabour: true,
  includedAt: new Date('2026-05-01T02:00:00Z'),
  now,
  timeZone: 'Asia/Shanghai',
};

describe('risk removal conditions', () => {
  it('allows removal with a measure, income above the line and no open gaps', () => {
    expect(riskRemovalBlockers({ ...ok, riskTypes: [...ok.riskTypes] }, policy)).toEqual([]);
  });

  it.each([
    ['no measure', { measures: [] }, '还没有登记帮扶措施'],
    ['income at the line', { incomePerCapita: 7100 }, '人均纯收入 7100 元未高于监测线 7100 元'],
    ['no income figure', { incomePerCapita: null }, '没有收入核实数据'],
    ['no labour force', { hasLabour: false }, '家庭无劳动力'],
    ['labour not registered', { hasLabour: null }, '劳动能力还没有登记'],
    ['an unsafe house without a housing measure', { riskTypes: ['housing'] }, '「住房无保障」保障缺口还没有对应措施'],
    [
      'less than six months since inclusion',
      { includedAt: new Date('2026-05-31T02:00:00Z') },
      '纳入监测未满 6 个月（2026-05-31 纳入，2026-11-30 起可标注）',
    ],
    ['no record of inclusion', { includedAt: null }, '没有纳入监测的记录'],
  ])('blocks on %s', (_name, change, reason) => {
    const blockers = riskRemovalBlockers(
      { ...ok, riskTypes: [...ok.riskTypes], ...change } as Parameters<typeof riskRemovalBlockers>[0],
      policy,
    );
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toContain(reason);
  });

  it('counts a housing gap closed once a measure names the repair', () => {
    expect(riskRemovalBlockers({ ...ok, riskTypes: ['housing'], measures: ['危房改造已竣工'] }, policy)).toEqual([]);
  });

  it("counts six calendar months from inclusion, to the day (the 31st becomes the month's last day)", () => {
    const at = (included: string, when: string) =>
      riskRemovalBlockers(
        { ...ok, riskTypes: [...ok.riskTypes], includedAt: new Date(included), now: new Date(when) },
        policy,
      );
    expect(at('2026-05-23T02:00:00Z', '2026-11-23T01:59:00Z')).toHaveLength(1);
    expect(at('2026-05-23T02:00:00Z', '2026-11-23T02:00:00Z')).toEqual([]);
    expect(at('2026-08-31T02:00:00Z', '2027-02-28T01:00:00Z')[0]).toContain('2027-02-28 起可标注');
    expect(
      riskRemovalBlockers(
        { ...ok, riskTypes: [...ok.riskTypes], includedAt: null },
        { ...policy, removal: { ...policy.removal, minMonthsSinceInclusion: 0 } },
      ),
    ).toEqual([]);
  });
});
