/**
 * The tsup configuration every publishable package builds with: ESM + CJS + .d.ts/.d.cts, Node 20,
 * and `__LNN_VERSION__` replaced by the package's own version. Packages call it from their
 * tsup.config.ts, adding what only they need.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Options } from 'tsup';

export function packageVersion(dir: string = process.cwd()): string {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function libraryConfig(extra: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    define: { __LNN_VERSION__: JSON.stringify(packageVersion()) },
    ...extra,
  };
}
