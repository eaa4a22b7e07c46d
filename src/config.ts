import { z } from 'zod';

/** Where Redis is: one server, or the seed nodes of a Redis Cluster (every connection is then a Cluster). */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | {
      kind: 'cluster';
      nodes: Array<{ host: string; port: number }>;
      username?: string;
      password?: string;
      tls: boolean;
    };

const NODE_RE = /^\[?([\w.:-]+?)\]?:(\d{1,5})$/;

function nodesOf(list: string): Array<{ host: string; port: number }> {
  const nodes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = NODE_RE.exec(s);
      if (!m) throw new Error(`"${s}" is not host:port`);
      return { host: m[1]!, port: Number(m[2]) };
    });
  if (!nodes.length) throw new Error('no cluster node given');
  return nodes;
}

/**
 * REDIS_URL `redis://…` (one server) or `redis+cluster://[user:password@]host:port,host:port`
 * (`rediss+cluster://` for TLS); or REDIS_CLUSTER_NODES `host:port,host:port`, which wins. Throws
 * with what is wrong.
 */
export function redisTarget(url: string, clusterNodes?: string): RedisTarget {
  if (clusterNodes) {
    const u = /^rediss?:\/\//.test(url) ? new URL(url) : null;
    return {
      kind: 'cluster',
      nodes: nodesOf(clusterNodes),
      ...(u?.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u?.password ? { password: decodeURIComponent(u.password) } : {}),
      tls: url.startsWith('rediss://'),
    };
  }
  const cluster = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/.exec(url);
  if (cluster) {
    const [, scheme, user, password, hosts] = cluster;
    return {
      kind: 'cluster',
      nodes: nodesOf(hosts!),
      ...(user ? { username: decodeURIComponent(user) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
      tls: scheme === 'rediss',
    };
  }
  if (!/^rediss?:\/\//.test(url)) throw new Error('must be redis://host:port or redis+cluster://host:port,host:port');
  new URL(url); // throws on a malformed one
  return { kind: 'single', url };
}

/** Empty strings in .env files mean "not set". */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** A `worker` process serves /metrics, /healthz and /readyz here; unset, it opens no port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: optional,
  // A read replica (or a pooler in front of replicas) for the console's lists, statistics, register and
  // exports; opened read-only. Writes and what is read right after a write stay on DATABASE_URL.
  DATABASE_READ_URL: optional,
  DATA_DIR: z.string().default('./data'),
  // One server (redis://) or a Redis Cluster (redis+cluster://host:port,host:port, or REDIS_CLUSTER_NODES).
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .superRefine((v, ctx) => {
      try {
        redisTarget(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  REDIS_CLUSTER_NODES: optional,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/, 'letters, digits, _, : and - only (in cluster mode the hash tags are added for you)')
    .default('shouwang'),
  // The intake and notify queues are each split over this many hash tags (shards), so that on a Redis
  // Cluster their keys spread over the masters; one recipient's sends stay in one shard, in order.
  QUEUE_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
  // Jobs each intake and notify worker (one a shard) runs at once. More costs less CPU a callback (jobs
  // running at once are handled together: 20 took bench callback's worker from ~170 to ~110 µs and
  // --role all from 0.38 to about 0.5 of the web role), but widens what a killed worker leaves half done:
  // at 20, stream-under-faults once saw seven task cards WeCom had accepted, not yet marked sent, sent
  // again. 5 until that window is closed.
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  // County staff's console token: long enough that guessing is hopeless (login is also rate-limited).
  ADMIN_TOKEN: optional.pipe(
    z.string().min(24, 'must be at least 24 characters (for example: openssl rand -base64 24)').optional(),
  ),
  // Console sign-in: wrong tokens allowed per address, and per token prefix (first 8 characters, from any
  // address), before sign-in is refused for LOGIN_LOCKOUT_S.
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_PREFIX: z.coerce.number().int().positive().default(20),
  LOGIN_LOCKOUT_S: z.coerce.number().int().positive().default(900),
  // The web port serves /metrics only to `Authorization: Bearer <METRICS_TOKEN>`; unset, not at all there
  // (METRICS_PORT, for a network only Prometheus reaches, serves it without a token).
  METRICS_TOKEN: optional.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  // Requests a minute each department key may make to POST /api/v1/alerts (0 = no limit).
  ALERTS_RATE_PER_MIN: z.coerce.number().int().nonnegative().default(60),
  TZ_NAME: z.string().default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  POLICY_FILE: z.string().default('policy/default.json'),
  SEED_DEMO: z.enum(['auto', 'off']).default('auto'),
  DEMO_HISTORY: z.enum(['on', 'off']).default('on'),
  WECOM_API_BASE: optional,
  WECOM_CORP_ID: optional,
  WECOM_AGENT_ID: optional.pipe(z.string().regex(/^\d+$/, 'must be a number').transform(Number).optional()),
  WECOM_SECRET: optional,
  WECOM_KF_SECRET: optional,
  // The 微信客服 account (open_kfid) that villages' QR posters point to (一村一码); "wk-demo" in simulator mode.
  WECOM_KF_OPEN_KFID: optional.pipe(
    z
      .string()
      .regex(/^[\w-]{1,64}$/, 'an open_kfid such as wkAbc123')
      .optional(),
  ),
  WECOM_TOKEN: optional,
  WECOM_AES_KEY: optional.pipe(z.string().length(43, 'EncodingAESKey must be 43 characters').optional()),
  WECOM_CALLBACK_WINDOW_S: z.coerce.number().int().positive().default(300),
  // How long adding a job may take before the caller gives up (the stored row is queued later by the
  // reconciler): keeps callbacks answered within WeCom's 5 s while Redis is down or hung.
  ENQUEUE_TIMEOUT_MS: z.coerce.number().int().positive().default(300),
  // How long a stop waits for running jobs before closing connections under them.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // on: `--role all` on Postgres runs its workers and schedulers in a worker thread, so web and workers
  // may use two cores in one process. Off by default: on a 2-core box the one loop measured faster (README).
  WORKER_THREAD: z.enum(['on', 'off']).default('off'),
  // How often the reminder sweep runs (0 = never; run it with `cli sweep --at` instead).
  SWEEP_EVERY_MS: z.coerce.number().int().nonnegative().default(300_000),
  // How often stored-but-never-handled inbox rows are looked for (0 = never), and how old they must be.
  RECONCILE_EVERY_MS: z.coerce.number().int().nonnegative().default(60_000),
  RECONCILE_AFTER_MS: z.coerce.number().int().positive().default(600_000),
  // Each job's retry budget: this many attempts, backing off exponentially from JOB_BACKOFF_MS (8 and 1 s:
  // about 2 minutes in all). A job that uses it up is failed; the reconciler gives it a new attempt later.
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  JOB_BACKOFF_MS: z.coerce.number().int().positive().default(1000),
  // When the weekly bulletin (通报) goes out, as a cron pattern in TZ_NAME (default Monday 08:00; empty = never).
  BULLETIN_CRON: z
    .string()
    .trim()
    .regex(/^$|^\S+(\s+\S+){4,5}$/, 'a cron pattern such as "0 8 * * 1", or empty')
    .default('0 8 * * 1'),
  // When the screening rounds are looked at (周排查, 半月核实 and the 1st's 一月一分析), as a cron pattern in
  // TZ_NAME (default daily 07:30: each opens at the first run of its period; empty = never).
  ROUNDS_CRON: z
    .string()
    .trim()
    .regex(/^$|^\S+(\s+\S+){4,5}$/, 'a cron pattern such as "30 7 * * *", or empty')
    .default('30 7 * * *'),
  // Status updates to villagers wait this long so several changes go out as one 微信客服 message.
  VILLAGER_UPDATE_DELAY_MS: z.coerce.number().int().nonnegative().default(60_000),
  /** A burst's summary card goes out once no card joined it for this long (0 = no summaries, every card alone). */
  CARD_BATCH_QUIET_MS: z.coerce.number().int().nonnegative().default(20_000),
  /** …or once its first card has waited this long. */
  CARD_BATCH_MAX_WAIT_MS: z.coerce.number().int().positive().default(120_000),
});

const WECOM_REQUIRED = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const;

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  /** No WeCom settings given: the app runs the in-process fake WeCom and the /sim simulator. */
  readonly simulator: boolean;
  /** REDIS_URL and REDIS_CLUSTER_NODES, read: one server or a cluster. */
  readonly redis: RedisTarget;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; every error names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const given = WECOM_REQUIRED.filter((k) => parsed.data[k] !== undefined);
  if (given.length > 0 && given.length < WECOM_REQUIRED.length) {
    const missing = WECOM_REQUIRED.filter((k) => parsed.data[k] === undefined);
    throw new ConfigError(`invalid configuration:\n  ${missing.join(', ')}: required when any WeCom setting is given`);
  }
  let redis: RedisTarget;
  try {
    redis = redisTarget(parsed.data.REDIS_URL, parsed.data.REDIS_CLUSTER_NODES);
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  REDIS_CLUSTER_NODES: ${(err as Error).message}`);
  }
  return Object.freeze({ ...parsed.data, simulator: given.length === 0, redis });
}
