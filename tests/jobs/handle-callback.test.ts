import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, jobId } from '../../src/queue/jobs.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

/** The handle-callback job on the whole service: stored cadre callbacks handled in order, each answered once. */
describe('handle-callback job', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const text = (from: string, msgId: string, content: string) =>
    insertInbox(svc.db, {
      source: 'wecom',
      sourceMsgId: msgId,
      payload: {
        type: 'text',
        ToUserName: 'ww',
        FromUserName: from,
        CreateTime: '1',
        MsgType: 'text',
        Content: content,
        MsgId: msgId,
      },
    });
  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
  }, 120_000);
  afterAll(() => svc.stop());

  it('handles a batch of stored callbacks and answers each cadre once, also when the job runs again', async () => {
    const cadres = (
      await svc.db.query<{ userid: string }>(`SELECT userid FROM cadres WHERE role = 'helper' ORDER BY userid LIMIT 2`)
    ).rows.map((r) => r.userid);
    const ids = [(await text(cadres[0]!, 'cb-1', '我的任务'))!, (await text(cadres[1]!, 'cb-2', '帮助'))!];
    const out = await runJob<{ handled: number }>(svc.queues.intake, JOB.handleCallback, { inboxIds: ids });
    expect(out).toEqual({ handled: 2 });
    const handled = await svc.db.query<{ id: number }>(
      'SELECT id FROM inbox WHERE id = ANY($1::bigint[]) AND handled_at IS NOT NULL ORDER BY id',
      [ids],
    );
    expect(handled.rows.map((r) => Number(r.id))).toEqual(ids);
    const answers = (to: string) => svc.fake!.state.sent.filter((m) => m.to === to && m.api === 'message/send');
    await until('both answers', () => cadres.every((c) => answers(c).length > 0));

    // Run again (a retry after a crash): the rows were handled, so nobody is answered twice.
    await runJob(svc.queues.intake, JOB.handleCallback, { inboxIds: ids }, `${jobId.callback(ids)}-again`);
    await new Promise((r) => setTimeout(r, 500));
    for (const c of cadres) expect(answers(c)).toHaveLength(1);
    expect(contentOf(answers(cadres[0]!)[0]!.body)).not.toBe('');
  });

  it('answers a help and a text it does not know together with a command between them, each its own answer', async () => {
    const cadre = (
      await svc.db.query<{ userid: string }>(`SELECT userid FROM cadres WHERE role = 'helper' ORDER BY userid LIMIT 1`)
    ).rows[0]!.userid;
    const ids = [
      (await text(cadre, 'cb-3', '帮助'))!,
      (await text(cadre, 'cb-4', '我的任务'))!,
      (await text(cadre, 'cb-5', '今天天气怎么样'))!,
    ];
    expect(await runJob(svc.queues.intake, JOB.handleCallback, { inboxIds: ids })).toEqual({ handled: 3 });
    const handled = await svc.db.query<{ n: number }>(
      'SELECT count(*)::int n FROM inbox WHERE id = ANY($1::bigint[]) AND handled_at IS NOT NULL',
      [ids],
    );
    expect(handled.rows[0]!.n).toBe(3);
    const replies = await svc.db.query<{ job_id: string; content: string }>(
      `SELECT job_id, data->>'content' AS content FROM outbox WHERE job_id = ANY($1::text[])`,
      [ids.map((id) => jobId.cadreReply(id, 0))],
    );
    const reply = (id: number) => replies.rows.find((r) => r.job_id === jobId.cadreReply(id, 0))?.content;
    expect(reply(ids[0]!)).toContain('我的任务 —— 查看未办结任务');
    expect(reply(ids[2]!)).toBe(reply(ids[0]!));
    expect(reply(ids[1]!)).toBeDefined();
    expect(reply(ids[1]!)).not.toBe(reply(ids[0]!));
  });

  it('sends the answers that change nothing itself, without a job each, and marks them sent', async () => {
    const ids = [(await text('hc-direct', 'cb-6', '帮助'))!, (await text('hc-direct', 'cb-7', '天气'))!];
    expect(await runJob(svc.queues.intake, JOB.handleCallback, { inboxIds: ids })).toEqual({ handled: 2 });
    // Sent by the time the job is done, in order, each once.
    const sent = svc.fake!.state.sent.filter((m) => m.to === 'hc-direct' && m.api === 'message/send');
    expect(sent).toHaveLength(2);
    const { rows } = await svc.db.query<{ job_id: string; sent_to: string | null }>(
      'SELECT job_id, sent_to FROM outbox WHERE job_id = ANY($1::text[]) AND sent_at IS NOT NULL ORDER BY job_id',
      [ids.map((id) => jobId.cadreReply(id, 0))],
    );
    expect(rows.map((r) => r.sent_to)).toEqual(['hc-direct', 'hc-direct']);
    for (const id of ids) expect(await svc.queues.notify.getJob(jobId.cadreReply(id, 0))).toBeUndefined();
  });

  it('leaves an answer WeCom failed to take, and the ones after it to the same cadre, to jobs that retry', async () => {
    const fake = svc.fake!;
    fake.state.faults.push({ kind: 'http', status: 503, count: 1, api: 'message/send' });
    const ids = [(await text('hc-retry', 'cb-8', '帮助'))!, (await text('hc-retry', 'cb-9', '天气'))!];
    expect(await runJob(svc.queues.intake, JOB.handleCallback, { inboxIds: ids })).toEqual({ handled: 2 });
    for (const id of ids) expect(await svc.queues.notify.getJob(jobId.cadreReply(id, 0))).toBeDefined();
    const delivered = () => fake.state.sent.filter((m) => m.to === 'hc-retry' && m.api === 'message/send');
    const marked = async () =>
      (
        await svc.db.query<{ n: number }>(
          'SELECT count(*)::int n FROM outbox WHERE job_id = ANY($1::text[]) AND sent_at IS NOT NULL',
          [ids.map((id) => jobId.cadreReply(id, 0))],
        )
      ).rows[0]!.n;
    // Each mark is written once WeCom has answered.
    await until('both answers, by their jobs, marked sent', async () => (await marked()) === 2);
    expect(delivered()).toHaveLength(2);
  });
});
