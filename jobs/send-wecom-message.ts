import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { SendWecomMessageData } from '../src/queue/jobs.js';
import type { WecomClient } from '../src/wecom/wecom-client.js';
import type { WecomResult } from '../src/wecom/wecom-error.js';

export interface SendWecomMessageDeps {
  client: WecomClient;
  /** How long to hold a message WeCom refused with 45009/45033 (it gives no hint); default 60 s. */
  rateLimitDelayMs?: number;
}

/**
 * Sends one message. Rate limits delay the job without using an attempt; other retryable failures
 * throw so BullMQ backs off and retries; permanent ones fail the job for good (visible in the queue).
 */
export function sendWecomMessage({ client, rateLimitDelayMs = 60_000 }: SendWecomMessageDeps) {
  return async (job: Job<SendWecomMessageData>, token?: string): Promise<{ msgid: string; responseCode?: string }> => {
    const d = job.data;
    const result: WecomResult<{ msgid: string; response_code?: string }> =
      d.kind === 'text' ? await client.sendText(d.touser, d.content)
      : d.kind === 'markdown' ? await client.sendMarkdown(d.touser, d.content)
      : d.kind === 'card' ? await client.sendTemplateCard(d.touser, d.card)
      : await client.kfSendText(d.externalUserid, d.openKfid, d.content);
    if (result.ok) return { msgid: result.msgid, ...(result.response_code ? { responseCode: result.response_code } : {}) };
    const { error } = result;
    if (error.kind === 'rate_limited' && token) {
      await job.moveToDelayed(Date.now() + (error.retryAfterMs ?? rateLimitDelayMs), token);
      throw new DelayedError();
    }
    if (error.retryable) throw new Error(`WeCom ${error.kind}: ${error.message}`);
    throw new UnrecoverableError(`WeCom refused (${error.errcode ?? error.kind}): ${error.message}`);
  };
}
