import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'village-entry-admin-token-0001';

/** 一村一码 through the fake WeCom: links per village, posters, the scan's scene pre-filling the village. */
describe('village codes (一村一码)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const waitFor = async <T>(fn: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  };
  const get = (path: string, token = ADMIN_TOKEN) =>
    fetch(`${svc.base}${path}`, { redirect: 'manual', headers: { cookie: `sw_console=${token}` } });
  const toVillager = (to: string) =>
    svc
      .fake!.state.sent.filter((s) => s.to === to && s.api.startsWith('kf/'))
      .map((s) => ({
        api: s.api,
        text: (s.body.text as { content: string }).content,
      }));
  const fakeCall = (path: string, body: unknown) =>
    fetch(`${svc.fake!.url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());

  let home: { id: string; head_name: string; village_id: string; village: string };
  let other: { id: string; name: string };

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    home = (
      await svc.db.query<typeof home>(
        `SELECT h.id, h.head_name, h.village_id, v.name AS village FROM households h JOIN villages v ON v.id = h.village_id
          WHERE h.village_id = 'T1V01'
            AND (SELECT count(*) FROM households x WHERE x.village_id = h.village_id AND x.head_name = h.head_name) = 1
            AND NOT EXISTS (SELECT 1 FROM members m JOIN households x ON x.id = m.household_id
                             WHERE x.village_id = h.village_id AND m.name = h.head_name AND x.id <> h.id)
          ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    other = (await svc.db.query<typeof other>(`SELECT id, name FROM villages WHERE id = 'T1V02'`)).rows[0]!;
    // A namesake in the next village: the name alone fits two households in the county.
    await svc.db.query(
      `INSERT INTO households (id, village_id, head_name, status) VALUES ('H9900001', $1, $2, 'lifted')`,
      [other.id, home.head_name],
    );
  });
  afterAll(() => svc.stop());

  it('makes each village one link with kf/add_contact_way and prints its poster (QR, name, three lines)', async () => {
    const list = await get('/console/village-codes');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(home.village);
    const poster = await get(`/console/village-codes/${home.village_id}/poster`);
    expect(poster.status).toBe(200);
    const page = await poster.text();
    expect(page).toContain('<svg');
    expect(page).toContain(home.village);
    expect(page.match(/<li>/g)).toHaveLength(3);
    await get(`/console/village-codes/${home.village_id}/poster`); // printed again: the same link
    const { rows } = await svc.db.query('SELECT village_id, scene FROM village_codes');
    expect(rows).toEqual([{ village_id: home.village_id, scene: `v${home.village_id}` }]);
  });

  it('shows a township only its own villages', async () => {
    const t2 = await createConsoleToken(svc.db, 'T2');
    expect(await (await get('/console/village-codes', t2)).text()).not.toContain(home.village);
    const refused = await get(`/console/village-codes/${home.village_id}/poster`, t2);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('您负责的范围里没有');
  });

  it('welcomes a villager who scanned the code within 20 seconds and matches them within that village', async () => {
    const { url } = (await svc.db.query<{ url: string }>('SELECT url FROM village_codes')).rows[0]!;
    const user = 'wm-scan-1';
    expect((await fakeCall('/fake/villager/scan', { external_userid: user, url })).status).toBe(200);
    const welcome = await waitFor(() => toVillager(user)[0]);
    expect(welcome).toEqual({ api: 'kf/send_msg_on_event', text: expect.stringContaining(home.village) });
    // Entering opened no reply window: nothing but the welcome went out.
    expect(toVillager(user)).toHaveLength(1);

    await svc.fake!.sender!.villagerSays(
      user,
      'wk-demo',
      `我叫${home.head_name}，我家的低保这三个月都没到账，电话13900000001`,
    );
    const receipt = await waitFor(() => toVillager(user)[1]);
    expect(receipt.text).toMatch(/编号 SW\d{10}/);
    expect(receipt.text).not.toContain('所在的村'); // the village came with the scan: not asked
    const { rows } = await svc.db.query('SELECT household_id, village_id FROM cases WHERE reporter = $1', [user]);
    expect(rows).toEqual([{ household_id: home.id, village_id: home.village_id }]);
  });

  it('refuses a link whose scene is not WeCom-shaped, and a welcome code used twice', async () => {
    const token = await svc.client.kfAddContactWay('wk-demo', 'not a scene!');
    expect(token.ok).toBe(false);
    const { url } = (await svc.db.query<{ url: string }>('SELECT url FROM village_codes')).rows[0]!;
    const event = svc.fake!.state.kf.enterSession('wm-scan-2', url)!;
    const code = String(event.event!.welcome_code);
    expect((await svc.client.kfSendMsgOnEvent(code, '您好')).ok).toBe(true);
    expect((await svc.client.kfSendMsgOnEvent(code, '您好')).ok).toBe(false);
  });
});
