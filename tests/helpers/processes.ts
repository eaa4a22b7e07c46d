import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** `npm run cli -- start --role <role>` as a process of its own (stdout shown with SHOW_CHILD_LOGS=1). */
export function startRole(role: 'all' | 'web' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const show = Boolean(process.env.SHOW_CHILD_LOGS);
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--role', role], {
    env: { ...env, ...(show ? { LOG_LEVEL: 'info' } : {}) },
    stdio: ['ignore', show ? 'inherit' : 'ignore', 'inherit'],
  });
}

/** Stops every process still running and waits for it to exit. */
export function stopAll(procs: ChildProcess[], signal: NodeJS.Signals = 'SIGTERM'): Promise<void[]> {
  return Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null || p.signalCode) return resolve();
          p.once('exit', () => resolve());
          p.kill(signal);
        }),
    ),
  );
}

/** A TCP port free on 127.0.0.1 right now, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
