import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startService, type Role, type Service } from '../src/main.js';
import { openMigratedPglite } from './pglite-template.js';
import { dropPrefix, REDIS_URL, testPrefix } from './test-redis.js';

/** The whole service in simulator mode (in-process fake WeCom) on in-memory PGlite and a prefix of its own. */
export async function startTestService(
  env: Record<string, string> = {},
  role: Role = 'all',
  logger = createLogger('silent'),
): Promise<Service & { base: string }> {
  const prefix = testPrefix();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'off',
    // A demo county's invented year of cases would get in the way of tests that make their own.
    DEMO_HISTORY: 'off',
    SWEEP_EVERY_MS: '0',
    BULLETIN_CRON: '',
    ROUNDS_CRON: '',
    RECONCILE_EVERY_MS: '0',
    ...env,
  });
  // The in-memory database starts from a dump (initdb, migrations and the demo county are seconds of
  // CPU per start); a database the test chose is opened as usual. The demo county is the one openInfra
  // would seed (it seeds nothing into a store with households); with its history it is left to openInfra.
  const demo = config.SEED_DEMO === 'auto' && config.DEMO_HISTORY === 'off' && role !== 'worker';
  const db =
    config.DATABASE_URL || config.DATA_DIR !== 'memory://'
      ? undefined
      : await openMigratedPglite(demo ? 'demo' : 'empty');
  const service = await startService(config, { role, logger, db });
  return {
    ...service,
    base: `http://127.0.0.1:${service.port}`,
    async stop() {
      await service.stop();
      await dropPrefix(prefix);
    },
  };
}
