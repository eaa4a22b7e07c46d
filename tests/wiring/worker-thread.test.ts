import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startWorkerThread } from '../../src/wiring/worker-thread.js';

const config = loadConfig({ SHUTDOWN_TIMEOUT_MS: '200' });
const entry = (name: string) => new URL(`../helpers/threads/${name}.mjs`, import.meta.url);

/** The web side's hold on `--role all`'s worker thread: a thread that dies is noticed, one that hangs is ended. */
describe('startWorkerThread', () => {
  it('rejects with the thread’s own error when the thread cannot start', async () => {
    await expect(startWorkerThread(config, { entry: entry('fails-at-start') })).rejects.toThrow('no such lexicon');
  });

  it('reports a thread that dies after starting as crashed, and its asks then fail', async () => {
    const thread = await startWorkerThread(config, { entry: entry('crashes-after-start') });
    await thread.ready();
    const err = await thread.crashed;
    expect(err.message).toBe('thread broke');
    await expect(thread.ready()).rejects.toThrow('the worker thread has ended');
    await thread.stop(); // nothing left to stop: returns at once
  });

  it('ends a thread that does not answer its stop within the bound, and calls that no crash', async () => {
    const thread = await startWorkerThread(config, { entry: entry('ignores-stop') });
    const t0 = Date.now();
    await thread.stop();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5000); // SHUTDOWN_TIMEOUT_MS + 5 s
    const crashed = await Promise.race([
      thread.crashed.then(() => true),
      new Promise((r) => setTimeout(r, 200, false)),
    ]);
    expect(crashed).toBe(false);
  }, 15_000);
});
