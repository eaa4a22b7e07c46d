import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { deliverCard, type CardDeliveryDeps } from './card-delivery.js';
import type { FileRef, SendWecomMessageData } from '../src/domain/ports/outbox.js';
import type { WecomResult, WecomSender } from '../src/domain/ports/wecom.js';

export interface SendWecomMessageDeps extends Omit<CardDeliveryDeps, 'timeZone'> {
  client: WecomSender;
  /** How long to hold a message WeCom refused with 45009/45033 (it gives no hint); default 60 s. */
  rateLimitDelayMs?: number;
  timeZone?: string;
  /** Marks the message's outbox row sent (with the member WeCom accepted it for), so the reconciler leaves it alone. */
  markSent?(jobId: string, to?: string): Promise<void>;
  /** Records that WeCom refused the message for good, with the reason, so the reconciler leaves it to a person. */
  markFailed?(jobId: string, reason: string): Promise<void>;
  /** Makes a file to send (the monthly XLSX); without it a file message is refused for good. */
  renderFile?(ref: FileRef): Promise<{ name: string; data: Uint8Array }>;
  /**
   * Whether the message was sent already (its job re-run after a crash, or re-added after Redis lost it);
   * if not, claims it in the outbox before it is sent, so a send window rebuilt meanwhile by any worker
   * process counts it (src/store/outbox-store.ts, claimUnsent).
   */
  claimUnsent?(jobId: string, data: SendWecomMessageData): Promise<boolean>;
  /** Claims it for the member a card drawn when sent turned out to be for (see CardDeliveryDeps.claimFor). */
  claimCardFor?(jobId: string, touser: string): Promise<void>;
  /**
   * Messages this process is sending without a job (sendNow), by job id: a job for one of them (the
   * reconciler's, once the row looks stale) waits for that send, so its claimUnsent finds it sent.
   */
  sendingHere?: ReadonlyMap<string, Promise<unknown>>;
}

/** What a send reads of its job: a message sent in the process that recorded it has no job, nor a delay. */
export type SendJob = Pick<Job<SendWecomMessageData>, 'id' | 'data'> &
  Partial<Pick<Job, 'moveToDelayed'>> & {
    /** Recorded (and claimed) in the outbox by the caller just now, so not sent before: no need to ask. */
    fresh?: boolean;
  };

type Sent = WecomResult<{ msgid?: string; response_code?: string }> | { ok: 'skip'; why: string };

/**
 * Sends one message. Rate limits delay the job without using an attempt; other retryable failures
 * throw so BullMQ backs off and retries; permanent ones fail the job for good (visible in the queue).
 */
export function sendWecomMessage(deps: SendWecomMessageDeps) {
  const concluded = concludeSend(deps);
  const { client, timeZone = 'Asia/Shanghai', claimUnsent, claimCardFor, renderFile, sendingHere, ...cardDeps } = deps;
  /** Made and uploaded at each attempt: a media_id lasts three days, a retry may come later. */
  const sendFile = async (touser: string, ref: FileRef): Promise<Sent> => {
    if (!renderFile) return { ok: false, error: { kind: 'rejected', retryable: false, message: 'no file maker' } };
    const file = await renderFile(ref);
    const media = await client.uploadMedia('file', file.name, file.data);
    return media.ok ? client.sendFile(touser, media.media_id) : media;
  };
  /** Sends the message; `to` is the member it counts against (message/send), for their send window. */
  const deliver = async (d: SendWecomMessageData, jobId?: string): Promise<{ result: Sent; to?: string }> => {
    switch (d.kind) {
      case 'text':
        return { result: await client.sendText(d.touser, d.content), to: d.touser };
      case 'markdown':
        return { result: await client.sendMarkdown(d.touser, d.content), to: d.touser };
      case 'card':
        return { result: await client.sendTemplateCard(d.touser, d.card), to: d.touser };
      case 'card_replace':
        return { result: await client.updateTemplateCard(d.touser, d.responseCode, { replaceName: d.replaceName }) };
      case 'file':
        return { result: await sendFile(d.touser, d.file), to: d.touser };
      case 'kf_text':
        return { result: await client.kfSendText(d.externalUserid, d.openKfid, d.content) };
      case 'kf_welcome':
        return { result: await client.kfSendMsgOnEvent(d.code, d.content) };
      case 'task_card':
      case 'card_update':
      case 'batch_card':
      case 'batch_card_update':
      case 'task_redraw':
      case 'batch_redraw':
        return deliverCard(
          {
            client,
            timeZone,
            ...cardDeps,
            ...(jobId && claimCardFor ? { claimFor: (touser: string) => claimCardFor(jobId, touser) } : {}),
          },
          d,
        );
    }
  };
  return async (job: SendJob, token?: string): Promise<SendOutcome> => {
    if (job.id && token) await sendingHere?.get(job.id);
    if (job.id && !job.fresh && (await claimUnsent?.(job.id, job.data))) return { skipped: 'sent before' };
    const { result, to } = await deliver(job.data, job.id);
    return concluded(job, result, to, token);
  };
}

