import type { CardBatchDeps } from './route-task-cards.js';

export type FlushTaskCardsResult = { waitMs: number } | { summary: number | null; alone: number };

/**
 * A cadre's held cards, once quiet (no card joined for `quietMs`, or the first has waited `maxWaitMs`):
 * two or more waiting for 签收 become one summary card; a single one goes out as its own card. Before
 * then the caller waits `waitMs` and asks again.
 */
export async function flushTaskCards(deps: CardBatchDeps, cadre: string, now: Date): Promise<FlushTaskCardsResult> {
  const out = await deps.transaction<{ waitMs: number } | { summary: number | null; alone: number[] }>(
    async (store) => {
      const held = await store.held(cadre);
      if (!held.length) return { summary: null, alone: [] };
      const newest = Math.max(...held.map((h) => h.heldAt.getTime()));
      const oldest = Math.min(...held.map((h) => h.heldAt.getTime()));
      const quietFor = now.getTime() - newest;
      if (quietFor < deps.quietMs && now.getTime() - oldest < deps.maxWaitMs)
        return { waitMs: Math.max(deps.quietMs - quietFor, 50) };
      const normal = held.filter((h) => !h.green).map((h) => h.taskId);
      const ids = held.map((h) => h.taskId);
      if (normal.length < 2) {
        await store.markFlushed(ids, null, now); // 绿色通道 ones went out already
        return { summary: null, alone: normal };
      }
      const batchId = await store.createBatch(cadre, now);
      await store.markFlushed(ids, batchId, now);
      return { summary: batchId, alone: [] };
    },
  );
  if ('waitMs' in out) return out;
  if (out.summary !== null) await deps.outbox.batchCards([out.summary]);
  await deps.outbox.taskCards(out.alone.map((taskId) => ({ taskId, cadre })));
  return { summary: out.summary, alone: out.alone.length };
}
