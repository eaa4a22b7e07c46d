import Koa from 'koa';
import { createServer } from 'node:http';

/** The reference: a bare Koa hello-world in a process of its own, as our web role runs. */
const app = new Koa().use((ctx) => {
  ctx.body = 'hello';
});
const server = createServer(app.callback()).listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
