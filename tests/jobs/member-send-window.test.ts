import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, type SendWecomMessageData } from '../../src/queue/jobs.js';
import { recordOutbound } from '../../src/store/outbox-store.js';
import { dropPrefix } from '../helpers/test-redis.js';
import { startTestService } from '../helpers/test-service.js';

const until = async (what: string, ok: () => Promise<boolean> | boolean, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** WeCom silently drops a member's 31st message in a minute; our window must hold even when Redis is wiped. */
describe('per-member send window and what counts as sent', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const queue = async (tag: string, rows: Array<{ n: number; data: SendWecomMessageData }>) => {
    const outbound = rows.map((r) => ({ jobId: `${tag}-${r.n}`, data: r.data }));
    await recordOutbound(svc.db, outbound);
    await svc.queues.notify.addBulk(
      outbound.map((r) => ({ name: JOB.sendWecomMessage, data: r.data, opts: { jobId: r.jobId } })),
    );
  };
  const texts = (touser: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      n: from + i,
      data: { kind: 'text' as const, touser, content: `提醒 ${from + i}` },
    }));
  const markedSent = async (like: string) =>
    (
      await svc.db.query<{ n: number }>(
        'SELECT count(*)::int n FROM outbox WHERE job_id LIKE $1 AND sent_at IS NOT NULL',
        [like],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    svc = await startTestService({ ENQUEUE_TIMEOUT_MS: '5000' }); // a loaded machine must not time the test's own queue calls out
  });
  afterAll(() => svc.stop());

  it('is rebuilt from the outbox after a Redis wipe, so nothing is sent into WeCom’s silent drop', async () => {
    const fake = svc.fake!;
    const member = 'bf-window';
    const delivered = () => fake.state.sent.filter((m) => m.to === member && m.api === 'message/send');
    await queue('win', texts(member, 0, 25));
    await until('25 sent', async () => (await markedSent('win-%')) === 25);

    await dropPrefix(svc.config.QUEUE_PREFIX); // Redis wiped: queues, jobs and the limiter's window are gone
    await queue('win', texts(member, 25, 25));
    await until('the window to fill', async () => (await markedSent('win-%')) >= 30);
    await new Promise((r) => setTimeout(r, 1500)); // anything sent past the limit would be sent by now

    expect(delivered().filter((m) => m.dropped)).toEqual([]);
    expect(delivered()).toHaveLength(30);
    expect(await markedSent('win-%')).toBe(30); // the other 20 wait for the window, unsent
    const waiting = await svc.queues.notify.getJobCounts('delayed');
    expect(waiting.delayed).toBe(20);
  });

  it('marks a message sent only when WeCom accepted it for its recipient (invaliduser, 81013)', async () => {
    const fake = svc.fake!;
    fake.state.members = new Set(['bf-here']);
    try {
      await queue('inv', [
        { n: 1, data: { kind: 'text', touser: 'bf-here|bf-gone', content: '两人' } },
        { n: 2, data: { kind: 'text', touser: 'bf-gone', content: '一人' } },
        { n: 3, data: { kind: 'text', touser: 'bf-here', content: '本人' } },
      ]);
      await until('all three settled', async () => {
        const states = await Promise.all([1, 2, 3].map((n) => svc.queues.notify.getJobState(`inv-${n}`)));
        return states.every((s) => s === 'completed' || s === 'failed');
      });
      expect(await svc.queues.notify.getJobState('inv-1')).toBe('failed');
      expect((await svc.queues.notify.getJob('inv-1'))!.failedReason).toContain('bf-gone');
      expect(await svc.queues.notify.getJobState('inv-2')).toBe('failed');
      expect((await svc.queues.notify.getJob('inv-2'))!.failedReason).toContain('81013');
      const { rows } = await svc.db.query<{ job_id: string; sent: boolean }>(
        `SELECT job_id, sent_at IS NOT NULL AS sent FROM outbox WHERE job_id LIKE 'inv-%' ORDER BY job_id`,
      );
      expect(rows).toEqual([
        { job_id: 'inv-1', sent: false },
        { job_id: 'inv-2', sent: false },
        { job_id: 'inv-3', sent: true },
      ]);
    } finally {
      fake.state.members = null;
    }
  });
});
