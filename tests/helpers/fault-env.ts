import { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';

/** A made-up WeCom corp for one test file: ids and keys of its own. */
export interface FakeCorp {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
}

/** The corp `ww-<tag>` with secret and token named after it and an AES key of one repeated character. */
export const fakeCorp = (tag: string, keyChar: string): FakeCorp => ({
  corpId: `ww-${tag}`,
  agentId: 1000002,
  secret: `${tag}-secret`,
  token: `${tag}-token`,
  aesKey: keyChar.repeat(43),
});

/** The fake WeCom for the corp, on a port of its own; `connectApp` later tells it where callbacks go. */
export function startFakeWecom(corp: FakeCorp): Promise<FakeWecomServer> {
  const { corpId, agentId, secret, token, aesKey } = corp;
  return new FakeWecomServer({ corpId, agentId, secret, callback: { token, aesKey, corpId, url: '' } }).start();
}

/**
 * The environment of the service's processes in a fault test: quiet, nothing seeded, no periodic sweep or
 * bulletin, any port, and WeCom is the fake. `extra` adds or overrides settings (reconciler timing, retry
 * budget, batching).
 */
export function faultEnv(
  o: { databaseUrl: string; redisUrl: string; prefix: string; fake: FakeWecomServer; corp: FakeCorp },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: o.prefix,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'off',
    SWEEP_EVERY_MS: '0',
    BULLETIN_CRON: '',
    ROUNDS_CRON: '',
    WECOM_API_BASE: o.fake.url,
    WECOM_CORP_ID: o.corp.corpId,
    WECOM_AGENT_ID: String(o.corp.agentId),
    WECOM_SECRET: o.corp.secret,
    WECOM_TOKEN: o.corp.token,
    WECOM_AES_KEY: o.corp.aesKey,
    PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}
