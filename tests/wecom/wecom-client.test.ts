import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';
import { MemberRateLimiter } from '../../src/wecom/member-rate-limiter.js';
import { WecomClient } from '../../src/wecom/wecom-client.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const app = { corpId: 'ww-test', agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret' };

describe('WeCom client against the fake WeCom', () => {
  let fake: FakeWecomServer;
  let client: WecomClient;
  beforeAll(async () => {
    fake = await new FakeWecomServer(app).start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.state.reset();
    client = new WecomClient({ ...app, apiBase: fake.url });
  });

  it('uploads a file as multipart media (field "media", its name kept) and sends it as a file message', async () => {
    const data = new Uint8Array(Buffer.from('PK\u0003\u0004 一月一分析 workbook bytes'));
    const up = await client.uploadMedia('file', '一月一分析-守望县-2026-11.xlsx', data);
    expect(up).toMatchObject({ ok: true, media_id: expect.any(String) });
    const kept = fake.state.media.get((up as { media_id: string }).media_id)!;
    expect(kept.filename).toBe('一月一分析-守望县-2026-11.xlsx');
    expect(Buffer.compare(kept.data, Buffer.from(data))).toBe(0);
    expect(await client.sendFile('zhangsan', (up as { media_id: string }).media_id)).toMatchObject({ ok: true });
    expect(fake.state.sent.at(-1)!.body).toMatchObject({
      msgtype: 'file',
      file: { media_id: (up as { media_id: string }).media_id },
    });
    // A media_id WeCom never issued, and a file of 5 bytes or fewer, are refused as WeCom does.
    expect(await client.sendFile('zhangsan', 'no-such-media')).toMatchObject({
      ok: false,
      error: { errcode: 40007, retryable: false },
    });
    expect(await client.uploadMedia('file', 'tiny.txt', new Uint8Array(5))).toMatchObject({
      ok: false,
      error: { errcode: 40006 },
    });
  });

  it('sends text, markdown and a button card with the documented shapes', async () => {
    expect(await client.sendText('zhangsan', '你好')).toMatchObject({ ok: true, msgid: expect.any(String) });
    expect(await client.sendMarkdown('zhangsan', '**通报**')).toMatchObject({ ok: true });
    const card = {
      card_type: 'button_interaction',
      main_title: { title: '任务' },
      task_id: 't-1',
      button_list: [{ text: '签收', key: 'ack' }],
    };
    const sent = await client.sendTemplateCard('zhangsan', card);
    expect(sent).toMatchObject({ ok: true, response_code: expect.any(String) });
    expect(fake.state.sent.map((s) => [s.to, s.body.msgtype, s.body.agentid])).toEqual([
      ['zhangsan', 'text', 1000002],
      ['zhangsan', 'markdown', 1000002],
      ['zhangsan', 'template_card', 1000002],
    ]);
    expect(fake.state.sent[0]!.body.text).toEqual({ content: '你好' });
  });

  it('sends one text to several members in one message/send, a result each: one outside the app is refused alone', async () => {
    fake.state.members = new Set(['u1', 'u2']);
    const results = await client.sendTextToMany(['u1', 'ghost', 'u2'], '发送「帮助」查看全部指令。');
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { kind: 'rejected', retryable: false } });
    expect((results[1] as { error: { message: string } }).error.message).toContain('invaliduser=ghost');
    const sent = fake.state.sent.filter((s) => s.api === 'message/send');
    expect(sent.map((s) => s.to)).toEqual(['u1', 'u2']);
    expect(new Set(sent.map((s) => s.msgid)).size).toBe(1); // one call
    fake.state.members = null;
  });

  it('updates a card once with its response code (single use)', async () => {
    const sent = await client.sendTemplateCard('u1', {
      card_type: 'button_interaction',
      task_id: 't-2',
      button_list: [],
    });
    if (!sent.ok) throw new Error('send failed');
    expect(await client.updateTemplateCard('u1', sent.response_code!, { replaceName: '已签收' })).toEqual({
      ok: true,
      errcode: 0,
      errmsg: 'ok',
    });
    const again = await client.updateTemplateCard('u1', sent.response_code!, { replaceName: '已签收' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'rejected', retryable: false } });
    expect(fake.state.sent.at(-1)!.body.button).toEqual({ replace_name: '已签收' });
  });

  it('fetches one token for 100 concurrent sends (single flight) and caches it', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.sendText(`u${i}`, 'hi')));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.state.stats.gettoken).toBe(1);
    await client.sendText('u1', 'again');
    expect(fake.state.stats.gettoken).toBe(1);
  });

  it('refreshes the token once and retries once on 42001', async () => {
    await client.sendText('u1', 'first');
    fake.state.expireTokens();
    expect(await client.sendText('u1', 'second')).toMatchObject({ ok: true });
    expect(fake.state.stats.gettoken).toBe(2);
    expect(fake.state.sent.map((s) => s.body.text)).toEqual([{ content: 'first' }, { content: 'second' }]);
  });

  it('does not loop when the refreshed token is refused too', async () => {
    fake.state.faults.push({ kind: 'errcode', errcode: 40014, count: 5, api: 'message/send' });
    expect(await client.sendText('u1', 'x')).toMatchObject({
      ok: false,
      error: { kind: 'token_expired', retryable: true },
    });
    expect(fake.state.stats.gettoken).toBe(2);
  });

  it.each([
    [{ kind: 'http', status: 502, count: 1 } as const, 'server', true],
    [{ kind: 'errcode', errcode: 45009, count: 1 } as const, 'rate_limited', true],
    [{ kind: 'errcode', errcode: -1, count: 1 } as const, 'server', true],
    [{ kind: 'errcode', errcode: 60020, count: 1 } as const, 'rejected', false],
    [{ kind: 'errcode', errcode: 81013, count: 1 } as const, 'rejected', false],
  ])('types the failure %o as %s (retryable %s)', async (fault, kind, retryable) => {
    await client.sendText('warm', 'token first');
    fake.state.faults.push({ ...fault, api: 'message/send' });
    expect(await client.sendText('u1', 'x')).toMatchObject({ ok: false, error: { kind, retryable } });
  });

  it('gives up on a WeCom that does not answer within the timeout, as a retryable network error, and goes on', async () => {
    const slow = new WecomClient({ ...app, apiBase: fake.url, timeoutMs: 300 });
    await slow.sendText('warm', 'token first');
    fake.state.faults.push({ kind: 'delay', ms: 2000, count: 1, api: 'message/send' });
    expect(await slow.sendText('u1', 'x')).toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
    expect(await slow.sendText('u1', 'y')).toMatchObject({ ok: true });
    slow.close();
  });

  it('reports an unreachable WeCom as a retryable network error', async () => {
    const dead = new WecomClient({ ...app, apiBase: 'http://127.0.0.1:1', timeoutMs: 500 });
    expect(await dead.sendText('u1', 'x')).toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
  });

  it('pulls 微信客服 messages page by page and replies within the 5-message window', async () => {
    for (let i = 0; i < 3; i++) fake.state.addKfMessage('wm-villager', 'wk-1', `消息${i}`);
    const p1 = await client.kfSyncMsg({ openKfid: 'wk-1', limit: 2 });
    if (!p1.ok) throw new Error('sync failed');
    expect(p1.msg_list.map((m) => m.text?.content)).toEqual(['消息0', '消息1']);
    expect(p1.has_more).toBe(1);
    const p2 = await client.kfSyncMsg({ openKfid: 'wk-1', cursor: p1.next_cursor });
    expect(p2).toMatchObject({ ok: true, has_more: 0, msg_list: [{ text: { content: '消息2' }, origin: 3 }] });
    expect(fake.state.stats.gettoken).toBe(1); // only the kf secret's token
    for (let i = 0; i < 5; i++) expect((await client.kfSendText('wm-villager', 'wk-1', `回复${i}`)).ok).toBe(true);
    expect(await client.kfSendText('wm-villager', 'wk-1', '第六条')).toMatchObject({
      ok: false,
      error: { kind: 'reply_window_closed', retryable: false },
    });
  });
});

