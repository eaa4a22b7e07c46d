import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

const run = promisify(execFile);

/** The newest server binaries the machine has (Debian keeps them in /usr/lib/postgresql/N/bin), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : null;
}

/**
 * A Postgres cluster of its own in a temp dir on its own port, for tests that stop the database under
 * the service (never the shared server on :5432). initdb refuses to run as root, so as root the cluster
 * belongs to the `postgres` user.
 */
export class PrivatePostgres {
  private dir = '';
  /** Chosen by the OS at init: a random port in the ephemeral range was at times held by a client socket. */
  port = 0;
  constructor(private readonly bin = postgresBinDir()!) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    this.dir = await mkdtemp(join(tmpdir(), 'sw-pg-'));
    if (process.getuid?.() === 0) {
      const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      await chown(this.dir, await id('-u'), await id('-g'));
    }
    await this.pg('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    await this.start();
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    const log = join(this.dir, 'log');
    try {
      await this.pg('pg_ctl', ['-D', join(this.dir, 'data'), '-l', log, '-o', opts, '-w', 'start']);
    } catch (err) {
      // pg_ctl says only "examine the log", and destroy() removes it: carry its end in the error.
      const tail = (await readFile(log, 'utf8').catch(() => '')).split('\n').slice(-8).join('\n');
      throw new Error(`${(err as Error).message}\n${tail}`);
    }
  }

  /** `fast` ends every session at once with 57P01 (what an operator's restart does), mid-transaction included. */
  stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    return this.pg('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    if (!this.dir) return;
    await this.stop('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const [cmd, argv] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args]]
        : [join(this.bin, tool), args];
    await run(cmd, argv as string[], { timeout: 30_000 });
  }
}
