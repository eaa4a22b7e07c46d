import autocannon from 'autocannon';
import Koa from 'koa';
import { createServer } from 'node:http';
import { startTestService } from '../tests/helpers/test-service.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

/** Verified+decrypted+stored+queued callbacks per second vs a bare Koa hello-world, same run, same machine. */
export async function benchCallback(): Promise<Record<string, string | number>[]> {
  const hello = new Koa().use((ctx) => {
    ctx.body = 'hello';
  });
  const bare = createServer(hello.callback());
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as { port: number }).port;
  const base = await autocannon({ url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS, duration: DURATION });
  bare.close();

  const svc = await startTestService({}, 'web');
  const sender = svc.fake!.sender!;
  // Distinct, correctly sealed messages, so every request is a new inbox row and a new job.
  const sealed = Array.from({ length: 60_000 }, (_, i) => sender.seal(sender.textXml(`bf-${i % 500}`, `家里有人生病住院了 ${i}`)));
  let next = 0;
  const ours = await autocannon({
    url: `${svc.base}/wecom/callback`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const s = sealed[next++ % sealed.length]!;
        return { ...req, path: `/wecom/callback?${s.query}`, body: s.body, headers: { 'content-type': 'text/xml' } };
      },
    }],
  });
  const { rows } = await svc.db.query<{ n: number }>('SELECT count(*)::int n FROM inbox');
  const queued = await svc.queues.intake.count();
  await svc.stop();

  return [
    { case: 'bare Koa hello-world', 'req/s': Math.round(base.requests.average), 'p50 ms': base.latency.p50, 'p99 ms': base.latency.p99, non2xx: base.non2xx },
    {
      case: 'callback verify+decrypt+store+queue', 'req/s': Math.round(ours.requests.average), 'p50 ms': ours.latency.p50, 'p99 ms': ours.latency.p99,
      non2xx: ours.non2xx, 'ratio vs bare': (ours.requests.average / base.requests.average).toFixed(3), 'inbox rows': rows[0]!.n, queued,
    },
  ];
}
