import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import { PrivateRedis, testPrefix } from '../helpers/test-redis.js';

/** The whole service (web + workers) on PGlite in memory and a private Redis we can kill. */
describe('health and readiness', () => {
  const redis = new PrivateRedis(16_400 + Math.floor(Math.random() * 1000));
  let service: Service;
  let base: string;

  beforeAll(async () => {
    await redis.start();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: testPrefix(),
      SEED_DEMO: 'auto',
      LOG_LEVEL: 'silent',
    });
    service = await startService(config, { logger: createLogger('silent') });
    base = `http://127.0.0.1:${service.port}`;
  });
  afterAll(async () => {
    await service?.stop();
    await redis.kill();
  });

  const ready = async () => {
    const res = await fetch(`${base}/readyz`);
    return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
  };

  it('serves /healthz and /readyz with the demo county loaded', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await ready()).toEqual({ status: 200, body: { ok: true, checks: { db: 'ok', redis: 'ok', queues: 'ok' } } });
    const { rows } = await service.db.query<{ n: number }>('SELECT count(*)::int n FROM households');
    expect(rows[0]!.n).toBe(2000);
  });

  it('fails /readyz while Redis is down and recovers when it is back, without crashing', async () => {
    await redis.kill();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.checks.redis).not.toBe('ok');
    expect(down.body.checks.db).toBe('ok');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await redis.start();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await ready()).status;
    }
    expect(status).toBe(200);
  });

  it('answers unknown routes with 404', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
