import { describe, expect, it } from 'vitest';
import { dashboard, durationText, percentText } from '../../src/domain/statistics/dashboard.js';
import type { CaseFact, SignalFact, StatisticsFacts } from '../../src/domain/statistics/facts.js';
import { analyse, median, monthsEnding } from '../../src/domain/statistics/monthly-analysis.js';

const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(s);
const H = 3_600_000;
const plus = (s: string, hours: number) => new Date(at(s).getTime() + hours * H);
const NOW = at('2026-11-20T04:00:00Z');

const kase = (c: Partial<CaseFact> & Pick<CaseFact, 'caseId' | 'firstClueAt' | 'state'>): CaseFact => ({
  householdId: null,
  persons: 0,
  townshipId: null,
  riskTypes: [],
  acknowledgedAt: null,
  verifiedAt: null,
  includedAt: null,
  removedAt: null,
  ...c,
});
const signal = (channel: string, caseId: number | null, when: string, extra: Partial<SignalFact> = {}): SignalFact => ({
  channel,
  department: null,
  verdict: null,
  caseId,
  townshipId: 'T1',
  at: at(when),
  ...extra,
});

/**
 * A fixture county counted by hand: two townships, seven cases, nine warnings. Monitored households:
 * H1 (3 persons, 纳入 2026-09-10, open), H2 (4, 纳入 2026-03-15, 消除 2026-11-03), H4 (5, 纳入 2026-11-01, open),
 * H5 (1, 纳入 2025-10-20, 消除 2026-01-15); H6's 纳入 was revoked (撤销纳入) and does not count.
 */
const FACTS: StatisticsFacts = {
  townships: [
    { id: 'T1', name: '青山镇' },
    { id: 'T2', name: '河口乡' },
  ],
  cases: [
    kase({
      caseId: 1,
      householdId: 'H1',
      persons: 3,
      townshipId: 'T1',
      riskTypes: ['illness_disaster_accident'],
      state: 'assisting',
      firstClueAt: at('2026-09-01T02:00:00Z'),
      acknowledgedAt: plus('2026-09-01T02:00:00Z', 2),
      verifiedAt: plus('2026-09-01T02:00:00Z', 26),
      includedAt: plus('2026-09-01T02:00:00Z', 216),
    }),
    kase({
      caseId: 2,
      householdId: 'H2',
      persons: 4,
      townshipId: 'T1',
      riskTypes: ['income_drop', 'dropout'],
      state: 'risk_removed',
      firstClueAt: at('2026-03-05T00:00:00Z'),
      acknowledgedAt: plus('2026-03-05T00:00:00Z', 6),
      verifiedAt: plus('2026-03-05T00:00:00Z', 24),
      includedAt: plus('2026-03-05T00:00:00Z', 240),
      removedAt: at('2026-11-03T00:00:00Z'),
    }),
    kase({
      caseId: 3,
      householdId: 'H3',
      persons: 2,
      townshipId: 'T2',
      riskTypes: ['housing'],
      state: 'not_included',
      firstClueAt: at('2026-11-02T00:00:00Z'),
      acknowledgedAt: plus('2026-11-02T00:00:00Z', 10),
      verifiedAt: plus('2026-11-02T00:00:00Z', 24),
    }),
    kase({
      caseId: 4,
      householdId: 'H4',
      persons: 5,
      townshipId: 'T2',
      riskTypes: ['illness_disaster_accident', 'housing'],
      state: 'included',
      firstClueAt: at('2026-10-28T00:00:00Z'),
      acknowledgedAt: plus('2026-10-28T00:00:00Z', 1),
      includedAt: plus('2026-10-28T00:00:00Z', 96),
    }),
    kase({
      caseId: 5,
      householdId: 'H1',
      persons: 3,
      townshipId: 'T1',
      riskTypes: ['water'],
      state: 'assigned',
      firstClueAt: at('2026-11-10T00:00:00Z'),
    }),
    kase({
      caseId: 6,
      householdId: 'H5',
      persons: 1,
      townshipId: 'T2',
      riskTypes: ['income_drop'],
      state: 'reviewed',
      firstClueAt: at('2025-10-01T00:00:00Z'),
      includedAt: at('2025-10-20T00:00:00Z'),
      removedAt: at('2026-01-15T00:00:00Z'),
    }),
    kase({
      caseId: 7,
      householdId: 'H6',
      persons: 2,
      townshipId: 'T1',
      riskTypes: ['expense_jump'],
      state: 'not_included',
      firstClueAt: at('2026-04-21T00:00:00Z'),
      includedAt: at('2026-05-01T00:00:00Z'),
    }),
  ],
  signals: [
    signal('villager', 1, '2026-09-01T02:00:00Z'),
    signal('department', 1, '2026-09-03T00:00:00Z', { department: '医保局' }),
    signal('department', null, '2026-11-05T00:00:00Z', { department: '医保局', verdict: 'below_threshold' }),
    signal('department', 2, '2026-03-05T00:00:00Z', { department: '教育局' }),
    signal('cadre', 3, '2026-11-02T00:00:00Z'),
    signal('hotline', 5, '2026-11-10T00:00:00Z'),
    signal('department', 4, '2026-10-28T00:00:00Z', { department: '住建局' }),
    signal('villager', 6, '2025-10-01T00:00:00Z'),
    signal('department', null, '2026-06-01T00:00:00Z', { department: '医保局', verdict: 'below_threshold' }),
  ],
  openTasks: [
    { step: 'ack', dueAt: at('2026-11-10T04:00:00Z'), townshipId: 'T1' },
    { step: 'review', dueAt: at('2026-12-01T00:00:00Z'), townshipId: 'T1' },
    { step: 'decide', dueAt: at('2026-11-19T00:00:00Z'), townshipId: 'T2' },
  ],
  weeks: [
    { weekStart: at('2026-11-08T16:00:00Z'), due: 4, done: 3 },
    { weekStart: at('2026-11-15T16:00:00Z'), due: 0, done: 0 },
    { weekStart: at('2026-11-01T16:00:00Z'), due: 2, done: 2 },
  ],
  lifted: [
    { householdId: 'L1', headName: '甲', townshipName: '青山镇', villageName: '石岭村', income: 6500, handled: false },
    { householdId: 'L2', headName: '乙', townshipName: '青山镇', villageName: '石岭村', income: 6000, handled: true },
    { householdId: 'L3', headName: '丙', townshipName: '河口乡', villageName: '河湾村', income: 9000, handled: false },
    { householdId: 'L4', headName: '丁', townshipName: '河口乡', villageName: '河湾村', income: null, handled: false },
  ],
};

