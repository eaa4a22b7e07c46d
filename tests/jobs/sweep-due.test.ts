import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

/** The sweep-due job on the whole service: a visit past due makes a digest, sent to the household's helper. */
describe('sweep-due job', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
  }, 60_000);
  afterAll(() => svc.stop());

  it('sends the helper a digest naming the overdue visit, once however often the sweep runs for that instant', async () => {
    const { rows } = await svc.db.query<{ id: string; head: string; helper: string }>(
      `SELECT h.id, h.head_name AS head, l.cadre_userid AS helper FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id
        WHERE h.status <> 'ordinary' ORDER BY h.id LIMIT 1`,
    );
    const h = rows[0]!;
    const at = new Date('2026-11-24T02:00:00Z'); // a Tuesday, 10:00 in Shanghai: outside quiet hours
    const due = new Date(at.getTime() - 2 * 86_400_000);
    await svc.db.query('UPDATE households SET next_visit_due_at = $2, remind_at = $2 WHERE id = $1', [h.id, due]);
    const out = await runJob<{ queued: number }>(svc.queues.schedule, JOB.sweepDue, { at: at.toISOString() });
    expect(out.queued).toBeGreaterThan(0);
    const digests = await svc.db.query<{ content: string }>(
      'SELECT content FROM digests WHERE cadre_userid = $1 ORDER BY id',
      [h.helper],
    );
    expect(digests.rows.length).toBe(1);
    expect(digests.rows[0]!.content).toMatch(/您有 1 户走访已逾期/);
    expect(digests.rows[0]!.content).toContain(h.head);
    const toHelper = () => svc.fake!.state.sent.filter((m) => m.to === h.helper && m.api === 'message/send');
    await until('the digest to reach the helper', () => toHelper().length > 0);
    expect(toHelper().map((m) => contentOf(m.body))).toEqual([digests.rows[0]!.content]);

    const again = await runJob<{ queued: number }>(svc.queues.schedule, JOB.sweepDue, { at: at.toISOString() });
    expect(again.queued).toBe(0);
    expect((await svc.db.query('SELECT id FROM digests WHERE cadre_userid = $1', [h.helper])).rows).toHaveLength(1);
  });

  it('sends the digests of a queue-digests job Redis lost: they are in the outbox, and the reconciler queues them', async () => {
    const { rows } = await svc.db.query<{ id: string; helper: string }>(
      `SELECT h.id, l.cadre_userid AS helper FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id
        WHERE h.status <> 'ordinary' ORDER BY h.id DESC LIMIT 1`,
    );
    const h = rows[0]!;
    const at = new Date('2026-11-25T02:00:00Z'); // a Wednesday, 10:00 in Shanghai
    await svc.db.query('UPDATE households SET next_visit_due_at = $2, remind_at = $2 WHERE id = $1', [
      h.id,
      new Date(at.getTime() - 86_400_000),
    ]);
    await svc.queues.notify.pause(); // no worker takes the job before it is lost
    const out = await runJob<{ queued: number }>(svc.queues.schedule, JOB.sweepDue, { at: at.toISOString() });
    expect(out.queued).toBeGreaterThan(0);
    const pages = (await svc.queues.notify.getJobs(['waiting', 'prioritized'])).filter(
      (j) => j.name === JOB.queueDigests,
    );
    expect(pages).toHaveLength(1);
    await pages[0]!.remove();
    await svc.queues.notify.resume();
    const toHelper = () =>
      svc.fake!.state.sent.filter(
        (m) => m.to === h.helper && m.api === 'message/send' && /户走访已逾期/.test(contentOf(m.body)),
      );
    const before = toHelper().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(toHelper()).toHaveLength(before); // lost: nothing sent yet

    await runJob(svc.queues.schedule, JOB.reconcileInbox, { at: new Date(Date.now() + 3_600_000).toISOString() });
    await until('the lost digest to reach the helper', () => toHelper().length > before);
    const sent = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int n FROM outbox o JOIN digests d ON o.job_id = 'digest-' || d.id WHERE d.cadre_userid = $1 AND o.sent_at IS NOT NULL`,
      [h.helper],
    );
    expect(sent.rows[0]!.n).toBeGreaterThan(0);
  });
});
