import type Router from '@koa/router';
import { AppError } from '../src/http/app-error.js';
import { parseSimIdentity, type SimIdentity } from '../src/domain/simulator/sim-identity.js';
import type { SimAction, SimActed } from '../src/domain/use-cases/act-in-simulator.js';
import type { SimPeople } from '../src/domain/use-cases/list-sim-people.js';
import type { SimChat } from '../src/domain/use-cases/read-sim-chat.js';
import { simChatPage, simPickerPage } from '../src/web/sim-pages.js';

/** The simulator's use-cases (listSimPeople, readSimChat, actInSimulator), given their ports. */
export interface SimulatorDeps {
  people(): Promise<SimPeople>;
  chat(who: SimIdentity): Promise<SimChat | null>;
  act(who: SimIdentity, action: SimAction): Promise<SimActed>;
}

/** `?as=` or a body's `as`: whom the simulator speaks as. */
export function whoOf(as: unknown): SimIdentity {
  const who = typeof as === 'string' ? parseSimIdentity(as) : null;
  if (!who) throw new AppError(400, 'bad_input', '身份格式为 villager:户号 或 cadre:账号');
  return who;
}

/** The simulator's pages (simulator mode only): whom to chat as, a chat, and scanning the village's code. */
export function simulatorPageRoutes(router: Router, deps: SimulatorDeps): void {
  router.get('/sim', async (ctx) => {
    ctx.type = 'html';
    ctx.body = simPickerPage(await deps.people());
  });
  router.get('/sim/chat', async (ctx) => {
    const chat = await deps.chat(whoOf(ctx.query.as));
    if (!chat) throw new AppError(404, 'not_found', `演示县里没有 ${String(ctx.query.as)}。`);
    ctx.type = 'html';
    ctx.body = simChatPage(chat, String(ctx.query.as));
  });
  router.post('/sim/scan', async (ctx) => {
    const done = await deps.act(whoOf(ctx.query.as), { kind: 'scan' });
    if (!done.ok) throw new AppError(done.status, 'sim_refused', done.message);
    ctx.redirect(`/sim/chat?as=${encodeURIComponent(String(ctx.query.as))}`);
  });
}
