import { describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/wecom/callback-codec.js';
import { decryptMessage, sealMessage, verifySignature } from '../../src/wecom/callback-crypto.js';
import { parseWecomXml } from '../../src/wecom/xml.js';

// The official sample from WeCom's callback documentation (see shared/WECOM.md §1).
const keys = { token: 'QDG6eK', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const GET = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: decodeURIComponent(
    'P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
  ),
};
const POST_Q = {
  msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
};
const POST_ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
const POST_BODY = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${POST_ENCRYPT}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
const at = (ts: string) => ({ keys, windowSeconds: 300, now: () => new Date(Number(ts) * 1000 + 5000) });

describe('callback codec with the official sample', () => {
  it('verifies the GET sample and returns the decrypted echostr', () => {
    expect(verifySignature(keys, GET, GET.echostr)).toBe(true);
    expect(decodeCallback(at(GET.timestamp), GET, GET.echostr, { raw: true })).toEqual({
      ok: true,
      plaintext: '1616140317555161061',
    });
  });

  it('verifies and decrypts the POST sample into a typed text message with a string MsgId', () => {
    const out = decodeCallback(at(POST_Q.timestamp), POST_Q, POST_BODY);
    expect(out).toEqual({
      ok: true,
      message: {
        type: 'text',
        ToUserName: 'wx5823bf96d3bd56c7',
        FromUserName: 'mycreate',
        CreateTime: '1409659813',
        MsgType: 'text',
        Content: 'hello',
        MsgId: '4561255354251345929',
        AgentID: '218',
      },
    });
  });

  it('refuses a wrong signature, a stale timestamp and another corp id', () => {
    expect(decodeCallback(at(POST_Q.timestamp), { ...POST_Q, msg_signature: '0'.repeat(40) }, POST_BODY)).toMatchObject(
      { ok: false, status: 401, code: 'bad_signature' },
    );
    expect(decodeCallback({ ...at(POST_Q.timestamp), now: () => new Date() }, POST_Q, POST_BODY)).toMatchObject({
      ok: false,
      status: 401,
      code: 'stale_timestamp',
    });
    expect(decryptMessage({ ...keys, corpId: 'ww-other' }, POST_ENCRYPT)).toEqual({
      ok: false,
      reason: 'wrong_receiver',
    });
    expect(
      decodeCallback({ ...at(POST_Q.timestamp), keys: { ...keys, corpId: 'ww-other' } }, POST_Q, POST_BODY),
    ).toMatchObject({ status: 401, code: 'wrong_receiver' });
  });

  it('round-trips what sealMessage builds', () => {
    const plain =
      '<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName><FromUserName>u1</FromUserName><CreateTime>1409659813</CreateTime><MsgType>image</MsgType><MediaId>m1</MediaId><MsgId>0012</MsgId></xml>';
    const s = sealMessage(keys, plain, POST_Q.timestamp);
    const body = `<xml><Encrypt><![CDATA[${s.encrypted}]]></Encrypt></xml>`;
    expect(decodeCallback(at(POST_Q.timestamp), s, body)).toMatchObject({
      ok: true,
      message: { type: 'image', MediaId: 'm1', MsgId: '0012' },
    });
  });

  it('acknowledges unknown message types as unknown instead of failing', () => {
    const plain =
      '<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName><FromUserName>u1</FromUserName><CreateTime>1409659813</CreateTime><MsgType>event</MsgType><Event>change_contact</Event></xml>';
    const s = sealMessage(keys, plain, POST_Q.timestamp);
    expect(decodeCallback(at(POST_Q.timestamp), s, `<xml><Encrypt>${s.encrypted}</Encrypt></xml>`)).toMatchObject({
      ok: true,
      message: { type: 'unknown', MsgType: 'event', Event: 'change_contact' },
    });
  });
});

describe('XML safety', () => {
  it('refuses entity expansion (billion laughs) and external entities without expanding them', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>`;
    expect(parseWecomXml(bomb)).toEqual({ ok: false, reason: 'DOCTYPE/ENTITY not allowed' });
    expect(parseWecomXml(xxe)).toEqual({ ok: false, reason: 'DOCTYPE/ENTITY not allowed' });
  });

  it('reports malformed XML and a missing root', () => {
    expect(parseWecomXml('<xml><a>1</b></xml>')).toMatchObject({ ok: false });
    expect(parseWecomXml('<other>1</other>')).toEqual({ ok: false, reason: 'no <xml> root' });
  });
});
