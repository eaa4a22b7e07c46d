import type { Config } from '../config.js';
import { consoleLoginGuard } from './login-guard.js';
import type { Logger } from '../logger.js';
import { fixedWindowCounter } from '../queue/fixed-window.js';
import { writeAudit } from '../store/audit-store.js';
import { hashKey } from '../store/key-hash.js';
import type { Infra } from './infra.js';

/**
 * Console sign-in lockout and the alerts API's per-key limit. The counts live in Redis, so every web
 * process counts together, on the fail-fast producer connection: during an outage sign-in is refused
 * (the safe side) and department uploads go through (they are stored first; nothing to protect there).
 */
export function abuseLimits({ db, producer }: Infra, config: Config, logger: Logger) {
  const counter = fixedWindowCounter(producer, config.QUEUE_PREFIX);
  const loginGuard = consoleLoginGuard(counter, (entry) => writeAudit(db, entry), {
    maxFailures: config.LOGIN_MAX_FAILURES,
    maxFailuresPerPrefix: config.LOGIN_MAX_FAILURES_PER_PREFIX,
    lockoutMs: config.LOGIN_LOCKOUT_S * 1000,
  });
  const alertsRateLimit = async (key: string) => {
    if (config.ALERTS_RATE_PER_MIN === 0) return { ok: true } as const;
    const w = await counter.hit(`alerts:${hashKey(key)}`, 60_000).catch((err: Error) => {
      logger.warn({ err: err.message }, 'alerts rate limit not checked (Redis)');
      return { count: 0, resetMs: 0 };
    });
    return w.count <= config.ALERTS_RATE_PER_MIN
      ? ({ ok: true } as const)
      : ({ ok: false, retryAfterS: Math.max(1, Math.ceil(w.resetMs / 1000)) } as const);
  };
  return { loginGuard, alertsRateLimit };
}
