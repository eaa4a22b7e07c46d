import { Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import { baseQueue, queueNamesOf, shardName, shardOf, type QueueName } from './jobs.js';
import { duplicate, isCluster, type RedisConnection } from './redis.js';

export interface QueueSetOptions {
  connection: RedisConnection;
  /** Key prefix in Redis; tests use one per file. */
  prefix: string;
  logger: Logger;
  /** Attempts per job before it is failed (default 8), and the first exponential backoff (default 1 s). */
  retry?: { attempts: number; backoffMs: number };
  /** Shards of the intake and notify queues (QUEUE_SHARDS; default 1). */
  shards?: number;
}

/** Each queue by name (intake, notify, schedule), and the further shards as intake-1, notify-1, …. */
export type Queues = Record<QueueName, Queue> & Record<string, Queue>;

/** How many shards `queue` has in this set. */
export function shardCount(queues: Queues, queue: QueueName): number {
  let shards = 1;
  while (queues[shardName(queue, shards)]) shards++;
  return shards;
}

/** The shard of `queue` that `key` goes to. */
export function shardFor(queues: Queues, queue: QueueName, key: string): Queue {
  return queues[shardName(queue, shardOf(key, shardCount(queues, queue)))]!;
}

/**
 * The key prefix of one queue. On a Redis Cluster every key a BullMQ script touches must share a hash
 * slot, and BullMQ builds its keys as prefix:name:…: each queue gets a hash tag of its own ({intake},
 * {notify}, {schedule}), so the queues spread over the masters. One server keeps the plain prefix, so
 * the keys of a running deployment stay where they are.
 */
export function queuePrefix(prefix: string, name: string, cluster: boolean): string {
  return cluster ? `${prefix}:{${name}}` : prefix;
}

export function createQueues({
  connection,
  prefix,
  logger,
  retry = { attempts: 8, backoffMs: 1000 },
  shards = 1,
}: QueueSetOptions): Queues {
  const entries = queueNamesOf(shards).map((name) => [
    name,
    new Queue(name, {
      connection,
      prefix: queuePrefix(prefix, name, isCluster(connection)),
      defaultJobOptions: {
        attempts: retry.attempts,
        backoff: { type: 'exponential', delay: retry.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 10000 },
      },
    }).on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue connection error')),
  ]);
  return Object.fromEntries(entries) as Queues;
}

export type Processors = Partial<Record<QueueName, Processor>>;

export interface WorkerSetOptions extends QueueSetOptions {
  processors: Processors;
  /** Per-queue concurrency; default 5. */
  concurrency?: Partial<Record<QueueName, number>>;
  workerOptions?: Partial<WorkerOptions>;
}

/** One worker per queue that has a processor; one `failed` listener logs for all. */
export function startWorkers({
  connection,
  prefix,
  logger,
  processors,
  concurrency = {},
  workerOptions,
  shards = 1,
}: WorkerSetOptions): Worker[] {
  return queueNamesOf(shards).flatMap((name) => {
    const processor = processors[baseQueue(name)];
    if (!processor) return [];
    const worker = new Worker(name, processor, {
      connection: duplicate(connection),
      prefix: queuePrefix(prefix, name, isCluster(connection)),
      concurrency: concurrency[baseQueue(name)] ?? 5,
      ...workerOptions,
    });
    worker.on('failed', (job, err) =>
      logger.warn(
        { queue: name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
    return [worker];
  });
}

/** Waits for running jobs to finish, then closes. */
export async function closeAll(queues: Queues | undefined, workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
  if (queues) await Promise.all(Object.values(queues).map((q) => q.close()));
}
