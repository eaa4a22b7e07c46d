import type { CardBatchStore } from '../ports/card-batches.js';
import type { Outbox } from '../ports/outbox.js';
import type { TaskNotice } from '../ports/triage.js';

export interface CardBatchDeps {
  /** A summary goes out once no card has joined it for this long; 0 = every card alone (no summaries). */
  quietMs: number;
  /** …or once its first card has waited this long, however many still come. */
  maxWaitMs: number;
  transaction<R>(fn: (store: CardBatchStore) => Promise<R>): Promise<R>;
  outbox: Pick<Outbox, 'taskCards' | 'batchCards' | 'flushCards'>;
}

/**
 * New tasks' cards: in a burst (a triage job of several reports, or while a cadre's summary is being
 * gathered) each cadre's cards are held for one summary card (one card held alone goes out alone); 绿色通道 cards always go out at once, one
 * by one (and are listed in the summary). A card routed before (a retried job) is left alone.
 */
export async function routeTaskCards(
  deps: CardBatchDeps,
  notices: TaskNotice[],
  { burst }: { burst: boolean },
  now: Date,
): Promise<{ sent: number; held: number }> {
  if (!notices.length) return { sent: 0, held: 0 };
  if (deps.quietMs <= 0) {
    await deps.outbox.taskCards(notices);
    return { sent: notices.length, held: 0 };
  }
  const { direct, holding } = await deps.transaction(async (store) => {
    const routes = (await store.routes(notices.map((n) => n.taskId))).filter((r) => !r.handled);
    const byCadre = new Map<string, typeof routes>();
    for (const r of routes) byCadre.set(r.cadre, [...(byCadre.get(r.cadre) ?? []), r]);
    const gathering = new Set(await store.cadresHolding([...byCadre.keys()]));
    // A cadre with one card in this job may get more from the list's next jobs: hold it too (sent alone if it stays one).
    const hold = [...byCadre].filter(([cadre, rs]) => gathering.has(cadre) || (burst && rs.some((r) => !r.green)));
    const held = new Set(hold.map(([cadre]) => cadre));
    await store.hold(
      hold.flatMap(([, rs]) => rs),
      now,
    );
    return {
      direct: routes.filter((r) => r.green || !held.has(r.cadre)),
      holding: [...held],
    };
  });
  await deps.outbox.taskCards(direct.map((r) => ({ taskId: r.taskId, cadre: r.cadre })));
  if (holding.length) await deps.outbox.flushCards(holding, deps.quietMs);
  return { sent: direct.length, held: notices.length - direct.length };
}