type SendOutcome = { msgid?: string; responseCode?: string; skipped?: string };

/**
 * What WeCom's answer makes of the job: sent (marked), held back by a rate limit (the job delayed without
 * using an attempt), retried (a plain error, BullMQ backs off), or refused for good (marked failed).
 */
function concludeSend({
  markSent,
  markFailed,
  rateLimitDelayMs = 60_000,
}: Pick<SendWecomMessageDeps, 'markSent' | 'markFailed' | 'rateLimitDelayMs'>) {
  return async (job: SendJob, result: Sent, to?: string, token?: string): Promise<SendOutcome> => {
    if (result.ok !== false && job.id) await markSent?.(job.id, result.ok === true ? to : undefined);
    if (result.ok === 'skip') return { skipped: result.why };
    if (result.ok)
      return {
        ...(result.msgid ? { msgid: result.msgid } : {}),
        ...(result.response_code ? { responseCode: result.response_code } : {}),
      };
    const { error } = result;
    if (error.kind === 'rate_limited' && token && job.moveToDelayed) {
      await job.moveToDelayed(Date.now() + (error.retryAfterMs ?? rateLimitDelayMs), token);
      throw new DelayedError();
    }
    if (error.retryable) throw new Error(`WeCom ${error.kind}: ${error.message}`);
    const reason = `WeCom refused (${error.errcode ?? error.kind}): ${error.message}`;
    if (job.id) await markFailed?.(job.id, reason);
    throw new UnrecoverableError(reason);
  };
}

/** A text message, the kind several members can be sent in one call when its content is the same. */
type TextJob = SendJob & { data: Extract<SendWecomMessageData, { kind: 'text' }> };

/**
 * Sends one text to several members in one message/send, each job ending as the processor would end it
 * (sent before, unless fresh; the member's window; marked sent or failed): true for those sent (or sent
 * before), false for those left to their jobs. Null when the client cannot send to many at once.
 */
export function sendTextsAlike(deps: SendWecomMessageDeps) {
  const { client, claimUnsent } = deps;
  const toMany = client.sendTextToMany?.bind(client);
  if (!toMany) return null;
  const concluded = concludeSend(deps);
  return async (jobs: TextJob[]): Promise<boolean[]> => {
    const sent = jobs.map(() => true);
    const before = await Promise.all(jobs.map((j) => Boolean(j.id && !j.fresh) && claimUnsent?.(j.id!, j.data)));
    const due = jobs.flatMap((_, k) => (before[k] ? [] : [k]));
    if (!due.length) return sent;
    const results = await toMany(
      due.map((k) => jobs[k]!.data.touser),
      jobs[due[0]!]!.data.content,
    );
    await Promise.all(
      due.map(async (k, i) => {
        const j = jobs[k]!;
        sent[k] = await concluded(j, results[i]!, j.data.touser).then(
          () => true,
          () => false,
        );
      }),
    );
    return sent;
  };
}
