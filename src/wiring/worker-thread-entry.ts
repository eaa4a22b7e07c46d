import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import { startService } from '../main.js';
import type { ThreadAsk, ThreadMessage, WorkerThreadData } from './worker-thread.js';

// `--role all`'s workers and schedulers: the worker role, started in a thread by startWorkerThread.
const port = parentPort!;
const { config } = workerData as WorkerThreadData;
// The same JSON lines on the same stdout as the web side's (pino writes to fd 1 from either thread).
const logger = createLogger(config.LOG_LEVEL).child({ thread: 'worker' });
const service = await startService(config, { role: 'worker', logger });

const answers: Record<ThreadAsk, () => Promise<unknown>> = {
  async readiness() {
    const failing = Object.entries(await service.readiness()).filter(([, r]) => r !== 'ok');
    if (failing.length) throw new Error(failing.map(([name, r]) => `${name}: ${r}`).join('; '));
  },
  metrics: () => service.metrics.registry.getMetricsAsJSON(),
  stop: () => service.stop(),
};

const answer = (m: ThreadMessage) => port.postMessage(m);
port.on('message', ({ id, ask }: { id: number; ask: ThreadAsk }) => {
  void answers[ask]().then(
    (value) => answer({ kind: 'answer', id, value }),
    (err: Error) => answer({ kind: 'answer', id, error: err.message || String(err) }),
  );
});
answer({ kind: 'started' });
