import type Router from '@koa/router';
import { AppError } from '../src/http/app-error.js';
import { readJson } from '../src/http/read-json.js';
import { SimPressInput, SimResetInput, SimSayInput } from '../src/domain/simulator/sim-input.js';
import type { SimActed } from '../src/domain/use-cases/act-in-simulator.js';
import { whoOf, type SimulatorDeps } from './simulator-pages.js';

const acted = (r: SimActed) => {
  if (!r.ok) throw new AppError(r.status, 'sim_refused', r.message);
  return { ok: true };
};

/** The simulator's JSON API (simulator mode only): the chat and side panel, and what the person does. */
export function simulatorApiRoutes(router: Router, deps: SimulatorDeps): void {
  router.get('/sim/api/messages', async (ctx) => {
    const chat = await deps.chat(whoOf(ctx.query.as));
    if (!chat) throw new AppError(404, 'not_found', '演示县里没有这个人。');
    ctx.body = { messages: chat.messages, facts: chat.facts };
  });
  router.post('/sim/api/say', async (ctx) => {
    const { as, text } = await readJson(ctx.req, (d) => SimSayInput.safeParse(d));
    ctx.body = acted(await deps.act(whoOf(as), { kind: 'say', text }));
  });
  router.post('/sim/api/press', async (ctx) => {
    const { as, ...press } = await readJson(ctx.req, (d) => SimPressInput.safeParse(d));
    ctx.body = acted(await deps.act(whoOf(as), { kind: 'press', ...press }));
  });
  router.post('/sim/api/reset', async (ctx) => {
    const { as } = await readJson(ctx.req, (d) => SimResetInput.safeParse(d));
    ctx.body = acted(await deps.act(whoOf(as), { kind: 'reset' }));
  });
}
