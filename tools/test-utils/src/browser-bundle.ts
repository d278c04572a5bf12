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
