import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/queue/jobs.js';
import { insertInbox, insertInboxBatch } from '../../src/store/inbox-store.js';
import { startTestService } from '../helpers/test-service.js';

/** What Redis lost is found again: inbox rows never handled, whatever their kind, and messages never sent. */
describe('inbox reconciler', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const reconcile = async (at: Date) => {
    const job = await svc.queues.schedule.add(JOB.reconcileInbox, { at: at.toISOString() });
    for (let i = 0; i < 200; i++) {
      const j = await svc.queues.schedule.getJob(job.id!);
      if (j?.finishedOn) return j.returnvalue as { requeued: number; resent: number };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('reconcile job did not finish');
  };
  const unhandled = async () =>
    (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox WHERE handled_at IS NULL')).rows[0]!.n;

  beforeAll(async () => {
    // Cards one by one: summaries of a list (issue 20) are tested in tests/handlers/department-batch-cards.
    svc = await startTestService({ SEED_DEMO: 'auto', RECONCILE_AFTER_MS: '60000', CARD_BATCH_QUIET_MS: '0' });
  });
  afterAll(() => svc.stop());

  it('re-queues department reports and callbacks that never got a job, and nothing after they are handled', async () => {
    const hh = (
      await svc.db.query<{ id: string; helper: string }>(
        `SELECT h.id, l.cadre_userid AS helper FROM households h JOIN links l ON l.kind = 'household' AND l.target_id = h.id ORDER BY h.id LIMIT 3`,
      )
    ).rows;
    await insertInboxBatch(
      svc.db,
      'dept:住建局',
      hh.map((h, i) => ({
        sourceMsgId: `lost-${i}`,
        payload: {
          channel: 'department',
          reporter: '住建局',
          text: '房屋鉴定为C级危房',
          identity: { householdId: h.id },
        },
      })),
    );
    await insertInbox(svc.db, {
      source: 'wecom',
      sourceMsgId: 'lost-text',
      payload: {
        type: 'text',
        ToUserName: 'ww',
        FromUserName: hh[0]!.helper,
        CreateTime: '1',
        MsgType: 'text',
        Content: '我的任务',
        MsgId: 'lost-text',
      },
    });
    const now = new Date();
    expect(await reconcile(now)).toEqual({ requeued: 0, resent: 0 }); // too young: still on their way
    await svc.db.query(`UPDATE inbox SET received_at = now() - interval '5 minutes'`);
    expect(await reconcile(now)).toMatchObject({ requeued: 4 });

    for (let i = 0; i < 200 && (await unhandled()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await unhandled()).toBe(0);
    const cases = await svc.db.query<{ household_id: string }>('SELECT household_id FROM cases ORDER BY household_id');
    expect(cases.rows.map((c) => c.household_id)).toEqual(hh.map((h) => h.id));
    const unsent = async () =>
      (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n;
    for (let i = 0; i < 200 && (await unsent()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM outbox')).toMatchObject({ rows: [{ n: 4 }] }); // 3 cards, 1 answer
    await svc.db.query(`UPDATE outbox SET created_at = now() - interval '5 minutes'`);
    expect(await reconcile(now)).toEqual({ requeued: 0, resent: 0 }); // every card and answer went out

    // The cadre's command ran once: one answer to 我的任务 (whether it ran before or after the triage).
    const answers = () =>
      svc.fake!.state.sent.filter(
        (m) =>
          m.api === 'message/send' &&
          m.to === hh[0]!.helper &&
          m.body.msgtype === 'text' &&
          /未办结/.test((m.body.text as { content: string }).content),
      );
    for (let i = 0; i < 100 && answers().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(answers()).toHaveLength(1);
  });

  it('sends a recorded message whose job was lost, once', async () => {
    const { rows } = await svc.db.query<{ id: number; cadre: string }>(
      `SELECT id, cadre_userid AS cadre FROM tasks ORDER BY id LIMIT 1`,
    );
    const task = rows[0]!;
    const jobId = `lost-card-${task.id}`;
    await svc.db.query(`INSERT INTO outbox (job_id, data, created_at) VALUES ($1, $2, now() - interval '5 minutes')`, [
      jobId,
      { kind: 'task_card', taskId: task.id },
    ]);
    const cards = () =>
      svc.fake!.state.sent.filter(
        (m) =>
          m.api === 'message/send' &&
          m.body.msgtype === 'template_card' &&
          (m.body.template_card as { task_id: string }).task_id === `sw-task-${task.id}`,
      ).length;
    const before = cards();
    expect(await reconcile(new Date())).toEqual({ requeued: 0, resent: 1 });
    for (let i = 0; i < 100 && cards() === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(cards()).toBe(before + 1);
    for (
      let i = 0;
      i < 100 &&
      (await svc.db.query('SELECT 1 FROM outbox WHERE job_id = $1 AND sent_at IS NULL', [jobId])).rows.length;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(await reconcile(new Date())).toEqual({ requeued: 0, resent: 0 });
    expect(cards()).toBe(before + 1);
  });

  it('handles the callbacks of a batch in order; one that fails is named and holds back none of the others', async () => {
    const cadre = (
      await svc.db.query<{ userid: string }>(`SELECT userid FROM cadres WHERE role = 'helper' ORDER BY userid LIMIT 1`)
    ).rows[0]!.userid;
    const text = (n: string, payload: Record<string, unknown> = { Content: '我的任务' }) =>
      insertInbox(svc.db, {
        source: 'wecom',
        sourceMsgId: n,
        payload: {
          type: 'text',
          ToUserName: 'ww',
          FromUserName: cadre,
          CreateTime: '1',
          MsgType: 'text',
          MsgId: n,
          ...payload,
        },
      }) as Promise<number>;
    const ids = [await text('batch-1'), await text('batch-bad', { Content: null }), await text('batch-3')];
    const job = await svc.queues.intake.add(JOB.handleCallback, { inboxIds: ids }, { attempts: 1 });
    for (let i = 0; i < 200 && !(await svc.queues.intake.getJob(job.id!))?.finishedOn; i++)
      await new Promise((r) => setTimeout(r, 50));
    const done = (await svc.queues.intake.getJob(job.id!))!;
    expect(done.failedReason).toMatch(new RegExp(`^callbacks failed: inbox ${ids[1]}: `));
    const { rows } = await svc.db.query<{ id: number; handled: boolean }>(
      'SELECT id, handled_at IS NOT NULL AS handled FROM inbox WHERE id = ANY($1) ORDER BY id',
      [ids],
    );
    expect(rows.map((r) => r.handled)).toEqual([true, false, true]);
  });
});
