import { describe, expect, it } from 'vitest';
import { sendNow } from '../../jobs/send-now.js';
import type { SendJob } from '../../jobs/send-wecom-message.js';
import type { Outbound } from '../../src/domain/ports/outbox.js';

const text = (n: number, touser = 'cadre-a'): Outbound => ({
  jobId: `reply-${n}`,
  data: { kind: 'text', touser, content: `答复 ${n}` },
});

/** Sending what a job has just recorded, without a job each (the processor stands in as `send`). */
describe('sendNow', () => {
  it('claims every message before the first is sent, so a job queued meanwhile for a later one waits', async () => {
    const sendingHere = new Map<string, Promise<unknown>>();
    const sent: string[] = [];
    let claimedWhileFirstWent: string[] = [];
    const send = async (job: SendJob) => {
      if (job.id === 'reply-1') {
        claimedWhileFirstWent = [...sendingHere.keys()];
        await new Promise((r) => setTimeout(r, 20));
      }
      sent.push(job.id!);
      return {};
    };
    const left = await sendNow(send, sendingHere)([text(1), text(2), text(3)], new Set(['reply-1', 'reply-2']));
    expect(left).toEqual([]);
    expect(sent).toEqual(['reply-1', 'reply-2', 'reply-3']); // one recipient's, in order
    expect(claimedWhileFirstWent.sort()).toEqual(['reply-1', 'reply-2', 'reply-3']);
    expect(sendingHere.size).toBe(0);
  });

  it('leaves a message that failed, and those after it to the same recipient, to jobs; others go on', async () => {
    const sendingHere = new Map<string, Promise<unknown>>();
    const tried: Array<{ id: string; fresh: boolean | undefined }> = [];
    const send = async (job: SendJob) => {
      tried.push({ id: job.id!, fresh: job.fresh });
      if (job.id === 'reply-1') throw new Error('WeCom network: reset');
      return {};
    };
    const rows = [text(1), text(2), text(3, 'cadre-b')];
    const left = await sendNow(send, sendingHere)(rows, new Set(['reply-3']));
    expect(left.map((r) => r.jobId)).toEqual(['reply-1', 'reply-2']);
    expect(tried).toEqual([
      { id: 'reply-1', fresh: false },
      { id: 'reply-3', fresh: true },
    ]);
    expect(sendingHere.size).toBe(0); // the ones left are released for their jobs
  });

  it('sends the texts alike of a round in one call, the others alone, each recipient still in order', async () => {
    const sendingHere = new Map<string, Promise<unknown>>();
    const calls: string[][] = [];
    const send = async (job: SendJob) => {
      calls.push([job.id!]);
      return {};
    };
    const alike = async (jobs: SendJob[]) => {
      calls.push(jobs.map((j) => j.id!));
      return jobs.map((j) => j.id !== 'help-c');
    };
    const help = (id: string, touser: string): Outbound => ({
      jobId: id,
      data: { kind: 'text', touser, content: '帮助' },
    });
    const rows = [help('help-a', 'cadre-a'), text(1, 'cadre-a'), help('help-b', 'cadre-b'), help('help-c', 'cadre-c')];
    const left = await sendNow(send, sendingHere, alike)(rows, new Set());
    expect(calls).toEqual([['help-a', 'help-b', 'help-c'], ['reply-1']]);
    expect(left.map((r) => r.jobId)).toEqual(['help-c']);
    expect(sendingHere.size).toBe(0);
  });

  it('leaves texts alike to their jobs when their call fails before anything is sent', async () => {
    const sendingHere = new Map<string, Promise<unknown>>();
    const alike = async (): Promise<boolean[]> => {
      throw new Error('Redis: connection lost');
    };
    const rows = [text(1, 'cadre-a'), text(1, 'cadre-b'), text(2, 'cadre-a')].map((r, i) => ({
      ...r,
      jobId: `j-${i}`,
    }));
    const left = await sendNow(async () => ({}), sendingHere, alike)(rows);
    expect(left.map((r) => r.jobId).sort()).toEqual(['j-0', 'j-1', 'j-2']);
    expect(sendingHere.size).toBe(0);
  });
});
