import { batchCard, batchCardId } from '../src/domain/cadre/batch-card.js';
import { cardButtons, cardTaskId, freshCardId, taskCard, type TaskView } from '../src/domain/cadre/task-card.js';
import { STATE_LABEL } from '../src/domain/cases/case-lifecycle.js';
import type { BatchView, SentCards } from '../src/domain/ports/card-batches.js';
import type { SendWecomMessageData } from '../src/domain/ports/outbox.js';
import type { WecomResult, WecomSender } from '../src/domain/ports/wecom.js';

export interface CardDeliveryDeps {
  client: WecomSender;
  timeZone: string;
  /** Reads a task for its card; cards are drawn when sent, so they show the current state. */
  loadTaskView?(taskId: number): Promise<TaskView | null>;
  /** Reads a summary card's tasks as they stand now. */
  loadBatchView?(batchId: number): Promise<BatchView | null>;
  /** The cards sent and their response codes (for redrawing after a text command). */
  cards?: SentCards;
  /**
   * Claims the message for the member its card was drawn for, before it is sent: a send window another
   * process rebuilds meanwhile counts it (the message's data names no member to claim it for earlier).
   */
  claimFor?(touser: string): Promise<void>;
}

export type CardData = Extract<
  SendWecomMessageData,
  { kind: 'task_card' | 'card_update' | 'batch_card' | 'batch_card_update' | 'task_redraw' | 'batch_redraw' }
>;
export type Delivered = {
  result: WecomResult<{ msgid?: string; response_code?: string }> | { ok: 'skip'; why: string };
  to?: string;
};

const skip = (why: string): Delivered => ({ result: { ok: 'skip', why } });

/** Cards: sent (their response code kept), redrawn in place, or sent afresh when no code is left. */
export async function deliverCard(deps: CardDeliveryDeps, d: CardData): Promise<Delivered> {
  const { client, timeZone, cards } = deps;
  const send = async (touser: string, card: Record<string, unknown>, ids: { taskId?: number; batchId?: number }) => {
    await deps.claimFor?.(touser);
    const result = await client.sendTemplateCard(touser, card);
    if (result.ok)
      await cards?.keep({
        cardId: String(card.task_id),
        touser,
        ...ids,
        responseCode: result.response_code ?? null,
        at: new Date(),
      });
    return { result, to: touser };
  };
  if (d.kind === 'batch_card' || d.kind === 'batch_card_update' || d.kind === 'batch_redraw') {
    const view = await deps.loadBatchView?.(d.batchId);
    if (!view) return skip(`batch ${d.batchId} not found`);
    if (d.kind === 'batch_card') return send(view.cadre, batchCard(view, timeZone), { batchId: d.batchId });
    if (d.kind === 'batch_card_update')
      return { result: await client.updateTemplateCard(d.touser, d.responseCode, { card: batchCard(view, timeZone) }) };
    const latest = await cards?.latestOfBatch(d.batchId, new Date());
    if (latest?.responseCode) {
      const result = await client.updateTemplateCard(latest.touser, latest.responseCode, {
        card: batchCard(view, timeZone, latest.cardId),
      });
      if (result.ok || result.error.retryable) {
        if (result.ok) await cards?.useCode(latest.cardId, new Date());
        return { result };
      }
      await cards?.useCode(latest.cardId, new Date());
    }
    return send(view.cadre, batchCard(view, timeZone, `${batchCardId(d.batchId)}-r${d.key}`), { batchId: d.batchId });
  }
  const view = await deps.loadTaskView?.(d.taskId);
  if (!view) return skip(`task ${d.taskId} not found`);
  if (d.kind === 'task_card') return send(view.cadre, taskCard(view, timeZone), { taskId: d.taskId });
  if (d.kind === 'card_update')
    return { result: await client.updateTemplateCard(d.touser, d.responseCode, inPlace(view, timeZone, d.cardId)) };

  // task_redraw: the card the cadre last got for this task, in place while its code lasts; else a fresh one.
  const latest = await cards?.latest(d.taskId, new Date(), d.own);
  if (latest?.responseCode) {
    const batch = latest.batchId !== null ? await deps.loadBatchView?.(latest.batchId) : null;
    const update = batch ? { card: batchCard(batch, timeZone, latest.cardId) } : inPlace(view, timeZone, latest.cardId);
    const result = await client.updateTemplateCard(latest.touser, latest.responseCode, update);
    if (result.ok || result.error.retryable) {
      if (result.ok) await cards?.useCode(latest.cardId, new Date());
      return { result };
    }
    await cards?.useCode(latest.cardId, new Date()); // refused for good (used, expired): send afresh below
  }
  if (view.taskState !== 'open') return skip(`task ${d.taskId} is ${view.taskState}; its holder has a newer card`);
  return send(view.cadre, taskCard(view, timeZone, freshCardId(d.taskId, d.key)), { taskId: d.taskId });
}

/** With buttons left, the whole card redrawn; with none, the pressed button greyed out with the new state. */
function inPlace(view: TaskView, timeZone: string, cardId = cardTaskId(view.taskId)) {
  return cardButtons(view).length
    ? { card: taskCard(view, timeZone, cardId) }
    : { replaceName: view.taskState === 'open' ? STATE_LABEL[view.caseState] : '已转交' };
}
