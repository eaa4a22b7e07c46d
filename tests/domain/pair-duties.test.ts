import { describe, expect, it } from 'vitest';
import { dutyInstanceAt, instancesBetween } from '../../src/domain/pair-duty/duty-period.js';
import { dutyReminders, type DutyRecord } from '../../src/domain/pair-duty/duty-status.js';
import { DEFAULT_PAIR_HELPER, PAIR_DUTIES } from '../../src/domain/pair-duty/pair-duty-policy.js';
import { loadPolicy } from '../../src/load-policy.js';

const TZ = 'Asia/Shanghai';
const policy = loadPolicy('policy/default.json').pairHelper;
/** Local wall-clock time in Shanghai (UTC+8, no DST). */
const local = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('8个一 periods and due dates', () => {
  it('the county file gives the defaults of the domain notes', () => {
    expect(policy).toEqual(DEFAULT_PAIR_HELPER);
  });

  it('a month: from local midnight of the 1st to the next 1st, across the year end', () => {
    const dec = dutyInstanceAt('call', policy, local('2026-12-31T23:59:00'), TZ);
    expect(dec.period).toBe('2026-12');
    expect(iso(dec.start)).toBe(iso(local('2026-12-01T00:00:00')));
    expect(iso(dec.dueAt)).toBe(iso(local('2027-01-01T00:00:00')));
    expect(iso(dec.soonAt)).toBe(iso(local('2026-12-25T00:00:00')));
    // 16:30 UTC on Dec 31 is already January 1st in Shanghai.
    const jan = dutyInstanceAt('call', policy, new Date('2026-12-31T16:30:00Z'), TZ);
    expect(jan.period).toBe('2027-01');
    const feb = dutyInstanceAt('call', policy, local('2027-02-10T12:00:00'), TZ);
    expect(iso(feb.dueAt)).toBe(iso(local('2027-03-01T00:00:00')));
    expect(iso(feb.soonAt)).toBe(iso(local('2027-02-22T00:00:00')));
  });

  it('a quarter: the visit of Q4 is due at the year end, reminded two weeks before', () => {
    const q4 = dutyInstanceAt('visit', policy, local('2026-10-01T00:00:00'), TZ);
    expect(q4.period).toBe('2026-Q4');
    expect(iso(q4.dueAt)).toBe(iso(local('2027-01-01T00:00:00')));
    expect(iso(q4.soonAt)).toBe(iso(local('2026-12-18T00:00:00')));
    expect(dutyInstanceAt('visit', policy, local('2026-09-30T23:59:59'), TZ).period).toBe('2026-Q3');
    expect(dutyInstanceAt('visit', policy, local('2027-01-01T00:00:00'), TZ).period).toBe('2027-Q1');
  });

  it('a year: the plan is due by the end of January, the evaluation opens in December', () => {
    const plan = dutyInstanceAt('plan', policy, local('2027-06-01T00:00:00'), TZ);
    expect(plan.period).toBe('2027');
    expect(iso(plan.dueAt)).toBe(iso(local('2027-02-01T00:00:00')));
    expect(iso(plan.soonAt)).toBe(iso(local('2027-01-01T00:00:00'))); // never before it opens
    const ev = dutyInstanceAt('evaluation', policy, local('2027-03-01T00:00:00'), TZ);
    expect(iso(ev.opensAt)).toBe(iso(local('2027-12-01T00:00:00')));
    expect(iso(ev.dueAt)).toBe(iso(local('2028-01-01T00:00:00')));
    expect(iso(ev.soonAt)).toBe(iso(local('2027-12-01T00:00:00')));
    const jobs = dutyInstanceAt('jobs', policy, local('2027-03-01T00:00:00'), TZ);
    expect(iso(jobs.soonAt)).toBe(iso(local('2027-11-02T00:00:00'))); // 60 days before the year end
  });

  it('lists the periods that overlap a week, both months at a month end', () => {
    const week = instancesBetween('call', policy, local('2026-11-30T00:00:00'), local('2026-12-07T00:00:00'), TZ);
    expect(week.map((i) => i.period)).toEqual(['2026-11', '2026-12']);
  });
});

