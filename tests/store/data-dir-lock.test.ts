import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/data-dir-lock.js';
import { freePort, startRoleWithLog, stopAll } from '../helpers/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

/** `npm run cli -- ARGS` as a process of its own, to its exit. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * One process per embedded data directory (PGlite): a second process on the same directory is refused
 * with a clear message instead of printing a key that does not work; a lock left by a killed process is
 * taken over.
 */
describe('two processes on one PGlite data directory', () => {
  let dir: string;
  const prefix = testPrefix();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-lock-'));
    env = {
      ...process.env,
      DATA_DIR: dir,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_DEMO: 'off',
      SWEEP_EVERY_MS: '0',
      RECONCILE_EVERY_MS: '0',
      BULLETIN_CRON: '',
      ROUNDS_CRON: '',
    };
  });
  afterAll(async () => {
    await dropPrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a CLI command while the app runs, and takes over the lock of a killed app', async () => {
    const app = startRoleWithLog('all', env);
    try {
      expect(await app.waitFor('shouwang started', 90_000), app.lines.join('\n')).toBe(true);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(app.proc.pid));

      const refused = await cli(['dept-key', 'create', '医保局'], env);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(`数据目录 ${dir} 正由另一个守望进程（pid ${app.proc.pid}）使用`);
      expect(refused.out).toContain('in use by another Shouwang process');
      expect(refused.out).not.toMatch(/密钥|key, shown once/);
      // A second app on the same directory is refused the same way, and the first one goes on.
      const second = await cli(['start'], { ...env, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(second.out).toContain(`pid ${app.proc.pid}`);
      expect((await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).status).toBe(200);
    } finally {
      await stopAll([app.proc], 'SIGKILL'); // no clean stop: the lock file stays behind
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);

    const made = await cli(['dept-key', 'create', '医保局'], env);
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('key, shown once');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // released at the end
  }, 180_000);
});
