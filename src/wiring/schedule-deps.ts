import type { Outbox } from '../domain/ports/outbox.js';
import type { Policy } from '../domain/policy.js';
import type { RunSweepDeps } from '../domain/use-cases/run-sweep.js';
import type { RunWeeklyBulletinDeps } from '../domain/use-cases/run-weekly-bulletin.js';
import { bulletinQueueStore, bulletinStore } from '../store/bulletin-store.js';
import type { Db } from '../store/db.js';
import { digestQueueStore, sweepTransaction } from '../store/sweep-store.js';
import type { RunScreeningRoundsDeps } from '../domain/use-cases/run-screening-rounds.js';
import { screeningRoundStore } from '../store/screening-round-store.js';
import { missedRoundReads } from '../store/round-answer-store.js';
import { statisticsStore } from '../store/statistics-store.js';
import type { MonthlyAnalysis } from '../domain/use-cases/show-monthly-analysis.js';
import { showMonthlyAnalysis } from '../domain/use-cases/show-monthly-analysis.js';
import { monthlyAnalysisWorkbook } from '../files/monthly-analysis-xlsx.js';
import type { FileRef } from '../domain/ports/outbox.js';

/** The sweep's dependencies: the store port per transaction, and digests handed to the notify queue. */
export function sweepDeps(db: Db, policy: Policy, timeZone: string, outbox: Pick<Outbox, 'digests'>): RunSweepDeps {
  return {
    sweep: { policy, timeZone, transaction: sweepTransaction(db) },
    now: () => new Date(),
    digests: digestQueueStore(db),
    outbox,
  };
}

/** The weekly bulletin's dependencies: figures from the store, stored bulletins handed to the notify queue. */
export function bulletinDeps(
  db: Db,
  policy: Policy,
  timeZone: string,
  outbox: Pick<Outbox, 'bulletins'>,
): RunWeeklyBulletinDeps {
  return {
    bulletins: { policy, timeZone, store: bulletinStore(db), rounds: missedRoundReads(db) },
    now: () => new Date(),
    stored: bulletinQueueStore(db),
    outbox,
  };
}

/** The screening rounds' dependencies: the rounds and the 一月一分析 from the store, cards and digests queued. */
export function screeningRoundsDeps(
  db: Db,
  policy: Policy,
  timeZone: string,
  outbox: Pick<Outbox, 'roundCards' | 'monthlyDigests'>,
): RunScreeningRoundsDeps {
  const store = screeningRoundStore(db);
  return {
    rounds: { policy, timeZone, store },
    monthly: {
      statistics: { statistics: statisticsStore(db), timeZone, monitoringLine: policy.lines.monitoring },
      store,
      enabled: policy.rounds.county.enabled,
    },
    stored: store,
    outbox,
    now: () => new Date(),
  };
}

/** Files made when their message is sent: the county's monthly analysis workbook (一月一分析). */
export function fileRenderer(db: Db, policy: Policy, timeZone: string) {
  const deps = { statistics: statisticsStore(db), timeZone, monitoringLine: policy.lines.monitoring };
  return async (ref: FileRef): Promise<{ name: string; data: Uint8Array }> => {
    const a: MonthlyAnalysis = await showMonthlyAnalysis(deps, { townshipId: null }, ref.month, new Date());
    const place = (await screeningRoundStore(db).countyName()) || '全县';
    return { name: `一月一分析-${place}-${ref.month}.xlsx`, data: await monthlyAnalysisWorkbook(a, place, timeZone) };
  };
}
