import { spawn } from 'node:child_process';
import { PrivateRedisCluster } from '../support/test-cluster.js';

/**
 * Runs a command (a test run) against a fresh 3-master Redis Cluster on private ports:
 * `tsx scripts/with-redis-cluster.ts vitest run tests/queue/queues.test.ts …` sets TEST_REDIS_URL to
 * the cluster's redis+cluster:// URL, so the suites that read it run on the cluster instead of one server.
 */
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx scripts/with-redis-cluster.ts COMMAND [ARGS…]');
  process.exit(2);
}
const cluster = await new PrivateRedisCluster(3, 0).start();
console.log(`Redis Cluster (3 masters): ${cluster.url}`);
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_REDIS_URL: cluster.url },
  shell: false,
});
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await cluster.stop();
process.exit(code);