const months = monthsEnding(NOW, 12, TZ);
const d = dashboard(FACTS, months, NOW, 7100);
const hp = (households: number, persons: number) => ({ households, persons });

describe('monthly analysis of a hand-counted county', () => {
  it('takes the twelve local months up to now', () => {
    expect(months.map((m) => m.key)).toEqual([
      '2025-12',
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ]);
    expect(months[11]!.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('counts 新识别, 风险消除 and 未消除 in 户 and 人 month by month', () => {
    const by = new Map(d.months.map((m) => [m.month, m]));
    expect(by.get('2026-11')).toMatchObject({ newIdentified: hp(1, 5), removed: hp(1, 4), notRemoved: hp(2, 8) });
    expect(by.get('2026-10')).toMatchObject({ newIdentified: hp(0, 0), removed: hp(0, 0), notRemoved: hp(2, 7) });
    expect(by.get('2026-09')!.newIdentified).toEqual(hp(1, 3));
    expect(by.get('2026-03')!.newIdentified).toEqual(hp(1, 4));
    expect(by.get('2026-01')).toMatchObject({ removed: hp(1, 1), notRemoved: hp(0, 0) });
    expect(by.get('2025-12')!.notRemoved).toEqual(hp(1, 1));
    // H6's revoked inclusion (May) counts nowhere.
    expect(by.get('2026-05')!.newIdentified).toEqual(hp(0, 0));
  });

  it('breaks the period down by risk type and township', () => {
    const p = d.period;
    expect(p.flow).toEqual({ newIdentified: hp(3, 12), removed: hp(2, 5), notRemoved: hp(2, 8) });
    const risk = new Map(p.byRiskType.map((r) => [r.riskType, r]));
    expect(risk.get('illness_disaster_accident')).toMatchObject({ newIdentified: hp(2, 8), notRemoved: hp(2, 8) });
    expect(risk.get('income_drop')).toMatchObject({ newIdentified: hp(1, 4), removed: hp(2, 5), notRemoved: hp(0, 0) });
    expect(risk.get('housing')).toMatchObject({ newIdentified: hp(1, 5), removed: hp(0, 0) });
    expect(risk.get('water')!.newIdentified).toEqual(hp(0, 0));
    expect(p.byTownship).toEqual([
      { townshipId: 'T1', name: '青山镇', newIdentified: hp(2, 7), removed: hp(1, 4), notRemoved: hp(1, 3) },
      { townshipId: 'T2', name: '河口乡', newIdentified: hp(1, 5), removed: hp(1, 1), notRemoved: hp(1, 5) },
    ]);
  });

  it('counts warnings by channel and department with their outcome', () => {
    const ch = new Map(d.period.byChannel.map((c) => [c.channel, c]));
    expect(ch.get('department')).toEqual({
      channel: 'department',
      included: 3,
      excluded: 0,
      below: 2,
      open: 0,
      total: 5,
    });
    expect(ch.get('villager')).toMatchObject({ included: 1, total: 1 }); // the 2025-10 one is outside the period
    expect(ch.get('cadre')).toMatchObject({ excluded: 1, total: 1 });
    expect(ch.get('hotline')).toMatchObject({ open: 1, total: 1 });
    expect(d.period.byDepartment[0]).toEqual({
      department: '医保局',
      included: 1,
      excluded: 0,
      below: 2,
      open: 0,
      total: 3,
    });
    expect(d.period.byDepartment.map((x) => x.department).sort()).toEqual(['住建局', '医保局', '教育局'].sort());
  });

  it('takes the median hours from the first clue to 签收, 核实 and 纳入', () => {
    expect(d.period.medianHours).toEqual({ acknowledged: 4, verified: 24, included: 228 });
    expect(d.period.medianOf).toEqual({ acknowledged: 4, verified: 3, included: 4 });
    const nov = analyse(FACTS, months[11]!.start, months[11]!.end);
    expect(nov.medianHours).toEqual({ acknowledged: 10, verified: 24, included: null });
    expect(nov.flow).toEqual({ newIdentified: hp(1, 5), removed: hp(1, 4), notRemoved: hp(2, 8) });
    expect(durationText(nov.medianHours.included)).toBe('—');
    expect(durationText(228)).toBe('9.5 天');
    expect(durationText(4)).toBe('4 小时');
    expect(median([3, 1, 2])).toBe(2);
  });

  it('counts cases by state, open ones by risk and township, overdue tasks by step', () => {
    const state = Object.fromEntries(d.byState.map((s) => [s.state, s.count]));
    expect(state).toMatchObject({
      assisting: 1,
      risk_removed: 1,
      not_included: 2,
      included: 1,
      assigned: 1,
      reviewed: 1,
    });
    expect(state.verified).toBe(0);
    const risk = Object.fromEntries(d.openByRiskType.map((r) => [r.riskType, r.count]));
    expect(risk).toMatchObject({ illness_disaster_accident: 2, income_drop: 1, dropout: 1, housing: 1, water: 1 });
    expect(d.openByTownship.map((t) => t.count)).toEqual([3, 1]);
    expect(Object.fromEntries(d.overdueByStep.map((s) => [s.step, s.count]))).toEqual({
      ack: 1,
      verify: 0,
      decide: 1,
      review: 0,
    });
  });

  it('shows weekly compliance oldest first, and 0 of 0 as "—", never 100%', () => {
    expect(d.compliance.map((w) => w.rate)).toEqual([1, 0.75, null]);
    expect(d.compliance.map((w) => percentText(w.rate))).toEqual(['100%', '75%', '—']);
  });

  it('零返贫: finds a lifted household below the line that nobody handles', () => {
    expect(d.zeroReturn.checked).toBe(4);
    expect(d.zeroReturn.belowLine).toBe(2);
    expect(d.zeroReturn.unhandled.map((h) => h.householdId)).toEqual(['L1']);
  });
});
