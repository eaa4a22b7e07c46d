import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Config } from '../config.js';
import { withTimeout } from '../http/run-checks.js';

/** What the web side asks the worker thread; each ask gets one answer with its id. */
export type ThreadAsk = 'readiness' | 'metrics' | 'stop';
export type ThreadMessage = { kind: 'started' } | { kind: 'answer'; id: number; value?: unknown; error?: string };
export interface WorkerThreadData {
  config: Config;
}

export type ThreadMetrics = MetricObjectWithValues<MetricValue<string>>[];

/** The workers and schedulers of `--role all`, running in a thread of this process. */
export interface WorkerThread {
  /** Resolves when every dependency answers the thread (its own connections); rejects naming those that do not. */
  ready(): Promise<void>;
  /** The thread's counters, for the web side's /metrics to merge with its own. */
  metrics(): Promise<ThreadMetrics>;
  /** Running jobs finish (the thread's own stop is bounded by SHUTDOWN_TIMEOUT_MS), then the thread ends. */
  stop(): Promise<void>;
  /** Resolves, never rejects, if the thread ends without being asked to: the process must not go on half-alive. */
  crashed: Promise<Error>;
}

export interface WorkerThreadOptions {
  /** The thread's module (tests give a small one); default worker-thread-entry beside this file. */
  entry?: URL;
}

/**
 * Starts the thread and resolves once its workers and schedulers run (rejects with its error if it
 * could not start). METRICS_PORT stays with the web side, which serves the thread's counters too.
 */
export async function startWorkerThread(config: Config, { entry }: WorkerThreadOptions = {}): Promise<WorkerThread> {
  const data: WorkerThreadData = { config: { ...config, METRICS_PORT: undefined } };
  const worker = spawnThread(
    entry ?? new URL(`./worker-thread-entry${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
    data,
  );
  const { started, ask } = channel(worker);
  let stopping = false;
  let exited = false;
  const exit = new Promise<number>((resolve) =>
    worker.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const crashed = new Promise<Error>((resolve) => {
    worker.once('error', (err) => !stopping && resolve(err));
    void exit.then((code) => !stopping && resolve(new Error(`the worker thread ended (exit code ${code})`)));
  });
  await Promise.race([started, crashed.then((err) => Promise.reject(err))]);

  let stopped: Promise<void> | undefined;
  return {
    ready: async () => void (await ask('readiness')),
    metrics: () => ask<ThreadMetrics>('metrics'),
    crashed,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        // Answered: its jobs are done and its connections closed, so ending it loses nothing. Unanswered
        // past the bound (or the thread ended meanwhile, and the ask rejects): ended all the same.
        await withTimeout(ask('stop'), config.SHUTDOWN_TIMEOUT_MS + 5000).catch(() => undefined);
        if (!exited) await worker.terminate();
      })()),
  };
}

/** Asks over the thread's port, each answered by its id; what an ended thread cannot answer rejects. */
function channel(worker: Worker) {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let ended = false;
  worker.once('exit', () => {
    ended = true;
    for (const p of pending.values()) p.reject(new Error('the worker thread has ended'));
    pending.clear();
  });
  const started = new Promise<void>((resolve) =>
    worker.on('message', (m: ThreadMessage) => {
      if (m.kind === 'started') return resolve();
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.value);
    }),
  );
  let next = 0;
  const ask = <T>(what: ThreadAsk) =>
    new Promise<T>((resolve, reject) => {
      if (ended) return reject(new Error('the worker thread has ended'));
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ask: what });
    });
  return { started, ask };
}

function spawnThread(entry: URL, workerData: WorkerThreadData): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  // Under tsx (npm run dev, the tests' and benches' processes) a thread does not inherit the TypeScript
  // loader: it registers it before importing its module. Compiled JavaScript (npm start) needs none.
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry.href)}))`;
  return new Worker(script, { eval: true, workerData });
}
