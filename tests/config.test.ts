import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const WECOM = {
  WECOM_CORP_ID: 'ww1',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's',
  WECOM_TOKEN: 't',
  WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('config', () => {
  it('has working defaults and simulator mode without WeCom settings', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TZ_NAME: 'Asia/Shanghai',
      simulator: true,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the job retry budget, 8 attempts from 1 s by default', () => {
    expect(loadConfig({})).toMatchObject({ JOB_ATTEMPTS: 8, JOB_BACKOFF_MS: 1000 });
    expect(loadConfig({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '50' })).toMatchObject({
      JOB_ATTEMPTS: 3,
      JOB_BACKOFF_MS: 50,
    });
    expect(() => loadConfig({ JOB_ATTEMPTS: '0' })).toThrow('JOB_ATTEMPTS');
  });

  it('runs 5 intake and notify jobs at once a worker by default, and refuses a concurrency below 1', () => {
    expect(loadConfig({}).WORKER_CONCURRENCY).toBe(5);
    expect(loadConfig({ WORKER_CONCURRENCY: '4' }).WORKER_CONCURRENCY).toBe(4);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrow('WORKER_CONCURRENCY');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', WECOM_CORP_ID: ' ' }).simulator).toBe(true);
  });

  it('leaves simulator mode when all WeCom settings are given', () => {
    expect(loadConfig(WECOM)).toMatchObject({ simulator: false, WECOM_AGENT_ID: 1000002 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ ...WECOM, WECOM_AES_KEY: 'short' }, 'WECOM_AES_KEY'],
    [{ ...WECOM, WECOM_AGENT_ID: 'x1' }, 'WECOM_AGENT_ID'],
    [{ WECOM_CORP_ID: 'ww1' }, 'WECOM_SECRET'],
  ])('names the bad variable: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
