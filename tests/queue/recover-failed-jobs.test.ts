import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import { startTestService } from '../helpers/test-service.js';

const until = async (what: string, ok: () => Promise<boolean>, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * A WeCom outage longer than a job's whole retry budget. The real budget (8 attempts from 1 s, about
 * 2 minutes) is too slow for the suite, so this run sets it to 3 attempts from 50 ms (JOB_ATTEMPTS,
 * JOB_BACKOFF_MS) and keeps WeCom down for 2 s, well past it; the fault suite runs the 3-minute one.
 */
describe('jobs that used up their attempts', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const reconcile = async () => {
    const at = new Date(Date.now() + 3600_000).toISOString(); // every row is old enough
    const job = await svc.queues.schedule.add(JOB.reconcileInbox, { at });
    await until('the reconciler', async () => Boolean((await svc.queues.schedule.getJob(job.id!))?.finishedOn));
  };
  const outboxRow = async (jobId: string) =>
    (await svc.db.query<{ sent: boolean }>('SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1', [jobId]))
      .rows[0];

  beforeAll(async () => {
    svc = await startTestService({
      SEED_DEMO: 'auto',
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '50',
      ENQUEUE_TIMEOUT_MS: '5000',
    });
  });
  afterAll(() => svc.stop());

  it('are given a new attempt by the reconciler once WeCom is back, and the message goes out once', async () => {
    // Not on the rolls: the answer tells them how to get access, and that answer is what gets sent.
    const cadre = 'bf-not-registered';
    const fake = svc.fake!;
    fake.state.faults.push({ kind: 'http', status: 503, count: 0, api: 'message/send', untilMs: Date.now() + 2000 });
    expect(await fake.sender!.text(cadre, '我的任务')).toMatchObject({ status: 200 });

    const inboxId = (await svc.db.query<{ id: number }>('SELECT max(id)::int AS id FROM inbox')).rows[0]!.id;
    const replyId = `cadre-reply-${inboxId}-0`;
    await until('the answer to fail for good', async () => (await svc.queues.notify.getJobState(replyId)) === 'failed');
    const failed = (await svc.queues.notify.getJob(replyId))!;
    expect(failed.attemptsMade).toBe(3);
    expect(failed.failedReason).toContain('HTTP 503');
    expect(await outboxRow(replyId)).toEqual({ sent: false });

    await until(
      'the outage to end',
      async () => fake.state.faults.length === 0 || Date.now() > fake.state.faults[0]!.untilMs!,
    );
    await reconcile();
    await until('the answer to be sent', async () => (await outboxRow(replyId))?.sent === true);
    const answers = fake.state.sent.filter((m) => m.api === 'message/send' && m.to === cadre);
    expect(answers).toHaveLength(1);

    await reconcile(); // sent: nothing more to do
    expect(fake.state.sent.filter((m) => m.api === 'message/send' && m.to === cadre)).toHaveLength(1);
  });
});
