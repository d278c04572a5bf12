import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** How a built package is loaded. */
export type BuiltFormat = 'esm' | 'cjs';

/** What a plain Node process printed. */
export interface NodeRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `body` in a fresh `node` process, with `mod` bound to the package at `packageDir` (or its
 * export `subpath`) loaded by its own name from its built files (`import * as mod` for ESM, `require` for CJS). Nothing from
 * vitest or a transpiler is involved: this is what a user's Node sees.
 *
 * @example
 * const run = runBuilt(dir, 'cjs', 'console.log(Object.keys(mod).join())');
 */
export function runBuilt(packageDir: string, format: BuiltFormat, body: string, subpath = ''): NodeRun {
  const { name: packageName } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const name = subpath === '' ? packageName : `${packageName}/${subpath}`;
  const load =
    format === 'esm' ? `import * as mod from ${JSON.stringify(name)};` : `const mod = require(${JSON.stringify(name)});`;
  const script = format === 'esm' ? `${load}\n${body}` : `(async () => { ${load}\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['--input-type', format === 'esm' ? 'module' : 'commonjs', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Asserts the built package loads silently in both formats and exports at least `names`.
 * Throws with what Node printed when it does not.
 */
export function expectBuiltPackageLoads(packageDir: string, names: readonly string[], subpath = ''): void {
  for (const format of ['esm', 'cjs'] as const) {
    const run = runBuilt(packageDir, format, 'console.log(JSON.stringify(Object.keys(mod)));', subpath);
    if (run.status !== 0) {
      throw new Error(`${format} build of ${packageDir} failed to load (exit ${run.status}):\n${run.stderr}`);
    }
    if (run.stderr.trim() !== '') {
      throw new Error(`${format} build of ${packageDir} printed to stderr while loading:\n${run.stderr}`);
    }
    const exported = new Set(JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as string[]);
    const missing = names.filter((n) => !exported.has(n));
    if (missing.length > 0) {
      throw new Error(`${format} build of ${packageDir} does not export ${missing.join(', ')}.`);
    }
  }
}
