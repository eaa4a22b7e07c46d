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
export async function stopAll(procs: ChildProcess[], signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all(
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

/** Like startRole, with the child's log lines (LOG_LEVEL info unless set) kept for the test to read. */
export function startRoleWithLog(
  role: 'all' | 'web' | 'worker',
  env: NodeJS.ProcessEnv,
): { proc: ChildProcess; lines: string[]; waitFor(text: string, ms: number): Promise<boolean> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--role', role], {
    env: { LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  const take = (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    if (process.env.SHOW_CHILD_LOGS) for (const p of parts) console.log(p);
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  const waitFor = async (text: string, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
      if (lines.some((l) => l.includes(text))) return true;
    return false;
  };
  return { proc, lines, waitFor };
}
