import type Router from '@koa/router';
import { z } from 'zod';
import { html, page, raw } from '../src/web/html.js';
import { simChatScript } from '../src/web/sim-chat-script.js';
import { AppError } from '../src/http/app-error.js';
import { readRawBody } from '../src/http/read-body.js';
import type { Db } from '../src/store/db.js';
import type { VillageCode } from '../src/domain/use-cases/ensure-village-code.js';
import type { FakeWecomServer } from '../src/wecom/fake/fake-wecom-server.js';

export interface SimulatorDeps {
  db: Db;
  fake: FakeWecomServer;
  openKfid: string;
  /** A village's 微信客服 link (一村一码), made on first use, so a simulated villager can "scan" it. */
  villageCode(villageId: string): Promise<VillageCode>;
}

/** Who you chat as: a villager (微信客服, by household) or a cadre (WeCom app, by userid). */
const AsSchema = z
  .string()
  .regex(/^(villager:H\d{7}|cadre:[A-Za-z0-9_-]{1,64})$/, '身份格式为 villager:户号 或 cadre:账号');
const SayBody = z.object({ as: AsSchema, text: z.string().trim().min(1, '请输入内容').max(1000) });
const PressBody = z.object({
  as: AsSchema,
  taskId: z.string().regex(/^[A-Za-z0-9_@-]{1,128}$/),
  key: z.string().regex(/^[a-z_]{1,32}$/),
  label: z.string().max(20).optional(),
});

interface SimMessage {
  at: number;
  from: 'me' | 'bot';
  kind: 'text' | 'markdown' | 'card';
  text?: string;
  card?: Record<string, unknown>;
  pressed?: string;
}

const externalUserid = (householdId: string) => `wm-sim-${householdId}`;

async function body<T>(ctx: { req: import('node:http').IncomingMessage }, schema: z.ZodType<T>): Promise<T> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readRawBody(ctx.req, 16 * 1024));
  } catch {
    throw new AppError(400, 'bad_json', '请求体不是有效的 JSON');
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) throw new AppError(400, 'bad_input', parsed.error.issues.map((i) => i.message).join('；'));
  return parsed.data;
}

/**
 * The chat simulator (simulator mode only): chat as a villager or a cadre of the demo county. Messages
 * go to the app through the real signed callback path of the in-process fake WeCom; what the app sends
 * back is read from the fake, so this shows exactly what production would do.
 */
