import { describe, expect, it } from 'vitest';
import { dashboard, durationText, percentText } from '../../src/domain/statistics/dashboard.js';
import { analyse, median, monthsEnding } from '../../src/domain/statistics/monthly-analysis.js';
import { FACTS, NOW } from '../helpers/statistics-fixture.js';

const TZ = 'Asia/Shanghai';
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
