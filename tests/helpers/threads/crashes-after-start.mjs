// A worker thread that starts, answers one readiness ask, then dies of an uncaught error.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id }) => {
  parentPort.postMessage({ kind: 'answer', id, value: undefined });
  setTimeout(() => {
    throw new Error('thread broke');
  }, 50);
});
parentPort.postMessage({ kind: 'started' });
