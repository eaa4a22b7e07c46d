import type { CaseFact, SignalFact, StatisticsFacts } from '../../src/domain/statistics/facts.js';

const at = (s: string) => new Date(s);
const H = 3_600_000;
const plus = (s: string, hours: number) => new Date(at(s).getTime() + hours * H);
export const NOW = at('2026-11-20T04:00:00Z');

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
export const FACTS: StatisticsFacts = {
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
