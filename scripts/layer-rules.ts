/** The layers of ARCHITECTURE.md: where each file belongs and what each layer may import. */
export type Layer =
  | 'domain'
  | 'demo'
  | 'store'
  | 'wecom'
  | 'queue'
  | 'jobs'
  | 'http'
  | 'web'
  | 'files'
  | 'handlers'
  | 'infra'
  | 'shared'
  | 'wiring'
  | 'support'
  | 'tests'
  | 'unplaced';

const HOMES: Array<[prefix: string, layer: Layer]> = [
  ['src/domain/', 'domain'],
  ['src/demo/', 'demo'],
  ['src/store/', 'store'],
  ['src/wecom/', 'wecom'],
  ['src/queue/', 'queue'],
  ['jobs/', 'jobs'],
  ['src/http/', 'http'],
  ['src/web/', 'web'],
  ['src/files/', 'files'],
  ['handlers/', 'handlers'],
  ['src/metrics.ts', 'infra'],
  ['src/load-policy.ts', 'infra'],
  ['src/config.ts', 'shared'],
  ['src/logger.ts', 'shared'],
  ['src/group-commit.ts', 'shared'],
  ['src/wiring/', 'wiring'],
  ['src/main.ts', 'wiring'],
  ['src/cli.ts', 'wiring'],
  ['src/app.ts', 'wiring'],
  ['support/', 'support'],
  ['tests/', 'tests'],
  ['bench/', 'tests'],
  ['scripts/', 'tests'],
];

export function layerOf(file: string): Layer {
  return HOMES.find(([prefix]) => file === prefix || file.startsWith(prefix))?.[1] ?? 'unplaced';
}

/** What each layer may import besides itself: our layers, and npm packages ('*' = any). node: built-ins are fine outside the domain. */
export const RULES: Record<Layer, { mayImport: Layer[]; packages: string[] | '*' }> = {
  // Pure libraries only (parsing, Chinese text): no I/O, no clock.
  domain: { mayImport: [], packages: ['zod', 'pinyin-pro', 'opencc-js'] },
  demo: { mayImport: ['domain'], packages: [] },
  store: { mayImport: ['domain', 'demo', 'shared'], packages: ['pg', '@electric-sql/pglite'] },
  wecom: { mayImport: ['domain', 'http', 'shared'], packages: ['@wecom/crypto', 'ioredis', 'zod'] },
  queue: { mayImport: ['domain', 'shared'], packages: ['bullmq', 'ioredis'] },
  jobs: { mayImport: ['domain', 'queue', 'shared'], packages: ['bullmq'] },
  http: { mayImport: ['domain', 'shared'], packages: ['koa', 'busboy'] },
  web: { mayImport: ['domain', 'http'], packages: ['koa'] },
  // Files are read from uploads: what cannot be read is an AppError (400) for the one error exit.
  files: { mayImport: ['domain', 'web', 'http'], packages: ['exceljs', 'csv-parse'] },
  handlers: {
    mayImport: ['domain', 'http', 'web', 'files', 'wecom', 'shared'],
    packages: ['@koa/router', 'koa', 'zod', 'csv-parse', 'prom-client'],
  },
  infra: { mayImport: ['domain', 'queue', 'shared'], packages: ['prom-client', 'bullmq', 'koa'] },
  shared: { mayImport: ['domain'], packages: ['zod', 'pino'] },
  wiring: {
    mayImport: [
      'domain',
      'demo',
      'store',
      'wecom',
      'queue',
      'jobs',
      'http',
      'web',
      'files',
      'handlers',
      'infra',
      'shared',
    ],
    packages: '*',
  },
  // Local processes, Redis prefixes and the in-process service, shared by tests, bench and scripts.
  support: {
    mayImport: [
      'domain',
      'demo',
      'store',
      'wecom',
      'queue',
      'jobs',
      'http',
      'web',
      'files',
      'handlers',
      'infra',
      'shared',
      'wiring',
    ],
    packages: '*',
  },
  tests: {
    mayImport: [
      'support',
      'domain',
      'demo',
      'store',
      'wecom',
      'queue',
      'jobs',
      'http',
      'web',
      'files',
      'handlers',
      'infra',
      'shared',
      'wiring',
    ],
    packages: '*',
  },
  unplaced: { mayImport: [], packages: [] },
};

/** Import cycles (strongly connected components of more than one file, or a file importing itself). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.reverse());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}
