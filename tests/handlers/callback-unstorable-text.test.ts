import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackSender } from '../../src/wecom/fake/callback-sender.js';
import { startTestService } from '../helpers/test-service.js';

/** Text Postgres cannot store (U+0000, lone surrogates), as WeCom could deliver it: literal or as character references. */
const BAD_CONTENT = [
  '<Content><![CDATA[我的任务\u0000]]></Content>',
  '<Content>我的&#0;任务</Content>',
  '<Content>签收 &#xD800; 123</Content>',
  '<Content>a\u0000b&#xDFFF;c</Content>',
  '<Content>&#55357;</Content>', // a high surrogate alone (UTF-8 on the wire cannot carry one: only a reference can)
];

/**
 * Callbacks that arrive together share one INSERT (group commit). One whose text jsonb refuses must
 * neither fail the others (WeCom would retry them all, with the bad one again) nor be lost itself.
 */
describe('a callback with text Postgres cannot store', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let sender: CallbackSender;
  let seq = 0;
  const xml = (content: string, msgId = String(900_000 + seq++)) =>
    `<xml><ToUserName><![CDATA[${svc.wecom.keys.corpId}]]></ToUserName><FromUserName><![CDATA[bf-F1]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>${content}` +
    `<MsgId>${msgId}</MsgId><AgentID>${svc.fake!.state.o.agentId}</AgentID></xml>`;

  beforeAll(async () => {
    svc = await startTestService({ ENQUEUE_TIMEOUT_MS: '5000' }, 'web');
    sender = svc.fake!.sender!;
  });
  afterAll(() => svc.stop());

  it('holds back none of the callbacks stored with it, and is stored itself with its original text kept', async () => {
    let goodOk = 0;
    const badAnswers = [];
    for (const bad of BAD_CONTENT) {
      const round = [
        ...Array.from({ length: 29 }, (_, i) => sender.post(xml(`<Content>我的任务 ${i}</Content>`))),
        sender.post(xml(bad)),
      ];
      const answers = await Promise.all(round);
      goodOk += answers.slice(0, 29).filter((a) => a.status === 200).length;
      badAnswers.push(answers.at(-1));
    }
    const { rows } = await svc.db.query<{ content: string; original: Record<string, string> | null }>(
      `SELECT payload->>'Content' AS content, payload->'original' AS original FROM inbox ORDER BY id`,
    );
    const good = rows.filter((r) => /^我的任务 \d+$/.test(r.content));
    expect({ goodOk, goodStored: good.length }).toEqual({ goodOk: 145, goodStored: 145 });
    expect(badAnswers).toEqual(BAD_CONTENT.map(() => ({ status: 200, body: '' })));
    const bad = rows.filter((r) => r.original);
    expect(bad.map((r) => r.content).sort()).toEqual(
      ['a\uFFFDb\uFFFDc', '我的任务\uFFFD', '我的\uFFFD任务', '签收 \uFFFD 123', '\uFFFD'].sort(),
    );
    expect(bad.map((r) => JSON.parse(r.original!.Content!)).sort()).toEqual(
      ['我的任务\u0000', '我的\u0000任务', '签收 \uD800 123', 'a\u0000b\uDFFFc', '\uD83D'].sort(),
    );
  });

  it('is retried alone when the statement still fails, so the callbacks stored with it are stored', async () => {
    // A key too long for the unique index fails the INSERT whatever its text: it must fail by itself.
    const hugeId = randomBytes(4000).toString('hex');
    const before = (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox')).rows[0]!.n;
    const answers = await Promise.all([
      ...Array.from({ length: 19 }, (_, i) => sender.post(xml(`<Content>帮助 ${i}</Content>`))),
      sender.post(xml('<Content>帮助</Content>', hugeId)),
    ]);
    expect(answers.slice(0, 19).map((a) => a.status)).toEqual(Array(19).fill(200));
    expect(answers[19]!.status).toBe(500); // not stored: WeCom retries it, and it holds back nobody
    const after = (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox')).rows[0]!.n;
    expect(after - before).toBe(19);
  });
});
