import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { handleCallbackJob } from '../../jobs/handle-callback.js';
import type { HandleCallbacksDeps } from '../../src/domain/use-cases/handle-callbacks.js';
import type { HandleCallbackData } from '../../src/queue/jobs.js';

/** A cadre's text stored as inbox row `id` (in the stand-in store below). */
const help = (id: number) => ({
  payload: {
    type: 'text',
    ToUserName: 'ww',
    FromUserName: `cadre-${id}`,
    CreateTime: '1',
    MsgType: 'text',
    Content: '帮助',
    MsgId: String(id),
  },
  handled: false,
});

/** The job's use-case with stand-ins for the stored rows and the outbox, counting the reads and writes. */
function stubbed(unreadable: number[] = []) {
  const reads: number[][] = [];
  const answered: number[][] = [];
  const deps = {
    callbacks: {
      loadMany: async (ids: number[]) => {
        reads.push(ids);
        return new Map(ids.map((id) => [id, unreadable.includes(id) ? { payload: null, handled: false } : help(id)]));
      },
      markHandledMany: async () => undefined,
    },
    outbox: {
      cadreOutcomes: async (items: Array<{ ctx: { inboxId: number } }>) => {
        answered.push(items.map((i) => i.ctx.inboxId));
      },
    },
    now: () => new Date(),
  } as unknown as HandleCallbacksDeps;
  const job = (inboxIds: number[]) => ({ data: { inboxIds } }) as Job<HandleCallbackData>;
  return { run: handleCallbackJob(deps), job, reads, answered };
}

describe('handle-callback jobs running at once', () => {
  it('are handled together, each job its own rows in order and its own count', async () => {
    const { run, job, reads, answered } = stubbed();
    const out = await Promise.all([run(job([1, 2])), run(job([3])), run(job([4, 5, 6]))]);
    expect(out).toEqual([{ handled: 2 }, { status: 'command', changed: false }, { handled: 3 }]);
    expect(reads).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(answered).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('handles a row two jobs carry once, and fails only the job whose row cannot be read', async () => {
    const { run, job, reads } = stubbed([7]);
    const out = await Promise.allSettled([run(job([7, 8])), run(job([8, 9]))]);
    expect(reads).toEqual([[7, 8, 9]]);
    expect(out[0]).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('inbox 7') } });
    expect(out[1]).toEqual({ status: 'fulfilled', value: { handled: 2 } });
  });
});
