import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry; two files at a time suits a 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
    // PGlite is a large WebAssembly module: V8 re-optimises its hot functions with TurboFan in every
    // test process, and a test file ends before that pays back (metrics 10.6 -> 8.5 s of CPU, store
    // 5.2 -> 3.8 s with Liftoff only). Processes the tests start (npm start, workers) are unaffected.
    execArgv: ['--liftoff-only'],
  },
});