export function simulatorRoutes(router: Router, { db, fake, openKfid, villageCode }: SimulatorDeps): void {
  const sender = fake.sender!;
  const said = new Map<string, SimMessage[]>(); // what the simulated people typed or pressed, per identity
  const note = (as: string, m: SimMessage) => said.set(as, [...(said.get(as) ?? []), m]);

  function transcript(as: string): SimMessage[] {
    const [kind, id] = as.split(':') as ['villager' | 'cadre', string];
    const to = kind === 'villager' ? externalUserid(id) : id;
    const mine = said.get(as) ?? [];
    const out: SimMessage[] = [...mine];
    for (const s of fake.state.sent.filter((m) => m.to === to)) {
      // biome-ignore lint/suspicious/noExplicitAny: the fake's request bodies, as WeCom's API takes them.
      const b = s.body as Record<string, any>;
      if (s.api === 'kf/send_msg' || s.api === 'kf/send_msg_on_event')
        out.push({ at: s.at, from: 'bot', kind: 'text', text: b.text?.content });
      else if (s.api === 'message/send' && b.msgtype === 'template_card')
        out.push({ at: s.at, from: 'bot', kind: 'card', card: b.template_card });
      else if (s.api === 'message/send')
        out.push({
          at: s.at,
          from: 'bot',
          kind: b.msgtype === 'markdown' ? 'markdown' : 'text',
          text: (b.markdown ?? b.text)?.content,
        });
      else if (s.api === 'update_template_card') {
        // An update answers the press before it: redraw that card, or grey its buttons with the new name.
        const press = [...mine].reverse().find((m) => m.pressed && m.at <= s.at);
        const card = [...out].reverse().find((m) => m.kind === 'card' && m.card?.task_id === press?.pressed);
        if (card)
          card.card = b.template_card ?? {
            ...card.card,
            button_list: [{ key: 'done', text: b.button?.replace_name, style: 4 }],
          };
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  router.get('/sim', async (ctx) => {
    const villagers = (
      await db.query<{
        id: string;
        head: string;
        village: string;
        phone: string | null;
        helper: string;
        helper_name: string;
      }>(
        `SELECT h.id, h.head_name AS head, v.name AS village, h.phone, l.cadre_userid AS helper, k.name AS helper_name
         FROM households h JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
         JOIN cadres k ON k.userid = l.cadre_userid WHERE h.status <> 'ordinary' AND h.phone IS NOT NULL ORDER BY h.id LIMIT 12`,
      )
    ).rows;
    const cadres = (
      await db.query<{ userid: string; name: string; role: string }>(
        `SELECT userid, name, role FROM cadres WHERE active AND (role <> 'helper' OR userid = ANY($1::text[])) ORDER BY role DESC, userid LIMIT 30`,
        [villagers.map((v) => v.helper)],
      )
    ).rows;
    const ROLE: Record<string, string> = {
      helper: '帮扶责任人',
      village: '包村干部',
      township: '包片领导',
      county: '县乡村振兴局',
    };
    ctx.type = 'html';
    ctx.body = page(
      '模拟器',
      html`<h1>聊天模拟器</h1><p class="muted">以演示县的村民或干部身份聊天；消息经由内置的模拟企业微信走真实的回调路径。</p>
<h2>村民（微信客服）</h2><table id="villagers"><tbody>${villagers.map((v) => html`<tr><td><a href="/sim/chat?as=villager:${v.id}">${v.head}</a></td><td>${v.village}</td><td class="muted">户号 ${v.id}，电话 ${v.phone}，帮扶人 ${v.helper_name}</td></tr>`)}</tbody></table>
<h2>干部（企业微信应用）</h2><table id="cadres"><tbody>${cadres.map((c) => html`<tr><td><a href="/sim/chat?as=cadre:${c.userid}">${c.name}</a></td><td>${ROLE[c.role] ?? c.role}</td><td class="muted">${c.userid}</td></tr>`)}</tbody></table>`,
    );
  });

  router.get('/sim/chat', async (ctx) => {
    const as = AsSchema.safeParse(ctx.query.as);
    if (!as.success) throw new AppError(400, 'bad_input', as.error.issues[0]!.message);
    const [kind, id] = as.data.split(':') as [string, string];
    const who =
      kind === 'villager'
        ? (
            await db.query<{ name: string }>(
              `SELECT head_name || '（' || v.name || '，村民）' AS name FROM households h JOIN villages v ON v.id = h.village_id WHERE h.id = $1`,
              [id],
            )
          ).rows[0]
        : (await db.query<{ name: string }>(`SELECT name || '（干部）' AS name FROM cadres WHERE userid = $1`, [id]))
            .rows[0];
    if (!who) throw new AppError(404, 'not_found', `演示县里没有 ${id}`);
    ctx.type = 'html';
    ctx.body = page(
      '模拟器',
      html`<h1>以 ${who.name} 身份聊天 <a href="/sim" style="font-size:13px">换人</a></h1>
<div id="chat" class="card" style="min-height:300px;max-width:640px" data-as="${as.data}"></div>
${kind === 'villager' ? html`<form method="post" action="/sim/scan?as=${as.data}" style="margin-bottom:8px"><button type="submit">扫本村的二维码（一村一码）</button></form>` : ''}
<form id="say" style="display:flex;gap:8px;max-width:640px"><input id="text" style="flex:1" placeholder="${kind === 'villager' ? '例：我家房子漏雨，墙也裂了' : '例：我的任务'}" autocomplete="off"><button>发送</button></form>
<script>${raw(simChatScript)}</script>`,
    );
  });

  router.get('/sim/api/messages', (ctx) => {
    const as = AsSchema.safeParse(ctx.query.as);
    if (!as.success) throw new AppError(400, 'bad_input', as.error.issues[0]!.message);
    ctx.body = { messages: transcript(as.data) };
  });

  router.post('/sim/api/say', async (ctx) => {
    const { as, text } = await body(ctx, SayBody);
    const [kind, id] = as.split(':') as [string, string];
    note(as, { at: fake.state.now(), from: 'me', kind: 'text', text });
    const res =
      kind === 'villager' ? await sender.villagerSays(externalUserid(id), openKfid, text) : await sender.text(id, text);
    ctx.body = { ok: res.status === 200, status: res.status };
  });

  // "Scanning" the poster of the villager's own village: the fake WeCom puts an enter_session event in sync_msg.
  router.post('/sim/scan', async (ctx) => {
    const as = AsSchema.safeParse(ctx.query.as);
    if (!as.success || !as.data.startsWith('villager:')) throw new AppError(400, 'bad_input', '只有村民可以扫码');
    const id = as.data.slice('villager:'.length);
    const { rows } = await db.query<{ village_id: string }>('SELECT village_id FROM households WHERE id = $1', [id]);
    if (!rows[0]) throw new AppError(404, 'not_found', `演示县里没有 ${id}`);
    const code = await villageCode(rows[0].village_id);
    if (!code.ok) throw new AppError(409, 'no_code', code.message);
    note(as.data, { at: fake.state.now(), from: 'me', kind: 'text', text: `〔扫描${code.village.name}的二维码〕` });
    await sender.villagerScans(externalUserid(id), code.url);
    ctx.redirect(`/sim/chat?as=${encodeURIComponent(as.data)}`);
  });

  router.post('/sim/api/press', async (ctx) => {
    const { as, taskId, key, label } = await body(ctx, PressBody);
    const [kind, id] = as.split(':') as [string, string];
    if (kind !== 'cadre') throw new AppError(400, 'bad_input', '只有干部的任务卡片有按钮');
    note(as, { at: fake.state.now(), from: 'me', kind: 'text', text: `〔按下「${label ?? key}」〕`, pressed: taskId });
    const res = await sender.press(id, taskId, key);
    ctx.body = { ok: res.status === 200, status: res.status };
  });
}
