import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file that says which process has an embedded data directory open. */
export const LOCK_FILE = 'shouwang.lock';

/** Another live process has the data directory open: two PGlite processes on one directory corrupt it. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正由另一个守望进程（pid ${pid}）使用：内嵌数据库同一时间只能由一个进程打开。` +
        `请您先停止那个进程（例如正在运行的 npm start）再执行本命令；需要同时运行多个进程时，请改用 Postgres（设置 DATABASE_URL）。\n` +
        `The data directory ${dataDir} is in use by another Shouwang process (pid ${pid}): an embedded database ` +
        `can be opened by one process at a time. Stop that process (a running npm start, for example) first, ` +
        `or use Postgres (DATABASE_URL) to run several processes.`,
    );
  }
}

/** Lock files this process holds (a lock naming our own pid but not here is from an earlier process). */
const held = new Set<string>();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by someone else
  }
};

const ownerOf = (file: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/**
 * Takes the data directory for this process: a lock file with our pid, made atomically (a hard link of a
 * file of our own, which fails if the lock exists). A lock whose process is gone (killed, crashed) is
 * taken over. Pids are of this machine: the lock guards processes sharing one pid namespace.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const file = join(dataDir, LOCK_FILE);
  if (held.has(file)) throw new DataDirLockedError(dataDir, process.pid);
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
        const owner = ownerOf(file);
        if (owner !== null && owner !== process.pid && alive(owner)) throw new DataDirLockedError(dataDir, owner);
        // Stale (its process is gone, or it is unreadable): remove it, unless another starter replaced it meanwhile.
        if (ownerOf(file) === owner) unlinkSync(file);
      }
    }
  } finally {
    unlinkSync(mine);
  }
  held.add(file);
  return {
    release() {
      if (!held.delete(file)) return;
      if (ownerOf(file) === process.pid) unlinkSync(file);
    },
  };
}
