import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { redisTarget } from '../src/config.js';
import { createRedis, type RedisConnection } from '../src/queue/redis.js';
import { dropClusterPrefix } from './test-cluster.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A patient connection to the test Redis: a Cluster when TEST_REDIS_URL is a cluster's (redis+cluster://). */
export function testRedis(url = REDIS_URL): RedisConnection {
  return createRedis(redisTarget(url));
}

/** A queue prefix of its own per test file, so files can share the Redis server. */
export function testPrefix(): string {
  return `sw-test-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a prefix (on every master, when `url` is a cluster's). */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  if (url.includes('+cluster://')) return dropClusterPrefix(url, prefix);
  const redis = new Redis(url);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

/** A private redis-server on its own port, for tests that kill and restart Redis. */
export class PrivateRedis {
  private proc?: ChildProcess;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }
  /** SIGSTOP: the server keeps its connections but answers nothing, like a host that hangs. */
  freeze(): void {
    this.proc?.kill('SIGSTOP');
  }
  thaw(): void {
    this.proc?.kill('SIGCONT');
  }
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }
}
