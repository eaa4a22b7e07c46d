import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** `count` ports in a row that are free, each with its cluster bus port (port + 10000) free too. */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21000 + Math.floor(Math.random() * 8000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.flatMap((p) => [portFree(p), portFree(p + 10000)]))).every(Boolean)) return base;
  }
  throw new Error('no free ports for a Redis Cluster');
}

/**
 * A real Redis Cluster from `redis-server` on private ports: `masters` masters, each with `replicas`
 * replicas, a short node timeout so a killed master fails over in about a second. For the cluster suites.
 */
export class PrivateRedisCluster {
  readonly ports: number[] = [];
  private procs = new Map<number, ChildProcess>();
  private dir = '';
  constructor(
    readonly masters = 3,
    readonly replicas = 0,
  ) {}

  /** What REDIS_URL says for it. */
  get url(): string {
    return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  async start(): Promise<this> {
    const n = this.masters * (1 + this.replicas);
    const base = await freePortRun(n);
    this.dir = mkdtempSync(join(tmpdir(), 'sw-cluster-'));
    for (let i = 0; i < n; i++) this.ports.push(base + i);
    for (const port of this.ports) this.spawn(port);
    for (const port of this.ports) await this.waitPing(port);
    const create = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...this.ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        String(this.replicas),
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await this.waitHealthy();
    return this;
  }

  private spawn(port: number): void {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '1000',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    this.procs.set(port, proc);
  }

  private async waitPing(port: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const r = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      r.on('error', () => undefined);
      try {
        await r.connect();
        await r.ping();
        r.disconnect();
        return;
      } catch {
        r.disconnect();
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    throw new Error(`redis-server on port ${port} did not start`);
  }

  /** Until every live node says cluster_state:ok and sees `masters` masters with slots. */
  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const infos = await Promise.all(this.livePorts().map((p) => this.info(p)));
      if (infos.every((i) => i.includes('cluster_state:ok') && i.includes(`cluster_size:${this.masters}`))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the Redis Cluster did not become healthy');
  }

  private async info(port: number): Promise<string> {
    const r = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      return String(await r.cluster('INFO'));
    } catch {
      return '';
    } finally {
      r.disconnect();
    }
  }

  livePorts(): number[] {
    return this.ports.filter((p) => this.procs.get(p)?.exitCode === null && !this.procs.get(p)?.signalCode);
  }

  /** The ports of the nodes that are masters now. */
  async masterPorts(): Promise<number[]> {
    const out: number[] = [];
    for (const p of this.livePorts()) if ((await this.role(p)) === 'master') out.push(p);
    return out;
  }

  private async role(port: number): Promise<string> {
    const r = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      return String(((await r.call('ROLE')) as unknown[])[0]);
    } catch {
      return '';
    } finally {
      r.disconnect();
    }
  }

  /** SIGKILL one node (a master dies with its host). */
  async kill(port: number): Promise<void> {
    const proc = this.procs.get(port);
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    for (const port of this.ports) await this.kill(port);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Deletes every key under a prefix on every master of a cluster (keys of one prefix span slots). */
export async function dropClusterPrefix(url: string, prefix: string): Promise<void> {
  const nodes = url
    .replace(/^rediss?\+cluster:\/\//, '')
    .split(',')
    .map((hp) => ({ host: hp.split(':')[0]!, port: Number(hp.split(':')[1]) }));
  const cluster = new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  cluster.on('error', () => undefined);
  try {
    for (const node of cluster.nodes('master')) {
      const keys = await node.keys(`${prefix}:*`);
      for (const k of keys) await cluster.del(k);
    }
  } finally {
    cluster.disconnect();
  }
}
