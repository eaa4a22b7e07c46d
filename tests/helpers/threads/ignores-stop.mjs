// A worker thread that never answers a stop (a job stuck for good).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => undefined);
parentPort.postMessage({ kind: 'started' });
