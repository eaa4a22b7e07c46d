import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, type SendWecomMessageData } from '../../src/queue/jobs.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { insertDeadLetter } from '../../src/store/dead-letter-store.js';
import { recordOutbound } from '../../src/store/outbox-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'failed-jobs-admin-token-0001';

const until = async (what: string, ok: () => Promise<boolean> | boolean, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Jobs that failed for good are shown to county staff with their reason, and can be retried (audited). */
describe('console: 失败任务', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let townshipToken = '';
  const get = (path: string, token: string) =>
    fetch(`${svc.base}${path}`, { redirect: 'manual', headers: { cookie: `sw_console=${token}` } });
  const post = (path: string, token: string, form: Record<string, string>) =>
    fetch(`${svc.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(form).toString(),
      headers: {
        cookie: `sw_console=${token}`,
        origin: svc.base,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
  const send = async (jobId: string, data: SendWecomMessageData) => {
    await recordOutbound(svc.db, [{ jobId, data }]);
    await svc.queues.notify.add(JOB.sendWecomMessage, data, { jobId });
    await until(`${jobId} to fail`, async () => (await svc.queues.notify.getJobState(jobId)) === 'failed');
  };
  const sent = async (jobId: string) =>
    (await svc.db.query('SELECT 1 FROM outbox WHERE job_id = $1 AND sent_at IS NOT NULL', [jobId])).rows.length === 1;

  beforeAll(async () => {
    svc = await startTestService({
      ADMIN_TOKEN,
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
      ENQUEUE_TIMEOUT_MS: '5000',
    });
    await svc.db.query(`INSERT INTO townships (id, name) VALUES ('T1', '测试镇')`); // no demo county needed
    townshipToken = await createConsoleToken(svc.db, 'T1');
    const fake = svc.fake!;
    fake.state.faults.push({ kind: 'http', status: 503, count: 0, api: 'message/send', untilMs: Date.now() + 60_000 });
    await send('fj-outage', { kind: 'text', touser: 'bf-fj', content: '提醒' });
    fake.state.faults = [];
    fake.state.members = new Set(['bf-fj']);
    await send('fj-nobody', { kind: 'text', touser: 'bf-left-the-county', content: '提醒' });
    fake.state.members = null;
  });
  afterAll(() => svc.stop());

  it('lists each failed job with its reason and a 重试 button, for county staff only', async () => {
    const res = await get('/console/failed', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('失败任务');
    expect(body).toContain('fj-outage');
    expect(body).toContain('HTTP 503');
    expect(body).toContain('fj-nobody');
    expect(body).toContain('81013');
    expect(body).toMatch(/<button[^>]*>重试<\/button>/);

    const refused = await get('/console/failed', townshipToken);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('只有县级账号');
  });

  it('also shows 微信客服 messages that became dead letters, with their reason', async () => {
    await insertDeadLetter(svc.db, {
      source: 'kf',
      sourceMsgId: 'msg-dead-1',
      reason: 'index row size 4016 exceeds btree version 4 maximum 2704',
      message: { text: { content: '房子漏雨' } },
    });
    const body = await (await get('/console/failed', ADMIN_TOKEN)).text();
    expect(body).toContain('无法接收的消息');
    expect(body).toContain('msg-dead-1');
    expect(body).toContain('exceeds btree');
    expect(body).not.toContain('房子漏雨'); // the message itself stays in the database
  });

  it('retries a job from the page: a new attempt, sent once, and the retry is in the audit log', async () => {
    const res = await post('/console/failed/retry', ADMIN_TOKEN, { queue: 'notify', id: 'fj-outage' });
    expect(res.status).toBe(303);
    await until('the retried message to be sent', () => sent('fj-outage'));
    expect(svc.fake!.state.sent.filter((m) => m.to === 'bf-fj')).toHaveLength(1);
    const audit = await svc.db.query<{ actor: string; action: string; entity_id: string; note: string }>(
      `SELECT actor, action, entity_id, note FROM audit_log WHERE entity = 'job'`,
    );
    expect(audit.rows).toEqual([
      {
        actor: 'console:县级（全部乡镇）',
        action: 'retry_job',
        entity_id: 'notify/fj-outage',
        note: expect.stringContaining('HTTP 503'),
      },
    ]);
    expect(await (await get('/console/failed', ADMIN_TOKEN)).text()).not.toContain('fj-outage');
  });

  it('still lists a message WeCom refused after Redis lost its job, and retrying it queues it again', async () => {
    await (await svc.queues.notify.getJob('fj-nobody'))!.remove();
    expect(await (await get('/console/failed', ADMIN_TOKEN)).text()).toContain('fj-nobody');
    expect((await post('/console/failed/retry', ADMIN_TOKEN, { queue: 'notify', id: 'fj-nobody' })).status).toBe(303);
    await until('the refused one to be sent', () => sent('fj-nobody')); // the member is known again
  });

  it('refuses a township token and a bad form, and changes nothing', async () => {
    const before = await svc.db.query('SELECT count(*)::int n FROM audit_log');
    expect((await post('/console/failed/retry', townshipToken, { queue: 'notify', id: 'fj-outage' })).status).toBe(403);
    const bad = await post('/console/failed/retry', ADMIN_TOKEN, { queue: 'nope', id: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('队列');
    const missing = await post('/console/failed/retry', ADMIN_TOKEN, { queue: 'notify', id: 'no-such-job' });
    expect(missing.status).toBe(404);
    expect(await svc.db.query('SELECT count(*)::int n FROM audit_log')).toEqual(before);
  });
});
