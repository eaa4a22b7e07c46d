import type { AuditEntry } from '../domain/audit-entry.js';
import type { FixedWindowCounter } from '../queue/fixed-window.js';

/** How many wrong tokens are allowed, and for how long sign-in is then refused. */
export interface LoginGuardOptions {
  /** Per address (the client's IP as the proxy reports it). */
  maxFailures: number;
  /** Per token prefix, from any address: guesses spread over many addresses at one token. */
  maxFailuresPerPrefix: number;
  lockoutMs: number;
}

export type LoginVerdict = { ok: true } | { ok: false; retryAfterS: number };

/** The first characters of a token: enough to group guesses at one token, too few to help guess it. */
export const tokenPrefix = (token: string) => token.slice(0, 8);

/**
 * Console sign-in limits: after `maxFailures` wrong tokens from one address, or `maxFailuresPerPrefix` at
 * one token prefix, sign-in is refused (even with the right token) until the window ends. Every failure
 * and refusal is audited, with the address and at most 4 characters of what was typed.
 */
export function consoleLoginGuard(
  counter: FixedWindowCounter,
  audit: (entry: Omit<AuditEntry, 'at'>) => Promise<void>,
  { maxFailures, maxFailuresPerPrefix, lockoutMs }: LoginGuardOptions,
) {
  const keys = (address: string, token: string) => [`login:addr:${address}`, `login:prefix:${tokenPrefix(token)}`];
  const entry = (action: string, address: string, token: string, note: string) => ({
    actor: `address:${address}`,
    action,
    entity: 'console',
    entityId: 'login',
    note: `${note}；令牌开头 ${token.slice(0, 4)}…`,
  });
  return {
    /** Whether this address and token prefix may try now. */
    async check(address: string, token: string): Promise<LoginVerdict> {
      const [byAddress, byPrefix] = await Promise.all(keys(address, token).map((k) => counter.peek(k)));
      const locked = [
        byAddress!.count >= maxFailures ? byAddress! : null,
        byPrefix!.count >= maxFailuresPerPrefix ? byPrefix! : null,
      ].filter((w) => w !== null);
      if (!locked.length) return { ok: true };
      const retryAfterS = Math.ceil(Math.max(...locked.map((w) => w.resetMs)) / 1000) || 1;
      await audit(entry('console-login-locked', address, token, `已锁定，${retryAfterS} 秒后可再试`));
      return { ok: false, retryAfterS };
    },
    async failed(address: string, token: string): Promise<void> {
      await Promise.all(keys(address, token).map((k) => counter.hit(k, lockoutMs)));
      await audit(entry('console-login-failed', address, token, '令牌无效'));
    },
    async succeeded(address: string, token: string, who: string): Promise<void> {
      await counter.clear(keys(address, token)[0]!);
      await audit({ ...entry('console-login', address, token, who), note: who });
    },
  };
}

export type LoginGuard = ReturnType<typeof consoleLoginGuard>;
