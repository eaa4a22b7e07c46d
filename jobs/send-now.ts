import type { Outbound } from '../src/domain/ports/outbox.js';
import { groupBy } from '../src/domain/group-by.js';
import { sendShardKey } from '../src/queue/jobs.js';
import type { sendTextsAlike, sendWecomMessage } from './send-wecom-message.js';

/**
 * Calls a process makes at once when it sends what it has just recorded: a callback batch's, so their
 * windows are asked in one auto-pipelined round trip and their marks share a query.
 */
const SEND_NOW_CALLS = 20;
/** Members one message/send may name (WeCom's limit, doc path/90236). */
const MEMBERS_PER_SEND = 1000;

type Alike = NonNullable<ReturnType<typeof sendTextsAlike>>;

/**
 * Sends recorded messages in this process, as their jobs would (sent before, unless `recorded` just
 * now; the member's window; the marks), without a job each: each recipient's in order, in rounds of
 * every recipient's next message; the texts of a round that say the same go in one call (`alike`), the
 * others side by side. Returns those not sent (a failure, a full window) and any after them to the same
 * recipient, for jobs to send.
 */
export function sendNow(
  send: ReturnType<typeof sendWecomMessage>,
  sendingHere: Map<string, Promise<unknown>>,
  alike?: Alike | null,
) {
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
    const job = (r: Outbound) => ({ id: r.jobId, data: r.data, fresh: recorded?.has(r.jobId) ?? false });
    /** Sends these (one call for texts alike, else one); true for each sent. */
    const sendCall = async (call: Outbound[]): Promise<boolean[]> => {
      const held = await Promise.all(call.map(async (r) => releases.get(r.jobId) ?? (await claimWhenFree(r.jobId))));
      for (const r of call) releases.delete(r.jobId);
      try {
        // Nothing was sent if the window or the sent-before check failed: all left to their jobs.
        if (call.length > 1)
          return await alike!(call.map(job) as Parameters<Alike>[0]).catch(() => call.map(() => false));
        return [
          await send(job(call[0]!)).then(
            () => true,
            () => false,
          ),
        ];
      } finally {
        for (const release of held) release();
      }
    };
    const queues = [...groupBy(rows, (r) => sendShardKey(r.data, r.jobId)).values()];
    const left: Outbound[] = [];
    try {
      while (queues.length) {
        const heads = queues.map((q) => q[0]!);
        const sent = new Map<Outbound, boolean>();
        const calls = callsOf(heads, alike ? MEMBERS_PER_SEND : 1);
        const next = async (): Promise<void> => {
          const call = calls.shift();
          if (!call) return;
          for (const [i, ok] of (await sendCall(call)).entries()) sent.set(call[i]!, ok);
          return next();
        };
        await Promise.all(Array.from({ length: SEND_NOW_CALLS }, next));
        for (let i = queues.length - 1; i >= 0; i--) {
          const q = queues[i]!;
          if (!sent.get(q[0]!)) left.unshift(...queues.splice(i, 1)[0]!);
          else if (q.length > 1) q.shift();
          else queues.splice(i, 1);
        }
      }
    } finally {
      for (const release of releases.values()) release(); // those left to jobs
    }
    return left;
  };
}

/** A round's messages as calls: texts with the same content together (up to `perCall`), the rest one each. */
function callsOf(heads: Outbound[], perCall: number): Outbound[][] {
  const calls: Outbound[][] = [];
  const texts = groupBy(
    heads.filter((r) => r.data.kind === 'text'),
    (r) => (r.data.kind === 'text' ? r.data.content : ''),
  );
  for (const group of texts.values())
    for (let i = 0; i < group.length; i += perCall) calls.push(group.slice(i, i + perCall));
  for (const r of heads) if (r.data.kind !== 'text') calls.push([r]);
  return calls;
}
