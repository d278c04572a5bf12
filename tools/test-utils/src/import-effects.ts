import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuiltFormat } from './run-built';

/**
 * What a plain Node process can see of its global state: the global object's own properties,
 * tfjs-core's global registries (`_tfGlobals`: gradients, kernels, the Tensor class…), the
 * methods of its one Tensor class, its registered backends and environment flags. Runs in the
 * child process, so it is written as source.
 */
const SNAPSHOT = `() => {
  const g = globalThis;
  const registries = g._tfGlobals instanceof Map ? g._tfGlobals : new Map();
  const Tensor = registries.get('Tensor');
  const entries = [...registries.entries()].map(([name, value]) => [name, value instanceof Map ? [...value.keys()].map(String).sort() : typeof value]);
  return {
    globalThis: Object.getOwnPropertyNames(g).sort(),
    tfGlobals: Object.fromEntries(entries),
    tensorMethods: Tensor === undefined ? [] : Object.getOwnPropertyNames(Tensor.prototype).sort(),
    backends: Object.keys(g._tfengine?.registryFactory ?? {}).sort(),
    flags: Object.keys(g._tfengine?.ENV?.flagRegistry ?? {}).sort(),
  };
}`;

type Snapshot = Record<string, string[] | Record<string, string[] | string>>;

/** The differences between two snapshots, one line per registry: `name: +added −removed`. */
function differences(before: Snapshot, after: Snapshot): string[] {
  const lines: string[] = [];
  const compare = (label: string, a: unknown, b: unknown) => {
    if (Array.isArray(a) || Array.isArray(b)) {
      const [x, y] = [new Set((a as string[] | undefined) ?? []), new Set((b as string[] | undefined) ?? [])];
      const added = [...y].filter((k) => !x.has(k));
      const removed = [...x].filter((k) => !y.has(k));
      if (added.length + removed.length > 0) {
        lines.push(`${label}: ${[...added.slice(0, 8).map((k) => `+${k}`), ...removed.slice(0, 8).map((k) => `−${k}`)].join(' ')}${added.length + removed.length > 16 ? ` … (${added.length} added, ${removed.length} removed)` : ''}`);
      }
    } else if (typeof a === 'object' || typeof b === 'object') {
      const keys = new Set([...Object.keys((a as object | undefined) ?? {}), ...Object.keys((b as object | undefined) ?? {})]);
      for (const key of keys) compare(`${label}.${key}`, (a as Record<string, unknown> | undefined)?.[key], (b as Record<string, unknown> | undefined)?.[key]);
    } else if (a !== b) lines.push(`${label}: ${String(a)} → ${String(b)}`);
  };
  for (const key of Object.keys(after)) compare(key, before[key], after[key]);
  return lines;
}

/**
 * What importing a built package changes in a fresh Node process's global state — the global
 * object, tfjs-core's registries (gradients, kernels, backends, flags, the Tensor class's
 * methods) — beyond what importing `preload` (e.g. its dependencies, whose effects are theirs)
 * already did (`subpath`: one of its other entries, e.g. `'testing'`): one line per changed registry, empty when the import changes nothing global.
 * What `"sideEffects": false` promises a bundler, checked.
 *
 * @example
 * const changes = importEffects(dir, 'esm', ['@tensorflow/tfjs-core', '@lnn/autodiff']); // [] for a pure package
 */
export function importEffects(packageDir: string, format: BuiltFormat, preload: readonly string[] = [], subpath = ''): string[] {
  const { name: packageName } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const name = subpath === '' ? packageName : `${packageName}/${subpath}`;
  const load = (specifier: string) => (format === 'esm' ? `await import(${JSON.stringify(specifier)});` : `require(${JSON.stringify(specifier)});`);
  const body = `const snapshot = ${SNAPSHOT};
${preload.map(load).join('\n')}
const before = snapshot();
${load(name)}
console.log(JSON.stringify({ before, after: snapshot() }));`;
  const script = format === 'esm' ? body : `(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['--input-type', format === 'esm' ? 'module' : 'commonjs', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`importEffects: importing the ${format} build of ${name} failed (exit ${result.status}):\n${result.stderr}`);
  const { before, after } = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { before: Snapshot; after: Snapshot };
  return differences(before, after);
}

/**
 * Asserts that importing the built package, as ESM and as CJS, changes nothing global beyond
 * what `preload` does (see {@link importEffects}); throws listing the changes otherwise.
 */
export function expectImportHasNoGlobalEffect(packageDir: string, preload: readonly string[] = [], subpath = ''): void {
  for (const format of ['esm', 'cjs'] as const) {
    const changes = importEffects(packageDir, format, preload, subpath);
    if (changes.length > 0) throw new Error(`the ${format} build of ${packageDir}${subpath === '' ? '' : ` (${subpath})`} changes global state when imported:\n${changes.join('\n')}`);
  }
}