describe('per-member rate limit', () => {
  const prefix = testPrefix();
  const redis = new Redis(REDIS_URL);
  let fake: FakeWecomServer;
  afterAll(async () => {
    await fake.stop();
    await dropPrefix(prefix);
    redis.disconnect();
  });

  it('never lets more than 30 a minute reach one member in a burst of 500, and says when to retry', async () => {
    let clock = Date.now();
    const now = () => clock;
    fake = await new FakeWecomServer({ ...app, now }).start();
    const client = new WecomClient({
      ...app,
      apiBase: fake.url,
      now,
      limiter: new MemberRateLimiter({ redis, prefix, now }),
    });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => client.sendText('cadre-1', `第${i}条`)));
    const sent = results.filter((r) => r.ok).length;
    const limited = results.filter((r) => !r.ok && r.error.kind === 'rate_limited');
    expect(sent).toBe(30);
    expect(limited).toHaveLength(470);
    const wait = (limited[0] as { error: { retryAfterMs: number } }).error.retryAfterMs;
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_001);
    expect(fake.state.sent.filter((s) => s.dropped)).toHaveLength(0);
    // A minute later the next 30 go through, still none dropped by WeCom; also once Redis forgot the
    // limiter's script (a restart), which is then sent again.
    await redis.script('FLUSH');
    clock += 60_001;
    const next = await Promise.all(Array.from({ length: 40 }, () => client.sendText('cadre-1', 'later')));
    expect(next.filter((r) => r.ok)).toHaveLength(30);
    expect(fake.state.sent.filter((s) => s.dropped)).toHaveLength(0);
    // Another member is not affected.
    expect((await client.sendText('cadre-2', 'hi')).ok).toBe(true);
    // Sent to several at once, the member at their limit is held back and the others get it.
    const many = await client.sendTextToMany(['cadre-3', 'cadre-1', 'cadre-2'], '帮助');
    expect(many.map((r) => (r.ok ? 'sent' : r.error.kind))).toEqual(['sent', 'rate_limited', 'sent']);
    expect(fake.state.sent.at(-1)!.body.touser).toBe('cadre-3|cadre-2');
    expect(fake.state.sent.filter((s) => s.dropped)).toHaveLength(0);
  });
});

describe('the fake WeCom itself', () => {
  it('drops (silently, as WeCom does) what goes past 30 a minute to one member when nobody limits', async () => {
    const fake = await new FakeWecomServer(app).start();
    const client = new WecomClient({ ...app, apiBase: fake.url });
    const results = await Promise.all(Array.from({ length: 40 }, () => client.sendText('cadre-x', 'hi')));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.state.sent.filter((s) => s.dropped)).toHaveLength(10);
    await fake.stop();
  });
});
