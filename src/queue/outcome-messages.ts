import type { CadreOutcome } from '../domain/ports/cadre.js';
import type { OutcomeContext, Outbound } from '../domain/ports/outbox.js';
import { jobId } from './jobs.js';

/** The messages a cadre command led to: the answer, notices, redrawn and new cards, procedure cards. */
export function outcomeMessages(out: CadreOutcome, ctx: OutcomeContext): Outbound[] {
  const texts = [...(out.reply ? [{ touser: ctx.userid, content: out.reply }] : []), ...out.notices];
  // Without a press code, a task's latest card is redrawn with the one message/send gave, or sent afresh.
  const redraw = (taskId: number, own = false) => ({
    data: { kind: 'task_redraw' as const, taskId, key: String(ctx.inboxId), ...(own ? { own } : {}) },
    jobId: jobId.taskRedraw(ctx.inboxId, taskId),
  });
  return [
    ...texts.map((t, i) => ({ data: { kind: 'text' as const, ...t }, jobId: jobId.cadreReply(ctx.inboxId, i) })),
    ...pressedCard(out, ctx),
    // A text command has no press code: the task's card is redrawn with the one message/send gave, or sent afresh.
    ...(ctx.responseCode || out.refreshTask === null ? [] : [out.refreshTask]).map((taskId) => redraw(taskId)),
    ...(out.redraw ?? []).map((taskId) => redraw(taskId, true)),
    ...(!ctx.responseCode && out.refreshBatch != null
      ? [
          {
            data: { kind: 'batch_redraw' as const, batchId: out.refreshBatch, key: String(ctx.inboxId) },
            jobId: jobId.batchRedraw(ctx.inboxId, out.refreshBatch),
          },
        ]
      : []),
    ...out.newTasks.map((taskId) => ({
      data: { kind: 'task_card' as const, taskId },
      jobId: jobId.taskNotice(taskId),
    })),
    ...(out.replaceCard && ctx.responseCode
      ? [
          {
            data: {
              kind: 'card_replace' as const,
              touser: ctx.userid,
              responseCode: ctx.responseCode,
              replaceName: out.replaceCard,
            },
            jobId: jobId.cardUpdate(ctx.inboxId),
          },
        ]
      : []),
    ...(out.cards ?? []).map((c) => ({
      data: { kind: 'card' as const, touser: c.touser, card: c.card },
      jobId: jobId.procedureCard(c.key),
    })),
  ];
}

/** The pressed card (a task's or a summary), redrawn in place with the press's single-use code. */
function pressedCard(out: CadreOutcome, ctx: OutcomeContext): Outbound[] {
  if (!ctx.responseCode) return [];
  const id = jobId.cardUpdate(ctx.inboxId);
  if (out.refreshBatch != null)
    return [
      {
        data: {
          kind: 'batch_card_update',
          batchId: out.refreshBatch,
          touser: ctx.userid,
          responseCode: ctx.responseCode,
        },
        jobId: id,
      },
    ];
  if (out.refreshTask === null) return [];
  return [
    {
      data: {
        kind: 'card_update',
        taskId: out.refreshTask,
        touser: ctx.userid,
        responseCode: ctx.responseCode,
        ...(ctx.cardId ? { cardId: ctx.cardId } : {}),
      },
      jobId: id,
    },
  ];
}
