import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'abuse-limits-admin-token-000001';
const METRICS_TOKEN = 'abuse-limits-metrics-token-0001';

/** Guessing, cross-site forms, scraping and flooding: each is bounded, refused in Chinese, and audited where it matters. */
describe('abuse limits', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let townshipToken = '';
  const login = (token: string, address: string, origin = svc.base) =>
    fetch(`${svc.base}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      body: `token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address, origin },
    });
  const audits = async (action: string) =>
    (await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

  beforeAll(async () => {
    svc = await startTestService({
      SEED_DEMO: 'auto',
      ADMIN_TOKEN,
      METRICS_TOKEN,
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_PER_PREFIX: '5',
      LOGIN_LOCKOUT_S: '600',
      ALERTS_RATE_PER_MIN: '3',
    });
    townshipToken = await createConsoleToken(svc.db, 'T1');
  });
  afterAll(() => svc.stop());

  it('refuses an ADMIN_TOKEN shorter than 24 characters, naming it', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-admin-token' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-admin-token' })).toThrow(/ADMIN_TOKEN: .*24/);
    expect(loadConfig({ ADMIN_TOKEN: 'x'.repeat(24) }).ADMIN_TOKEN).toBe('x'.repeat(24));
  });

  it('locks an address out after repeated wrong tokens, even for the right one, and audits it', async () => {
    for (let i = 0; i < 3; i++) expect((await login(`wrong-${i}`, '203.0.113.7')).status).toBe(401);
    const locked = await login(ADMIN_TOKEN, '203.0.113.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await locked.text()).toMatch(/登录失败次数过多.*请.*分钟后再试/);
    expect((await login(ADMIN_TOKEN, '203.0.113.8')).status).toBe(302); // another address is not locked out
    expect(await audits('console-login-failed')).toBe(3);
    expect(await audits('console-login-locked')).toBeGreaterThanOrEqual(1);
    expect(await audits('console-login')).toBe(1);
  });

  it('locks a token prefix out when guesses at it come from many addresses', async () => {
    const prefix = townshipToken.slice(0, 8);
    for (let i = 0; i < 5; i++) expect((await login(`${prefix}guess${i}`, `198.51.100.${i + 1}`)).status).toBe(401);
    expect((await login(townshipToken, '198.51.100.99')).status).toBe(429);
    expect((await login(ADMIN_TOKEN, '198.51.100.98')).status).toBe(302); // other tokens are not affected
  });

  it('refuses a state-changing console form from another site, or with no Origin or Referer', async () => {
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${svc.base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: 'kind=households',
        headers: {
          cookie: `sw_console=${ADMIN_TOKEN}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
      });
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/p' },
      {},
    ];
    for (const headers of foreign) {
      const res = await post('/console/logout', headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('从控制台页面提交');
    }
    expect((await login(ADMIN_TOKEN, '192.0.2.1', 'https://evil.example')).status).toBe(403);
    expect((await post('/console/logout', { referer: `${svc.base}/console/cases` })).status).toBe(302);
    expect((await post('/console/logout', { origin: svc.base })).status).toBe(302);
  });

  it('serves /metrics on the web port only with METRICS_TOKEN', async () => {
    expect((await fetch(`${svc.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${svc.base}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await fetch(`${svc.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('shouwang_http_requests_total');
  });

  it('limits each department key to ALERTS_RATE_PER_MIN requests a minute: 429 with Retry-After', async () => {
    const [a, b] = [await createDeptKey(svc.db, '县民政局'), await createDeptKey(svc.db, '县水务局')];
    const post = (key: string, n: number) =>
      fetch(`${svc.base}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ alerts: [{ external_id: `RL-${n}`, kind: 'other', household_id: 'nobody' }] }),
      });
    for (let i = 0; i < 3; i++) expect((await post(a, i)).status).toBe(200);
    const limited = await post(a, 3);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('请') });
    expect((await post(b, 4)).status).toBe(200);
    const { rows } = await svc.db.query<{ id: string }>(`SELECT source_msg_id AS id FROM inbox ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(['RL-0', 'RL-1', 'RL-2', 'RL-4']);
  });
});
