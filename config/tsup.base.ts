/**
 * The tsup configuration every publishable package builds with: ESM + CJS + .d.ts/.d.cts, Node 20,
 * and `__LNN_VERSION__` replaced by the package's own version. Packages call it from their
 * tsup.config.ts, adding what only they need.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/** Where a package's browser build goes (inside `dist`, kept by the Node build's clean). */
export const BROWSER_OUT_DIR = 'dist/browser';

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
    // The browser build (browserConfig) writes dist/browser/ at the same time: not ours to remove.
    clean: ['!browser/**'],
    target: 'node20',
    platform: 'node',
    define: { __LNN_VERSION__: JSON.stringify(packageVersion()) },
    ...extra,
  };
}

/**
 * Resolves every relative import of `x` to `x.browser.ts` where that sibling exists: the browser
 * build's copy of the few modules that need Node (files, worker threads), with the same exports.
 */
export function browserVariantsPlugin(): EsbuildPlugin {
  return {
    name: 'lnn-browser-variants',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const variant = `${path.resolve(args.resolveDir, args.path).replace(/\.(ts|js)$/, '')}.browser.ts`;
        return existsSync(variant) && variant !== args.importer ? { path: variant } : undefined;
      });
    },
  };
}

/**
 * The browser build of a package's main entry, for the `browser` condition of its exports map:
 * ESM, platform `browser`, into `dist/browser/`,
 * with each module that has a `.browser.ts` sibling replaced by it. Types are the Node build's.
 * tsup leaves a Node built-in that still reaches it external without a word: each package's
 * browser-build test bundles the result for a browser (`bundleForBrowser`), which fails on one.
 */
export function browserConfig(extra: Options = {}): Options {
  return {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: true,
    outDir: BROWSER_OUT_DIR,
    target: 'es2022',
    platform: 'browser',
    define: { __LNN_VERSION__: JSON.stringify(packageVersion()) },
    ...extra,
    esbuildPlugins: [browserVariantsPlugin(), ...(extra.esbuildPlugins ?? [])],
  };
}
