import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import { startTestService } from '../helpers/test-service.js';

/** /metrics: requests by route and status, callback latency, queue depths, deliveries, reminders. */
describe('metrics', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const METRICS_TOKEN = 'metrics-test-token-0001';
  const metrics = async () =>
    (await fetch(`${svc.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const value = (text: string, series: string) =>
    Number(new RegExp(`^${series.replace(/[{}"()[\]|.+*?^$\\]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', METRICS_TOKEN });
  });
  afterAll(() => svc.stop());

  it('counts requests by route pattern and status, and times callbacks', async () => {
    await fetch(`${svc.base}/healthz`);
    await fetch(`${svc.base}/healthz`);
    await fetch(`${svc.base}/wecom/callback?msg_signature=x&timestamp=1&nonce=1`, { method: 'POST', body: '<xml/>' });
    const text = await metrics();
    expect(value(text, 'shouwang_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(2);
    expect(value(text, 'shouwang_http_requests_total{method="POST",route="/wecom/callback",status="401"}')).toBe(1);
    expect(value(text, 'shouwang_callback_seconds_count')).toBe(1);
    expect(text).toMatch(/^shouwang_queue_jobs\{queue="intake",state="waiting"\} \d+$/m);
  });

  it('counts reminders and the digests delivered by a sweep', async () => {
    const at = new Date(Date.now() + 100 * 86_400_000); // every schedule has come due
    at.setUTCHours(3, 0, 0, 0); // 11:00 in the county: outside the quiet hours
    const job = await svc.queues.schedule.add(JOB.sweepDue, { at: at.toISOString() });
    const { rows } = await svc.db.query<{ n: number }>(
      `SELECT count(DISTINCT l.cadre_userid)::int n FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id WHERE h.status <> 'ordinary'`,
    );
    for (let i = 0; i < 200; i++) {
      const text = await metrics();
      if (value(text, 'shouwang_wecom_messages_sent_total{kind="text"}') >= rows[0]!.n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const text = await metrics();
    const result = (await svc.queues.schedule.getJob(job.id!))!.returnvalue as { reminders: number };
    expect(result.reminders).toBeGreaterThan(rows[0]!.n);
    expect(value(text, 'shouwang_reminders_total')).toBe(result.reminders);
    expect(value(text, 'shouwang_escalations_total')).toBe(0);
    expect(value(text, 'shouwang_wecom_messages_sent_total{kind="text"}')).toBe(rows[0]!.n);
  });

  it('lets a worker-only process be scraped on METRICS_PORT, with nothing else served there', async () => {
    const worker = await startTestService({ METRICS_PORT: '0' }, 'worker');
    try {
      const base = `http://127.0.0.1:${worker.port}`;
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/^# TYPE shouwang_jobs_failed_total counter$/m);
      expect(text).toMatch(/^shouwang_queue_jobs\{queue="notify",state="waiting"\} \d+$/m);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/wecom/callback`)).status).toBe(404);
      expect((await fetch(`${base}/console`)).status).toBe(404);
    } finally {
      await worker.stop();
    }
    const silent = await startTestService({}, 'worker');
    expect(silent.port).toBeUndefined();
    await silent.stop();
  }, 120_000); // two start-ups

  it('keeps /metrics off the web port without METRICS_TOKEN, and serves it on METRICS_PORT in any role', async () => {
    const web = await startTestService({ METRICS_PORT: '0' }, 'web');
    try {
      expect((await fetch(`${web.base}/metrics`)).status).toBe(404);
      expect(web.metricsPort).not.toBe(web.port);
      const text = await (await fetch(`http://127.0.0.1:${web.metricsPort}/metrics`)).text();
      expect(text).toMatch(/^# TYPE shouwang_http_requests_total counter$/m);
    } finally {
      await web.stop();
    }
  }, 60_000);
});
