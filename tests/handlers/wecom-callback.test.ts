import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealMessage } from '../../src/wecom/callback-crypto.js';
import type { CallbackSender } from '../../src/wecom/fake/callback-sender.js';
import { resetDb } from '../helpers/test-db.js';
import { startTestService } from '../helpers/test-service.js';

describe('POST/GET /wecom/callback', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let sender: CallbackSender;
  const url = () => `${svc.base}/wecom/callback`;
  // A 200 means stored; the job may be added just after the answer (the enqueue has a deadline), so wait a moment.
  const queuedSoon = async () => {
    for (let i = 0; i < 40 && (await svc.queues.intake.getJobCounts('waiting')).waiting === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    return svc.queues.intake.getJobCounts('waiting');
  };
  const inboxCount = async () => (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox')).rows[0]!.n;

  beforeAll(async () => {
    svc = await startTestService({}, 'web');
    sender = svc.fake!.sender!;
  });
  afterAll(() => svc.stop());
  beforeEach(async () => {
    await resetDb(svc.db);
    await svc.queues.intake.obliterate({ force: true });
  });

  it('answers the URL verification with the decrypted echostr', async () => {
    const s = sealMessage(svc.wecom.keys, '8817263', String(Math.floor(Date.now() / 1000)));
    const q = new URLSearchParams({
      msg_signature: s.msg_signature,
      timestamp: s.timestamp,
      nonce: s.nonce,
      echostr: s.encrypted,
    });
    const res = await fetch(`${url()}?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('8817263');
  });

  it('stores a cadre message, queues it once and answers 200 with an empty body', async () => {
    const res = await sender.text('bc-T1V01', '我的任务');
    expect(res).toEqual({ status: 200, body: '' });
    const { rows } = await svc.db.query<{ source: string; payload: { type: string; Content: string } }>(
      'SELECT source, payload FROM inbox',
    );
    expect(rows).toMatchObject([
      { source: 'wecom', payload: { type: 'text', Content: '我的任务', FromUserName: 'bc-T1V01' } },
    ]);
    expect(await queuedSoon()).toEqual({ waiting: 1 });
  });

  it('acknowledges a replayed callback but processes it once', async () => {
    const sealed = sender.seal(sender.pressXml('bf-00001', 'task-7', 'ack'));
    const first = await sender.postSealed(sealed.body, sealed.query);
    const second = await sender.postSealed(sealed.body, sealed.query);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await inboxCount()).toBe(1);
    expect(await queuedSoon()).toEqual({ waiting: 1 });
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const { body, query } = sender.seal(sender.textXml('u1', 'hi'));
    const forged = query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'a'.repeat(40)}`);
    expect((await sender.postSealed(body, forged)).status).toBe(401);
    expect(await inboxCount()).toBe(0);
  });

  it('refuses a message encrypted for another corp', async () => {
    const keys = { ...svc.wecom.keys, corpId: 'ww-someone-else' };
    const s = sealMessage(keys, sender.textXml('u1', 'hi'), String(Math.floor(Date.now() / 1000)));
    const q = new URLSearchParams({ msg_signature: s.msg_signature, timestamp: s.timestamp, nonce: s.nonce });
    const res = await fetch(`${url()}?${q}`, {
      method: 'POST',
      body: `<xml><Encrypt><![CDATA[${s.encrypted}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(0);
  });

  it('refuses timestamps outside the window', async () => {
    const { body, query } = sender.seal(sender.textXml('u1', 'hi'), Math.floor(Date.now() / 1000) - 3600);
    expect((await sender.postSealed(body, query)).status).toBe(401);
    expect(await inboxCount()).toBe(0);
  });

  it.each([
    [
      'an XML bomb',
      `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>`,
      400,
    ],
    [
      'an external entity',
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>`,
      400,
    ],
    ['malformed XML', '<xml><Encrypt>abc</xml', 400],
    ['JSON instead of XML', '{"Encrypt":"abc"}', 400],
  ])('refuses %s without storing anything', async (_, body, status) => {
    const { query } = sender.seal('<xml/>');
    expect((await sender.postSealed(body, query)).status).toBe(status);
    expect(await inboxCount()).toBe(0);
  });

  it('refuses a 2 MB body with 413', async () => {
    const { query } = sender.seal('<xml/>');
    const res = await fetch(`${url()}?${query}`, {
      method: 'POST',
      body: `<xml><Encrypt>${'A'.repeat(2 * 1024 * 1024)}</Encrypt></xml>`,
    });
    expect(res.status).toBe(413);
    expect(await inboxCount()).toBe(0);
  });

  it('refuses invalid UTF-8 and a missing query', async () => {
    const { query } = sender.seal('<xml/>');
    const res = await fetch(`${url()}?${query}`, { method: 'POST', body: Buffer.from([0x3c, 0x78, 0xff, 0xfe]) });
    expect(res.status).toBe(400);
    expect((await fetch(url(), { method: 'POST', body: '<xml/>' })).status).toBe(400);
  });
});
