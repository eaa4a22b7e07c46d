import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { deliverCard, type CardDeliveryDeps } from './card-delivery.js';
import type { FileRef, Outbound, SendWecomMessageData } from '../src/domain/ports/outbox.js';
import { groupBy } from '../src/domain/group-by.js';
import { sendShardKey } from '../src/queue/jobs.js';
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
export function sendWecomMessage({
  client,
  rateLimitDelayMs = 60_000,
  timeZone = 'Asia/Shanghai',
  markSent,
  markFailed,
  claimUnsent,
  claimCardFor,
  renderFile,
  sendingHere,
  ...cardDeps
}: SendWecomMessageDeps) {
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
  return async (job: SendJob, token?: string): Promise<{ msgid?: string; responseCode?: string; skipped?: string }> => {
    if (job.id && token) await sendingHere?.get(job.id);
    if (job.id && !job.fresh && (await claimUnsent?.(job.id, job.data))) return { skipped: 'sent before' };
    const { result, to } = await deliver(job.data, job.id);
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

/**
 * Recipients a process sends to at once when it sends what it has just recorded: a callback batch's,
 * so their windows are asked in one auto-pipelined round trip and their marks share a query.
 */
const SEND_NOW_RECIPIENTS = 20;

/**
 * Sends recorded messages in this process, as their jobs would (sent before, unless `recorded` just
 * now; the member's window; the marks), without a job each: each recipient's in order, recipients side
 * by side. Returns those not sent (a failure, a full window) and any after them to the same recipient,
 * for jobs to send.
 */
export function sendNow(send: ReturnType<typeof sendWecomMessage>, sendingHere: Map<string, Promise<unknown>>) {
  /** Known here as under way until released: a job for it waits (it may come before this run reaches it). */
  const claim = (jobId: string): (() => void) => {
    let release!: () => void;
    const claimed = new Promise<void>((resolve) => {
      release = resolve;
    });
    sendingHere.set(jobId, claimed);
    return () => {
      if (sendingHere.get(jobId) === claimed) sendingHere.delete(jobId);
      release();
    };
  };
  /** Waits out another run here sending the same message; no await between finding it free and claiming. */
  const claimWhenFree = async (jobId: string) => {
    for (let other = sendingHere.get(jobId); other; other = sendingHere.get(jobId)) await other;
    return claim(jobId);
  };
  return async (rows: Outbound[], recorded?: ReadonlySet<string>): Promise<Outbound[]> => {
    // All claimed before the first is sent: one recipient's sends go one after the other, and the
    // reconciler may queue a job for a later one meanwhile (its row looks stale), which must not send it.
    const releases = new Map<string, () => void>();
    for (const r of rows) if (!sendingHere.has(r.jobId)) releases.set(r.jobId, claim(r.jobId));
    const groups = [...groupBy(rows, (r) => sendShardKey(r.data, r.jobId)).values()];
    const left: Outbound[] = [];
    const sendOne = async (r: Outbound) => {
      const release = releases.get(r.jobId) ?? (await claimWhenFree(r.jobId));
      releases.delete(r.jobId);
      try {
        await send({ id: r.jobId, data: r.data, fresh: recorded?.has(r.jobId) ?? false });
        return true;
      } catch {
        return false;
      } finally {
        release();
      }
    };
    const next = async (): Promise<void> => {
      const group = groups.shift();
      if (!group) return;
      for (const [i, r] of group.entries()) {
        if (!(await sendOne(r))) {
          left.push(...group.slice(i));
          break;
        }
      }
      return next();
    };
    try {
      await Promise.all(Array.from({ length: SEND_NOW_RECIPIENTS }, next));
    } finally {
      for (const release of releases.values()) release(); // those left to jobs
    }
    return left;
  };
}