describe('8个一 reminders', () => {
  it('in March: the plan is overdue and nothing else is near; reminded again a week later', () => {
    const at = local('2026-03-02T10:00:00');
    const { reminders, next } = dutyReminders(policy, [], at, TZ);
    expect(reminders).toEqual([
      { duty: 'plan', period: '2026', dueAt: local('2026-02-01T00:00:00'), overdue: true, stage: 'late4' },
    ]);
    expect(iso(next)).toBe(iso(local('2026-03-08T00:00:00'))); // Feb 1 + 5 weeks
  });

  it('a plan on record stops it; the next thing is the March call a week before its end', () => {
    const records: DutyRecord[] = [{ duty: 'plan', at: local('2026-01-20T09:00:00') }];
    const { reminders, next } = dutyReminders(policy, records, local('2026-03-02T10:00:00'), TZ);
    expect(reminders).toEqual([]);
    expect(iso(next)).toBe(iso(local('2026-03-18T00:00:00'))); // Q1's visit, two weeks before its end
  });

  it('late December: everything of the year is due soon unless done; a visit counts as the call and the visit', () => {
    const at = local('2026-12-28T10:00:00');
    const records: DutyRecord[] = [
      { duty: 'plan', at: local('2026-01-05T09:00:00') },
      { contact: 'visit', at: local('2026-12-03T09:00:00') },
      { duty: 'jobs', at: local('2026-07-01T09:00:00') },
      { duty: 'jobs', at: local('2025-12-30T09:00:00') }, // last year's counts for last year only
    ];
    const { reminders, next } = dutyReminders(policy, records, at, TZ);
    expect(reminders.map((r) => `${r.duty}:${r.stage}`)).toEqual([
      'evaluation:soon',
      'problem:soon',
      'tech:soon',
      'purchase:soon',
    ]);
    expect(iso(next)).toBe(iso(local('2027-01-01T00:00:00'))); // January: the new year's plan
  });

  it('a call counts as the call only, not as the quarter visit', () => {
    const at = local('2026-12-28T10:00:00');
    const records: DutyRecord[] = [{ contact: 'call', at: local('2026-12-27T09:00:00') }];
    const duties = dutyReminders(policy, records, at, TZ).reminders.map((r) => r.duty);
    expect(duties).toContain('visit');
    expect(duties).not.toContain('call');
  });

  it('a duty another clock covers is left out, but still moves the next look', () => {
    const at = local('2026-12-28T10:00:00');
    const all = dutyReminders(policy, [], at, TZ).reminders.map((r) => r.duty);
    expect(all).toEqual([...PAIR_DUTIES]); // the plan too: overdue since February
    const some = dutyReminders(policy, [], at, TZ, (i) => i.duty === 'call' || i.duty === 'visit');
    expect(some.reminders.map((r) => r.duty)).toEqual(['plan', 'evaluation', 'problem', 'jobs', 'tech', 'purchase']);
  });

  it('next look is always later than now', () => {
    for (const s of ['2026-01-01T00:00:00', '2026-02-01T00:00:00', '2026-12-31T23:59:00', '2026-06-15T12:00:00']) {
      const at = local(s);
      expect(dutyReminders(policy, [], at, TZ).next.getTime()).toBeGreaterThan(at.getTime());
    }
  });
});

describe('8个一 in the digest', () => {
  it('one line per household and stage, the soonest first, with the overdue before the due soon', async () => {
    const { buildDigest } = await import('../../src/domain/schedule/digest.js');
    const who = '张大山户（河口村，户号 H1）';
    const text = buildDigest(
      [
        { kind: 'duty', who, duty: '电话联系', dueAt: local('2027-01-01T00:00:00'), overdue: false },
        { kind: 'duty', who, duty: '制定一户一策帮扶计划', dueAt: local('2026-02-01T00:00:00'), overdue: true },
        { kind: 'duty', who, duty: '年终评价', dueAt: local('2027-01-01T00:00:00'), overdue: false },
        { kind: 'visit', who: '李二户（河口村）', dueAt: local('2026-12-20T00:00:00') },
        {
          kind: 'duty',
          who: '李二户（河口村，户号 H2）',
          duty: '入户走访',
          dueAt: local('2027-01-01T00:00:00'),
          overdue: false,
        },
      ],
      TZ,
    );
    expect(text.split('\n')).toEqual([
      '【守望提醒】您有 1 户走访已逾期，1 户的「8个一」事项已逾期，2 户的「8个一」事项快到期。',
      '以下农户的入户走访已逾期：',
      '1. 李二户（河口村），应于 12月20日 00:00 前入户走访。',
      '以下农户的「8个一」事项已过时限，请尽快完成（完成后回复：8个一 户号 事项）：',
      '1. 张大山户（河口村，户号 H1）：制定一户一策帮扶计划（应于1月31日前完成）。',
      '以下农户的「8个一」事项快到期（完成后回复：8个一 户号 事项）：',
      '1. 张大山户（河口村，户号 H1）：电话联系（12月31日前）、年终评价（12月31日前）。',
      '2. 李二户（河口村，户号 H2）：入户走访（12月31日前）。',
      '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。',
    ]);
  });
});
