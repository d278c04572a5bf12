/**
 * Runs one example in a fresh `node` (no vitest, no transpiler at run time): the example compiled
 * to an ES module next to its typed module in `<package>/.doc-examples/`, so the package and its
 * dependencies load by name from their built files, as in a user's project.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { exampleModule, transpileExample } from './check-examples';
import type { DocExample } from './find-examples';
import type { NodeRun } from '../run-built';

/** Longest an example may run: examples run in the test suite, so they are small. */
export const EXAMPLE_TIMEOUT_MS = 30_000;

/** Runs `example` and returns what it printed and its exit status (null if it timed out). */
export function runExample(packageDir: string, example: DocExample): NodeRun & { readonly ms: number } {
  const file = exampleModule(packageDir, example).replace(/\.ts$/, '.mjs');
  writeFileSync(file, transpileExample(example));
  const started = Date.now();
  const result = spawnSync(process.execPath, [file], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: EXAMPLE_TIMEOUT_MS,
  });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}
