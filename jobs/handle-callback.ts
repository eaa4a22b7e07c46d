import type { Job } from 'bullmq';
import type { CadreDeps } from '../src/domain/cadre/cadre-ports.js';
import { parseCommand } from '../src/domain/cadre/parse-command.js';
import { pressTaskButton } from '../src/domain/cadre/press-task-button.js';
import { runCadreCommand } from '../src/domain/cadre/run-cadre-command.js';
import { pullKfMessages, type PullKfDeps } from '../src/intake/pull-kf-messages.js';
import type { Logger } from '../src/logger.js';
import type { Enqueuer } from '../src/queue/enqueue.js';
import type { HandleCallbackData } from '../src/queue/jobs.js';
import type { Db } from '../src/store/db.js';
import { markHandled } from '../src/store/inbox-store.js';
import type { InboundMessage } from '../src/wecom/inbound-message.js';

export interface HandleCallbackDeps extends PullKfDeps {
  db: Db;
  logger: Logger;
  cadre: CadreDeps;
  outbox: Pick<Enqueuer, 'cadreOutcome'>;
  now(): Date;
}

/**
 * Routes stored WeCom callbacks, in order: 微信客服 events pull messages; cadres' texts and card presses
 * run commands. One that fails is left unhandled and the rest go on; the job then fails naming it, and
 * BullMQ's retry skips those already handled.
 */
export function handleCallbackJob(deps: HandleCallbackDeps) {
  return async (job: Job<HandleCallbackData>) => {
    const results: Array<Record<string, unknown>> = [];
    const failed: Array<{ inboxId: number; error: unknown }> = [];
    for (const inboxId of job.data.inboxIds) {
      try {
        results.push(await handleOne(deps, inboxId));
      } catch (error) {
        failed.push({ inboxId, error });
      }
    }
    if (failed.length === 1 && job.data.inboxIds.length === 1) throw failed[0]!.error;
    if (failed.length)
      throw new Error(
        `callbacks failed: ${failed.map((f) => `inbox ${f.inboxId}: ${(f.error as Error).message}`).join('; ')}`,
      );
    return results.length === 1 ? results[0] : { handled: results.length };
  };
}

async function handleOne(deps: HandleCallbackDeps, inboxId: number): Promise<Record<string, unknown>> {
  const { rows } = await deps.db.query<{ payload: InboundMessage; handled: boolean }>(
    'SELECT payload, handled_at IS NOT NULL AS handled FROM inbox WHERE id = $1',
    [inboxId],
  );
  if (!rows[0]) return { status: 'missing' };
  if (rows[0].handled) return { status: 'already' }; // re-queued by the reconciler after all
  const result = await route(deps, inboxId, rows[0].payload);
  await markHandled(deps.db, inboxId, deps.now());
  return result;
}

async function route(deps: HandleCallbackDeps, inboxId: number, message: InboundMessage) {
  switch (message.type) {
    case 'kf_event':
      return { status: 'pulled', stored: await pullKfMessages(deps, message.OpenKfId, message.Token) };
    case 'text': {
      const out = await runCadreCommand(deps.cadre, message.FromUserName, parseCommand(message.Content), deps.now());
      await deps.outbox.cadreOutcome(out, { inboxId, userid: message.FromUserName });
      return { status: 'command', changed: out.changed };
    }
    case 'card_event': {
      const out = await pressTaskButton(deps.cadre, message.FromUserName, message.TaskId, message.EventKey, deps.now());
      await deps.outbox.cadreOutcome(out, {
        inboxId,
        userid: message.FromUserName,
        ...(message.ResponseCode ? { responseCode: message.ResponseCode } : {}),
      });
      return { status: 'press', changed: out.changed };
    }
    default:
      deps.logger.info({ inboxId, type: message.type }, 'callback stored; nothing to do for this type');
      return { status: 'ignored', type: message.type };
  }
}
