import { parseCommand } from '../cadre/parse-command.js';
import type { InboundMessage } from '../inbound-message.js';
import type { CadreDeps } from '../ports/cadre.js';
import type { HandledInbox } from '../ports/inbox.js';
import type { Outbox } from '../ports/outbox.js';
import { pressTaskButton } from './press-task-button.js';
import { pullKfMessages, type PullKfDeps } from './pull-kf-messages.js';
import { runCadreCommand } from './run-cadre-command.js';

export interface HandleCallbacksDeps extends PullKfDeps {
  callbacks: HandledInbox<InboundMessage>;
  cadre: CadreDeps;
  outbox: Pick<Outbox, 'cadreOutcome'>;
  /** Notes a callback there is nothing to do for (its type). */
  log: { info(fields: Record<string, unknown>, message: string): void };
  now(): Date;
}

export interface HandleCallbacksResult {
  results: Array<Record<string, unknown>>;
  failed: Array<{ inboxId: number; error: unknown }>;
}

/**
 * Routes stored WeCom callbacks, in order: 微信客服 events pull messages; cadres' texts and card presses
 * run commands. One that fails is left unhandled and the rest go on; the caller names the failed ones.
 */
export async function handleCallbacks(deps: HandleCallbacksDeps, inboxIds: number[]): Promise<HandleCallbacksResult> {
  const results: HandleCallbacksResult['results'] = [];
  const failed: HandleCallbacksResult['failed'] = [];
  for (const inboxId of inboxIds) {
    try {
      results.push(await handleOne(deps, inboxId));
    } catch (error) {
      failed.push({ inboxId, error });
    }
  }
  return { results, failed };
}

async function handleOne(deps: HandleCallbacksDeps, inboxId: number): Promise<Record<string, unknown>> {
  const stored = await deps.callbacks.load(inboxId);
  if (!stored) return { status: 'missing' };
  if (stored.handled) return { status: 'already' }; // re-queued by the reconciler after all
  const result = await route(deps, inboxId, stored.payload);
  await deps.callbacks.markHandled(inboxId, deps.now());
  return result;
}

async function route(deps: HandleCallbacksDeps, inboxId: number, message: InboundMessage) {
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
        cardId: message.TaskId,
      });
      return { status: 'press', changed: out.changed };
    }
    default:
      deps.log.info({ inboxId, type: message.type }, 'callback stored; nothing to do for this type');
      return { status: 'ignored', type: message.type };
  }
}
