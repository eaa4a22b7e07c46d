import { drainPages } from '../drain-pages.js';
import type { Outbox } from '../ports/outbox.js';
import type { ScreeningRoundStore } from '../ports/rounds.js';
import { roundCard } from '../rounds/round-card.js';
import { openScreeningRounds, type OpenRoundsDeps } from './open-screening-rounds.js';
import { type MonthlyAnalysisDeps, publishMonthlyAnalysis } from './publish-monthly-analysis.js';

export interface RunScreeningRoundsDeps {
  rounds: OpenRoundsDeps;
  monthly: MonthlyAnalysisDeps;
  stored: ScreeningRoundStore;
  outbox: Pick<Outbox, 'roundCards' | 'monthlyDigests'>;
  now(): Date;
}

/**
 * The scheduled run (daily): opens the rounds of the week and half month not opened yet, the month
 * before's 一月一分析 if not made yet, then queues every stored round card and digest not yet queued.
 * A run retried, or run by a second worker, sends nothing twice.
 */
export async function runScreeningRounds(deps: RunScreeningRoundsDeps, at: Date) {
  const opened = await openScreeningRounds(deps.rounds, at);
  const month = await publishMonthlyAnalysis(deps.monthly, at);
  const tz = deps.rounds.timeZone;
  const cards = await drainPages(
    () => deps.stored.unqueuedRounds(),
    (rounds) =>
      deps.outbox.roundCards(
        rounds.flatMap((r) =>
          r.recipients.map((touser, n) => ({ roundId: r.id, n, touser, card: roundCard(r, n, tz) })),
        ),
      ),
    (rounds) =>
      deps.stored.markRoundsQueued(
        rounds.map((r) => r.id),
        deps.now(),
      ),
  );
  const digests = await drainPages(
    () => deps.stored.unqueuedMonthlyDigests(),
    (rows) => deps.outbox.monthlyDigests(rows),
    (rows) =>
      deps.stored.markMonthlyDigestsQueued(
        rows.map((r) => r.month),
        deps.now(),
      ),
  );
  return { ...opened, month, queued: cards, digests };
}
