import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Starts `args` under tsx in a process of its own and waits until its /readyz on `port` answers. */
export async function start(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${args.join(' ')} did not start`);
}

export const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** CPU seconds (user + system) used so far by the processes whose command name matches. */
export async function cpuSeconds(match: (comm: string, pid: number) => boolean): Promise<number> {
  let ticks = 0;
  for (const pid of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const m = /^\d+ \((.*)\) (.*)$/s.exec(stat.trim());
    if (!m || !match(m[1]!, Number(pid))) continue;
    const f = m[2]!.split(' ');
    ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return ticks / 100; // USER_HZ
}

/** CPU seconds of one process the bench started. */
export const cpuOf = (child: ChildProcess) => cpuSeconds((_, pid) => pid === child.pid);

/** The machine's 1-minute load average (the machine may be shared: CPU per callback is the fair figure). */
export async function loadAverage(): Promise<number> {
  return Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
