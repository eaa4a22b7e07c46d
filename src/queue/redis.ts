import { Redis } from 'ioredis';

/** BullMQ workers block on Redis, so requests must wait out a reconnect instead of failing. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** For health checks: fails fast while Redis is down instead of queueing the command. */
export function createProbeRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 });
}
