import { describe, expect, it } from 'vitest';
import {
  raisesUrgency,
  warningScore,
  type HouseholdSignals,
  type ScoredMember,
  type ScoredReport,
} from '../../../src/domain/triage/warning-score.js';
import { loadPolicy } from '../../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const now = new Date('2026-11-30T02:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const adult = (age: number, extra: Partial<ScoredMember> = {}): ScoredMember => ({
  age,
  labour: 'full',
  disability: '',
  schooling: '',
  ...extra,
});
const child = (age: number, schooling: string): ScoredMember => ({ age, labour: 'none', disability: '', schooling });
const villager = (d: number): ScoredReport => ({ at: daysAgo(d), channel: 'villager', source: 'wm_x', verdict: null });
const dept = (d: number, source: string, verdict: ScoredReport['verdict'] = 'alert'): ScoredReport => ({
  at: daysAgo(d),
  channel: 'department',
  source,
  verdict,
});
const household = (h: Partial<HouseholdSignals>): HouseholdSignals => ({
  members: [],
  reports: [],
  incomes: [],
  incomeOnFile: null,
  ...h,
});

describe('warningScore on realistic households', () => {
  it('scores a steady family (two earners, income well above the lines, one report) low', () => {
    const w = warningScore(
      household({
        members: [adult(42), adult(40), child(12, '初中')],
        reports: [villager(5)],
        incomeOnFile: 15_600,
      }),
      policy,
      now,
    );
    expect(w).toEqual({
      score: 3,
      level: 'low',
      accumulated: 0,
      reasons: [{ part: 'capacity', points: 3, text: '1个孩子在上学。' }],
    });
    expect(raisesUrgency(w, policy)).toBe(false);
  });

  it('scores what an elderly widow living alone on 7,800 a year is, but never raises urgency on that alone', () => {
    const w = warningScore(
      household({ members: [adult(78, { labour: 'none', disability: '视力二级' })], incomeOnFile: 7_800 }),
      policy,
      now,
    );
    expect(w.reasons.map((r) => [r.points, r.text])).toEqual([
      [15, '人均纯收入7,800元，在监测线与观察线8,122元之间。'],
      [10, '老人独居（78岁）。'],
      [10, '家中没有劳动力。'],
      [5, '1人有残疾（视力二级）。'],
    ]);
    expect(w).toMatchObject({ score: 40, level: 'medium', accumulated: 0 });
    expect(raisesUrgency(w, policy)).toBe(false);
  });

  it('adds up signals that accumulate: three reports, three departments in a month, income falling below the line', () => {
    const w = warningScore(
      household({
        members: [adult(51, { labour: 'partial' }), adult(49), child(17, '高中')],
        reports: [
          villager(60),
          dept(20, '县医保局', 'below_threshold'),
          dept(12, '县民政局'),
          dept(3, '县教育局'),
          villager(1),
        ],
        incomes: [
          { at: daysAgo(400), yuan: 9_800 },
          { at: daysAgo(200), yuan: 8_900 },
          { at: daysAgo(10), yuan: 6_900 },
        ],
        incomeOnFile: 9_800,
      }),
      policy,
      now,
    );
    expect(w.reasons.map((r) => [r.part, r.points, r.text])).toEqual([
      ['reports', 24, '近90天有5次报告（农户和热线等2次、部门3次，其中1次未达预警标准）。'],
      ['departments', 20, '30天内3个部门推送了该户的数据（县医保局、县教育局、县民政局）。'],
      ['income_trend', 15, '人均纯收入由9,800元降至6,900元（下降30%）。'],
      ['lines', 25, '人均纯收入6,900元，低于监测线7,100元。'],
      ['capacity', 6, '1个孩子在上学（1个在义务教育以外，费用较高）。'],
    ]);
    expect(w).toMatchObject({ score: 90, level: 'high', accumulated: 59 });
    expect(raisesUrgency(w, policy)).toBe(true);
  });

  it('forgets reports after 90 days and counts departments only within 30', () => {
    const reports = [dept(100, '县医保局'), dept(45, '县民政局'), dept(40, '县住建局'), villager(35)];
    const w = warningScore(household({ members: [adult(45)], reports }), policy, now);
    expect(w.reasons).toEqual([{ part: 'reports', points: 16, text: '近90天有3次报告（农户和热线等1次、部门2次）。' }]);
    // A month later only the villager's report is still within 90 days: nothing repeats.
    expect(warningScore(household({ members: [adult(45)], reports }), policy, daysAgo(-60)).score).toBe(0);
  });

  it('reads an income trend only for a real fall within two years, and the line from the latest reading', () => {
    const rising = warningScore(
      household({
        incomes: [
          { at: daysAgo(300), yuan: 8_000 },
          { at: daysAgo(30), yuan: 9_500 },
        ],
        incomeOnFile: 7_000,
      }),
      policy,
      now,
    );
    expect(rising.reasons).toEqual([]); // 9,500 is above 8,122 × 1.1 = 8,934; the old 7,000 on file is not read
    const slight = warningScore(
      household({
        incomes: [
          { at: daysAgo(300), yuan: 9_500 },
          { at: daysAgo(30), yuan: 8_700 },
        ],
      }),
      policy,
      now,
    );
    expect(slight.reasons.map((r) => r.part)).toEqual(['lines']); // an 8% fall is not a trend; near the line is
    const old = warningScore(
      household({
        incomes: [
          { at: daysAgo(900), yuan: 20_000 },
          { at: daysAgo(30), yuan: 12_000 },
        ],
      }),
      policy,
      now,
    );
    expect(old.reasons).toEqual([]);
  });

  it('caps the score at 100', () => {
    const w = warningScore(
      household({
        members: [
          adult(66, { labour: 'partial', disability: '肢体三级' }),
          adult(64, { labour: 'none', disability: '智力四级' }),
        ],
        reports: [
          villager(1),
          villager(2),
          villager(3),
          villager(4),
          dept(5, '县医保局'),
          dept(6, '县民政局'),
          dept(7, '县残联'),
        ],
        incomes: [
          { at: daysAgo(300), yuan: 12_000 },
          { at: daysAgo(5), yuan: 5_000 },
        ],
      }),
      policy,
      now,
    );
    expect(w.reasons.reduce((n, r) => n + r.points, 0)).toBe(119);
    expect(w.score).toBe(100);
  });

  it('takes the accumulation rule from the policy', () => {
    const w = warningScore(
      household({
        members: [adult(30)],
        reports: [villager(1), villager(2), dept(3, '县医保局'), dept(4, '县民政局')],
      }),
      policy,
      now,
    );
    expect(w).toMatchObject({ score: 36, accumulated: 36 });
    expect(raisesUrgency(w, policy)).toBe(false);
    expect(raisesUrgency(w, { ...policy, warning: { raiseAt: 35, accumulatedAt: 20 } })).toBe(true);
  });
});
