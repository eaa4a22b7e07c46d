import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type { ConsoleViewer } from '../domain/ports/console.js';
import type { ConsoleTokens } from '../domain/ports/console-tokens.js';

/** A signed-in console user: county staff (townshipId null) or one township's staff. */
export type Viewer = ConsoleViewer;

export const CONSOLE_COOKIE = 'sw_console';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Who a token (or the request's cookie) belongs to: ADMIN_TOKEN is the county, others are township tokens. */
export function consoleViewers(tokens: Pick<ConsoleTokens, 'ofToken'>, adminToken?: string) {
  const byToken = async (token: string): Promise<Viewer | null> => {
    if (!token) return null;
    if (adminToken && same(token, adminToken)) return { townshipId: null, label: '县级（全部乡镇）' };
    const t = await tokens.ofToken(token);
    return t ? { townshipId: t.id, label: t.name } : null;
  };
  return { byToken, ofRequest: (ctx: Context) => byToken(ctx.cookies.get(CONSOLE_COOKIE) ?? '') };
}

export type ConsoleViewers = ReturnType<typeof consoleViewers>;
