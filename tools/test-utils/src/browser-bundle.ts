import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** What bundling a package for a browser gave. */
export interface BrowserBundle {
  /** The files bundled, relative to the package's folder. */
  readonly inputs: readonly string[];
  /** esbuild's errors (a Node built-in reached from the entry is one) and warnings. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Bundles the package at `packageDir`, imported by its own name as a browser app would, with
 * everything it imports: esbuild with platform `browser` (the `browser` export condition and
 * package.json `browser` fields apply; a Node built-in that nothing maps away is an error).
 *
 * @example
 * const bundle = await bundleForBrowser(dir);
 * expect(bundle.errors).toEqual([]);
 */
export async function bundleForBrowser(packageDir: string): Promise<BrowserBundle> {
  const { name } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string };
  try {
    const result = await esbuild.build({
      stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: packageDir, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return {
      inputs: Object.keys(result.metafile.inputs).map((file) => path.relative(packageDir, path.resolve(process.cwd(), file))),
      errors: [],
      warnings: result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`),
    };
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[] };
    if (failure.errors === undefined) throw error;
    return { inputs: [], errors: failure.errors.map((e) => `${e.location?.file ?? ''}: ${e.text}`), warnings: [] };
  }
}

/**
 * The check every package with a browser build makes: bundled for a browser, the package takes
 * its `dist/browser/index.js` (not the Node build) and bundles with no error (no Node built-in
 * reached) and no warning; throws an error listing what is wrong. Returns the bundle for further checks.
 *
 * @example
 * const bundle = await expectBrowserBuild(packageDir);
 * expect(bundle.inputs.some((f) => f.includes('tfjs-backend-wasm'))).toBe(true);
 */
export async function expectBrowserBuild(packageDir: string): Promise<BrowserBundle> {
  const bundle = await bundleForBrowser(packageDir);
  const problems = [
    ...bundle.errors.map((e) => `error: ${e}`),
    ...bundle.warnings.map((w) => `warning: ${w}`),
    ...(bundle.inputs.includes(path.join('dist', 'browser', 'index.js')) ? [] : ['dist/browser/index.js was not bundled (is the `browser` export condition there?)']),
    ...(bundle.inputs.includes(path.join('dist', 'index.js')) ? ['the Node build dist/index.js was bundled'] : []),
  ];
  if (problems.length > 0) throw new Error(`browser bundle of ${packageDir}:\n${problems.join('\n')}`);
  return bundle;
}
