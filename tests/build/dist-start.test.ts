import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

/**
 * What production runs: `npm start -- --role web` builds dist/ when it is stale and starts the compiled
 * web role, which finds its migrations beside the compiled code and its policy files in the checkout.
 */
describe('the built service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dist-start-'));
  const prefix = testPrefix();
  let proc: ChildProcess | undefined;
  const output: string[] = [];

  afterAll(async () => {
    // npm runs the script in a shell: stop the whole process group it started.
    if (proc?.pid && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      process.kill(-proc.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await dropPrefix(prefix);
  });

  it('starts the web role from dist/ on PGlite, migrated and ready', async () => {
    const port = await freePort();
    proc = spawn('npm', ['start', '--', '--role', 'web'], {
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
    proc.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    let health = 0;
    for (const end = Date.now() + 240_000; Date.now() < end && proc.exitCode === null; ) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(health, output.join('')).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/console/login`)).status).toBe(200);
    expect(existsSync('dist/src/main.js') && existsSync('dist/src/store/migrations')).toBe(true);
    expect(output.join('')).toContain('"role":"web"');
  }, 300_000);
});
