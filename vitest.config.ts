import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that share a test process (isolate: false): each leaves no global state behind (no env,
 * mocks, timers, servers or processes left running) and closes what it opens. A new process per file
 * costs ~0.5 s of CPU to start and more to load the domain (triage lexicons, pinyin, opencc), PGlite
 * and the store again: 46 pure files took 28 s of CPU one process each and 12 s sharing; the store
 * and use-case files 103 s and 80 s. Files that start the service, child processes or Chromium keep a
 * process of their own.
 */
const SHARED = [
  'tests/domain/**/*.test.ts',
  'tests/files/*.test.ts',
  'tests/http/*.test.ts',
  'tests/store/*.test.ts',
  'tests/use-cases/*.test.ts',
  'tests/wecom/callback-codec.test.ts',
  'tests/wecom/send-answer.test.ts',
  'tests/wecom/xml.test.ts',
  'tests/jobs/send-now.test.ts',
  'tests/jobs/handle-callbacks-together.test.ts',
  'tests/demo/demo-county.test.ts',
  'tests/build/web-role-imports.test.ts',
  'tests/config.test.ts',
  'tests/group-commit.test.ts',
  'tests/load-policy.test.ts',
];

/**
 * Rough seconds of the slowest files (a run on a loaded 2-core machine). Started first, so the two
 * workers end together instead of one running stream-under-faults alone at the end; a fresh clone has
 * no timings of vitest's own to sort by. Other files follow, larger first.
 */
const SLOW: Record<string, number> = {
  'tests/fault/stream-under-faults.test.ts': 137,
  'tests/build/dist-start.test.ts': 108,
  'tests/use-cases/sweep-due.test.ts': 54,
  'tests/cli/sweep-and-report.test.ts': 46,
  'tests/store/data-dir-lock.test.ts': 45,
  'tests/browser/console-and-simulator.test.ts': 33,
  'tests/handlers/department-batch-cards.test.ts': 33,
  'tests/fault/role-all-worker-thread.test.ts': 32,
  'tests/handlers/health.test.ts': 29,
  'tests/browser/console-lists.test.ts': 27,
  'tests/fault/postgres-down.test.ts': 27,
  'tests/store/partitions.test.ts': 27,
  'tests/store/store.test.ts': 25,
  'tests/browser/simulator.test.ts': 22,
  'tests/cli/classify.test.ts': 21,
  'tests/use-cases/cadre-commands.test.ts': 21,
  'tests/fault/scale-out.test.ts': 20,
  'tests/queue/redis-cluster.test.ts': 19,
  'tests/browser/console-case-page.test.ts': 18,
  'tests/browser/register.test.ts': 18,
  'tests/fault/redis-down-callbacks.test.ts': 18,
  'tests/handlers/metrics.test.ts': 17,
  'tests/handlers/screening-rounds.test.ts': 16,
  'tests/use-cases/two-week-replay.test.ts': 16,
};

/**
 * Files with a process of their own first (slowest first), then the shared ones (slowest first): a
 * shared process is reused only while the next file in the queue is shared too.
 */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (f: TestSpecification) => {
      const rel = f.moduleId.slice(root.length + 1);
      return [f.project.config.isolate ? 0 : 1, -(SLOW[rel] ?? 0), -statSync(f.moduleId).size] as const;
    };
    const keyed = files.map((f) => ({ f, k: key(f) }));
    keyed.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2]);
    return keyed.map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry; two files at a time suits a 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
    // PGlite is a large WebAssembly module: V8 re-optimises its hot functions with TurboFan in every
    // test process, and a test file ends before that pays back (metrics 10.6 -> 8.5 s of CPU, store
    // 5.2 -> 3.8 s with Liftoff only). Processes the tests start (npm start, workers) are unaffected.
    execArgv: ['--liftoff-only'],
    sequence: { sequencer: SlowFirst },
    projects: [
      { extends: true, test: { name: 'own-process', include: ['tests/**/*.test.ts'], exclude: SHARED } },
      { extends: true, test: { name: 'shared', include: SHARED, isolate: false } },
    ],
  },
});
