import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, jobId } from '../../src/queue/jobs.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { contentOf, runJob, until } from '../helpers/jobs.js';
import { startTestService } from '../helpers/test-service.js';

/** The villager-message job on the whole service: a stored 微信客服 message goes through the dialog, answered once. */
describe('villager-message job', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', VILLAGER_UPDATE_DELAY_MS: '0' });
  }, 60_000);
  afterAll(() => svc.stop());

  it('asks a villager who reports a problem for their name and village, once however often the job runs', async () => {
    const external = 'wm-job-test';
    // The villager writes in the fake WeCom (which opens the reply window); the pull stored it in the inbox.
    const message = svc.fake!.state.addKfMessage(external, 'wk-demo', '我家房子漏雨，墙也裂了，住着不安全');
    const inboxId = (await insertInbox(svc.db, { source: 'kf', sourceMsgId: message.msgid, payload: message }))!;
    const out = await runJob<{ status: string }>(svc.queues.intake, JOB.villagerMessage, { inboxId });
    expect(typeof out.status).toBe('string');
    const replies = () => svc.fake!.state.sent.filter((m) => m.to === external && m.api === 'kf/send_msg');
    await until('the reply', () => replies().length > 0);
    expect(contentOf(replies()[0]!.body)).toMatch(/姓名和所在的村/);

    await runJob(svc.queues.intake, JOB.villagerMessage, { inboxId }, `${jobId.villagerMessage(inboxId)}-again`);
    await new Promise((r) => setTimeout(r, 500));
    expect(replies()).toHaveLength(1);
  });
});
