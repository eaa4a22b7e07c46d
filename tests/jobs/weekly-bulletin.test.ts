import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

/** The weekly-bulletin job on the whole service: each township's 通报 stored once and sent to its leaders. */
describe('weekly-bulletin job', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
  }, 60_000);
  afterAll(() => svc.stop());

  it('stores one bulletin per township for the last week, sends each as markdown, and a rerun sends nothing', async () => {
    const at = new Date('2026-11-30T00:00:00Z'); // Monday 08:00 in Shanghai
    const townships = (await svc.db.query<{ id: string }>('SELECT id FROM townships ORDER BY id')).rows;
    const out = await runJob<{ stored: number; queued: number }>(svc.queues.schedule, JOB.weeklyBulletin, {
      at: at.toISOString(),
    });
    expect(out.stored).toBe(townships.length);
    expect(out.queued).toBe(townships.length);
    const stored = await svc.db.query<{ township_id: string; content: string }>(
      'SELECT township_id, content FROM bulletins ORDER BY township_id',
    );
    expect(stored.rows.map((r) => r.township_id)).toEqual(townships.map((t) => t.id));
    const sentAs = (content: string) =>
      svc.fake!.state.sent.filter((m) => m.body.msgtype === 'markdown' && contentOf(m.body) === content);
    await until('every bulletin to be sent', () => stored.rows.every((b) => sentAs(b.content).length > 0));
    const sent = svc.fake!.state.sent.length;

    const again = await runJob<{ stored: number; queued: number }>(svc.queues.schedule, JOB.weeklyBulletin, {
      at: at.toISOString(),
    });
    expect(again).toMatchObject({ stored: 0, queued: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(svc.fake!.state.sent.length).toBe(sent);
  });
});
