import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startTestService } from '../helpers/test-service.js';

type Svc = Awaited<ReturnType<typeof startTestService>>;
interface Msg {
  from: 'me' | 'bot';
  kind: string;
  text?: string;
  card?: { task_id: string; button_list?: Array<{ key: string; text: string }> };
}

/**
 * The simulator on an embedded data directory, stopped and started again: the in-process fake WeCom
 * takes back its messages from the store, so the app's stored kf cursor and the fake's list still agree
 * (before, the fake counted from 0 again and the villagers' next messages were skipped), and every chat's
 * history, card and village link is still there.
 */
describe('the simulator across a restart', () => {
  let dir: string;
  let svc: Svc | undefined;
  const start = () =>
    startTestService(
      { DATA_DIR: dir, SEED_DEMO: 'auto', VILLAGER_UPDATE_DELAY_MS: '0' },
      'all',
      createLogger((process.env.LOG_LEVEL as 'error') ?? 'silent'),
    );
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${svc!.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text() };
  };
  const chat = async (as: string): Promise<{ messages: Msg[]; facts: Array<{ key: string; value: string }> }> =>
    (await fetch(`${svc!.base}/sim/api/messages?as=${as}`)).json() as never;
  const until = async <T>(what: string, fn: () => Promise<T | undefined | false>): Promise<T> => {
    for (let i = 0; i < 400; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  /** Says `text` and waits for the app's next answer in the chat. */
  const say = async (as: string, text: string): Promise<string> => {
    const before = (await chat(as)).messages.filter((m) => m.from === 'bot').length;
    const said = await post('/sim/api/say', { as, text });
    expect(said.status, said.body).toBe(200);
    const bot = await until(`an answer to "${text}"`, async () => {
      const b = (await chat(as)).messages.filter((m) => m.from === 'bot');
      return b.length > before && b;
    });
    return bot.at(-1)!.text ?? '';
  };
  let households: Array<{ id: string; head: string; village: string; phone: string; helper: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-sim-restart-'));
    svc = await start();
    households = (
      await svc.db.query<{ id: string; head: string; village: string; phone: string; helper: string }>(
        `SELECT h.id, h.head_name AS head, v.name AS village, h.phone, l.cadre_userid AS helper
           FROM households h JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
          WHERE h.status = 'lifted' AND h.phone IS NOT NULL
            AND (SELECT count(*) FROM households h2 WHERE h2.village_id = h.village_id AND h2.head_name = h.head_name) = 1
          ORDER BY h.id LIMIT 3`,
      )
    ).rows;
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no villager message, chat, card or village link after a restart', async () => {
    const [a, b, c] = households as [(typeof households)[0], (typeof households)[0], (typeof households)[0]];
    const asA = `villager:${a.id}`;
    expect(await say(asA, '我家房子漏雨，墙也裂了，住着不安全')).toContain('姓名和所在的村');
    expect(await say(asA, `我叫${a.head}，${a.village}`)).toContain('手机号码');
    const receipt = await say(asA, `电话${a.phone}`);
    const number = /编号 (SW\d{10})/.exec(receipt)?.[1];
    expect(number).toBeDefined();
    expect((await post(`/sim/scan?as=villager:${c.id}`, {})).status).toBe(302);
    await until(
      'the welcome of the scanned village',
      async () => (await chat(`villager:${c.id}`)).messages.length >= 2,
    );
    const cadre = `cadre:${a.helper}`;
    const card = await until('the task card', async () =>
      (await chat(cadre)).messages.find((m) => m.kind === 'card' && JSON.stringify(m.card).includes(number!)),
    );
    const before = await chat(asA);

    await svc!.stop();
    svc = await start();

    // The same chats, in the same order, with what the dialog understood.
    expect((await chat(asA)).messages).toEqual(before.messages);
    expect((await chat(asA)).facts.find((f) => f.key === 'case')?.value).toContain(number!);
    // Another villager's first messages after the restart are answered (the fake's list and the cursor agree).
    const asB = `villager:${b.id}`;
    expect(await say(asB, '家里老人住院了，花了好几万，日子过不下去')).toMatch(/姓名和所在的村|手机号码/);
    expect(await say(asB, `我叫${b.head}，${b.village}`)).toMatch(/手机号码|编号 SW/);
    // The first villager is answered too: a follow-up on the case they opened before the restart.
    expect(await say(asA, '请问我反映的事情现在怎么样了')).toContain(number!);
    // The card sent before the restart still works: 签收 redraws it for the next step.
    const ack = card.card!.button_list!.find((x) => x.text.includes('签收'))!;
    expect(
      (await post('/sim/api/press', { as: cadre, taskId: card.card!.task_id, key: ack.key, label: ack.text })).status,
    ).toBe(200);
    await until('the card redrawn', async () =>
      (await chat(cadre)).messages.some(
        (m) => m.card?.task_id === card.card!.task_id && JSON.stringify(m.card).includes('已入户核实'),
      ),
    );
    // The village link made before the restart (printed on posters) still opens a session.
    const asC = `villager:${c.id}`;
    const seen = (await chat(asC)).messages.length;
    expect((await post(`/sim/scan?as=${asC}`, {})).status).toBe(302);
    await until('the welcome after the restart', async () => (await chat(asC)).messages.length >= seen + 2);
  }, 120_000);
});
