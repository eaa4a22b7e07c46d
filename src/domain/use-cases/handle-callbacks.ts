import { parseCommand } from '../cadre/parse-command.js';
import type { InboundMessage } from '../inbound-message.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import type { HandledInbox } from '../ports/inbox.js';
import type { Outbox, OutcomeContext } from '../ports/outbox.js';
import { pressTaskButton } from './press-task-button.js';
import { pullKfMessages, type PullKfDeps } from './pull-kf-messages.js';
import { answerWithoutStore, needsNoStore, runCadreCommand } from './run-cadre-command.js';

export interface HandleCallbacksDeps extends PullKfDeps {
  callbacks: HandledInbox<InboundMessage>;
  cadre: CadreDeps;
  outbox: Pick<Outbox, 'cadreOutcome' | 'cadreOutcomes'>;
  /** Notes a callback there is nothing to do for (its type). */
  log: { info(fields: Record<string, unknown>, message: string): void };
  now(): Date;
}

export interface HandleCallbacksResult {
  /** Each callback's outcome, with its inbox row (one that failed is in `failed` instead, or too). */
  results: Array<{ inboxId: number; result: Record<string, unknown> }>;
  failed: Array<{ inboxId: number; error: unknown }>;
}

type Stored = { payload: InboundMessage; handled: boolean };

/**
 * Routes stored WeCom callbacks, in order: 微信客服 events pull messages; cadres' texts and card presses
 * run commands. One that fails is left unhandled and the rest go on; the caller names the failed ones.
 *
 * The rows are read in one query. Answers that touch no store (帮助, a text not understood) are held and
 * written together — their outbox rows in one go, sent (or queued) then, then the rows marked handled —
 * before the next callback that does change something and at the end: re-handling a held one after a
 * crash only gives the same answer, which its outbox row's job id sends once. A callback that changes
 * something is marked handled as soon as its outcome is recorded, as before.
 */
export async function handleCallbacks(deps: HandleCallbacksDeps, inboxIds: number[]): Promise<HandleCallbacksResult> {
  const results: HandleCallbacksResult['results'] = [];
  const failed: HandleCallbacksResult['failed'] = [];
  const rows = await deps.callbacks.loadMany(inboxIds);
  let held: Array<{ out: CadreOutcome; ctx: OutcomeContext }> = [];
  const writeHeld = async () => {
    if (!held.length) return;
    const batch = held;
    held = [];
    try {
      await deps.outbox.cadreOutcomes(batch);
      await deps.callbacks.markHandledMany(
        batch.map((h) => h.ctx.inboxId),
        deps.now(),
      );
    } catch (error) {
      for (const h of batch) failed.push({ inboxId: h.ctx.inboxId, error });
    }
  };
  for (const inboxId of inboxIds) {
    const stored = rows.get(inboxId);
    let plain: ReturnType<typeof plainAnswer> = null;
    try {
      plain = stored && !stored.handled ? plainAnswer(stored.payload) : null;
    } catch (error) {
      failed.push({ inboxId, error }); // a payload it cannot read fails alone, as before
      continue;
    }
    if (plain) {
      held.push({ out: plain.out, ctx: { inboxId, userid: plain.userid } });
      results.push({ inboxId, result: { status: 'command', changed: false } });
      continue;
    }
    await writeHeld(); // what was answered before this one goes out before its outcome
    try {
      results.push({ inboxId, result: await handleOne(deps, inboxId, stored) });
    } catch (error) {
      failed.push({ inboxId, error });
    }
  }
  await writeHeld();
  failed.sort((a, b) => inboxIds.indexOf(a.inboxId) - inboxIds.indexOf(b.inboxId));
  return { results, failed };
}

/** A cadre's text whose answer needs no store, or null. */
function plainAnswer(message: InboundMessage): { out: CadreOutcome; userid: string } | null {
  if (message.type !== 'text') return null;
  const cmd = parseCommand(message.Content);
  return needsNoStore(cmd) ? { out: answerWithoutStore(cmd), userid: message.FromUserName } : null;
}

async function handleOne(deps: HandleCallbacksDeps, inboxId: number, stored: Stored | undefined) {
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
