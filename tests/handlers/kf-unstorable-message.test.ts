import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../helpers/test-service.js';

const until = async (what: string, ok: () => Promise<boolean> | boolean, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** 微信客服 messages are pulled with a cursor: one that cannot be stored must not stop the account for good. */
describe('a 微信客服 message Postgres cannot store as it came', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const stored = async (user: string) =>
    (
      await svc.db.query<{ content: string; original: Record<string, string> | null }>(
        `SELECT payload->'text'->>'content' AS content, payload->'original' AS original FROM inbox
          WHERE source = 'kf' AND payload->>'external_userid' = $1 ORDER BY id`,
        [user],
      )
    ).rows;
  const cursor = async () =>
    (await svc.db.query<{ value: string }>(`SELECT value FROM kv WHERE key = 'kf_cursor:wk-demo'`)).rows[0]?.value;

  beforeAll(async () => {
    svc = await startTestService({ ENQUEUE_TIMEOUT_MS: '5000' });
  });
  afterAll(() => svc.stop());

  it('is stored with its text made storable (original kept), and the messages after it are stored too', async () => {
    const say = (content: string) => svc.fake!.sender!.villagerSays('wm-nul', 'wk-demo', content);
    expect((await say('家里房子\u0000漏雨')).status).toBe(200);
    expect((await say('我叫张三')).status).toBe(200);
    await until('both messages stored', async () => (await stored('wm-nul')).length === 2);
    const rows = await stored('wm-nul');
    expect(rows.map((r) => r.content)).toEqual(['家里房子\uFFFD漏雨', '我叫张三']);
    expect(JSON.parse(rows[0]!.original!['text.content']!)).toBe('家里房子\u0000漏雨');
    expect(rows[1]!.original).toBeNull();
  });

  it('becomes a dead letter with its reason when it still cannot be stored, and the cursor moves on', async () => {
    const fake = svc.fake!;
    const now = Math.floor(Date.now() / 1000);
    // A msgid too long for the inbox's unique index: the INSERT fails whatever the text.
    fake.state.kfInbound.push({
      msgid: randomBytes(4000).toString('hex'),
      open_kfid: 'wk-demo',
      external_userid: 'wm-dead',
      send_time: now,
      origin: 3,
      msgtype: 'text',
      text: { content: '第一条' },
    });
    expect((await fake.sender!.villagerSays('wm-dead', 'wk-demo', '第二条')).status).toBe(200);
    await until('the second message stored', async () => (await stored('wm-dead')).length === 1);
    expect((await stored('wm-dead')).map((r) => r.content)).toEqual(['第二条']);
    const dead = await svc.db.query<{ source: string; reason: string; raw: string }>(
      `SELECT source, reason, raw FROM dead_letters`,
    );
    expect(dead.rows).toHaveLength(1);
    expect(dead.rows[0]!.source).toBe('kf');
    expect(dead.rows[0]!.reason).toMatch(/index row size|exceeds/);
    expect(JSON.parse(dead.rows[0]!.raw)).toMatchObject({ external_userid: 'wm-dead', text: { content: '第一条' } });
    await until('the cursor past both', async () => (await cursor()) === fake.state.kfInbound.length.toString(36));

    expect((await fake.sender!.villagerSays('wm-dead', 'wk-demo', '第三条')).status).toBe(200);
    await until('the third message stored', async () => (await stored('wm-dead')).length === 2);
  });
});
