import { describe, expect, it } from 'vitest';
import { sweepDue } from '../../src/domain/use-cases/sweep-due.js';
import type { DueHousehold, SweepStore } from '../../src/domain/ports/sweep.js';
import { loadPolicy } from '../../src/load-policy.js';

const loaded = loadPolicy('policy/default.json');
const policy = { ...loaded, pairHelper: { ...loaded.pairHelper, remind: false } };
const at = new Date('2026-11-24T03:00:00Z'); // 11:00 in Shanghai

/** A store whose reminders' insert fails while the digests are being built (a lost connection, say). */
function failingStore(): SweepStore {
  const due = new Date(at.getTime() - 86_400_000);
  // More cadres than the digests built between two yields, so the insert's failure lands mid-build.
  const households: DueHousehold[] = Array.from({ length: 1200 }, (_, i) => ({
    id: `H${i}`,
    who: `户${i}`,
    visitDueAt: due,
    callDueAt: null,
    score: 0,
    helper: `bf-${i}`,
    villageCadre: null,
  }));
  return {
    dueTasks: async () => [],
    claimDueHouseholds: async () => households,
    countyCadre: async () => null,
    insertReminders: () => new Promise((_, reject) => setImmediate(() => reject(new Error('connection lost')))),
    advanceTasks: async () => {},
    remindersOf: async () => [],
    insertDigests: async () => {},
    staleWarningScores: async () => [],
    householdSignals: async () => new Map(),
    saveWarningScores: async () => {},
  };
}

describe('a sweep whose reminders insert fails', () => {
  it('fails with that error (for the job to retry), not as an unhandled rejection while the digests are built', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(
        sweepDue({ policy, timeZone: 'Asia/Shanghai', transaction: (fn) => fn(failingStore()) }, at),
      ).rejects.toThrow('connection lost');
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
