/**
 * The vitest configuration every package tests with. Each run writes a JSON report to
 * `.test-results/vitest.json`, which `scripts/run-tests.mjs` sums into one closing line.
 */
import { availableParallelism } from 'node:os';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { packageVersion } from './tsup.base.ts';

/**
 * Test workers vitest runs at once (its default for `vitest run`), and the wasm threads each may
 * use so that together they take every core once: the pool spin-waits, and workers that share
 * cores slow each other down many times over. `LNN_THREADS`, when set, wins.
 */
const workers = Math.max(1, availableParallelism() - 1);
const threadsPerWorker = String(Math.max(1, Math.floor(availableParallelism() / workers)));

export function packageTestConfig(extra: ViteUserConfig = {}): ViteUserConfig {
  return defineConfig({
    ...extra,
    define: { __LNN_VERSION__: JSON.stringify(packageVersion()), ...extra.define },
    test: {
      include: ['src/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/vitest.json' },
      testTimeout: 60_000,
      maxWorkers: workers,
      ...extra.test,
      env: { LNN_THREADS: process.env.LNN_THREADS ?? threadsPerWorker, ...extra.test?.env },
    },
  });
}
