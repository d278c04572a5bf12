/**
 * The vitest configuration every package tests with. Each run writes a JSON report to
 * `.test-results/vitest.json`, which `scripts/run-tests.mjs` sums into one closing line.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { packageVersion } from './tsup.base.ts';

export function packageTestConfig(extra: ViteUserConfig = {}): ViteUserConfig {
  return defineConfig({
    ...extra,
    define: { __LNN_VERSION__: JSON.stringify(packageVersion()), ...extra.define },
    test: {
      include: ['src/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/vitest.json' },
      testTimeout: 60_000,
      ...extra.test,
    },
  });
}
