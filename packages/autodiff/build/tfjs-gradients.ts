/**
 * Build-time bridge to tfjs-core's gradient rules.
 *
 * tfjs-core registers no gradients by itself: its rules live in `dist/gradients/*.js`, reachable
 * only through `dist/register_all_gradients.js`, an ES module with extension-less relative imports
 * that plain Node cannot load (and the CommonJS bundle `tf-core.node.js` does not contain them).
 *
 * This module makes a virtual module, `virtual:tfjs-gradient-configs`, whose only export is
 * `tfjsGradConfigs`: the list of `GradConfig`s that `register_all_gradients.js` would register.
 * Importing it also installs tfjs's chained tensor methods (`x.square().sum()`), which are missing
 * from the CommonJS bundle for the same reason. esbuild bundles it into `@lnn/autodiff`'s ESM and CJS output. To avoid shipping a second copy of
 * tfjs-core, every import inside tfjs-core's files that names only public API (directly, or through
 * the public namespaces `util`, `backend_util`, `slice_util`; `ENGINE` through `engine()`) is
 * rewritten to `@tensorflow/tfjs-core`, which stays external (the user's single copy). What is not
 * public (a few backprop ops such as `conv2DBackpropFilter`) is bundled; it reaches the engine and
 * the registries through tfjs's global singletons, as tfjs's own union bundle does.
 *
 * The same esbuild build serves tsup (`tfjsGradientsEsbuildPlugin`) and vitest
 * (`tfjsGradientsVitePlugin`), so tests and the published files run identical code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const TFJS_GRADIENTS_MODULE = 'virtual:tfjs-gradient-configs';

const NAMESPACE = 'lnn-tfjs-gradients';
const PUBLIC_NAMESPACES = ['util', 'backend_util', 'slice_util'] as const;

const require = createRequire(import.meta.url);

function tfjsCoreDist(): string {
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist');
}

/** The entry: every `xGradConfig` that tfjs-core's `register_all_gradients.js` imports. */
function virtualEntry(dist: string): string {
  const source = readFileSync(path.join(dist, 'register_all_gradients.js'), 'utf8');
  const imports = [...source.matchAll(/^import \{ (\w+GradConfig) \} from '(\.\/gradients\/\w+)';$/gm)];
  if (imports.length < 50) {
    throw new Error(
      `tfjs-gradients: found ${imports.length} gradient imports in ${dist}/register_all_gradients.js, ` +
        'expected over 100. The layout of @tensorflow/tfjs-core changed; update build/tfjs-gradients.ts.',
    );
  }
  const lines = imports.map(
    ([, name, spec]) => `import { ${name} } from ${JSON.stringify(path.join(dist, `${spec}.js`))};`,
  );
  // tfjs's chained tensor methods (`x.square().sum()`) live in side-effect modules the CommonJS
  // bundle lacks too; they patch the one global Tensor class.
  lines.push(`import ${JSON.stringify(path.join(dist, 'public/chained_ops/register_all_chained_ops.js'))};`);
  lines.push(`export const tfjsGradConfigs = [${imports.map(([, name]) => name).join(', ')}];`);
  return lines.join('\n');
}

type Location = { kind: 'direct' } | { kind: 'expr'; expr: string; root: string } | undefined;

/**
 * Rewrites `import { a, b as c } from './relative'` to the public package when every name is public.
 * Exported for its test.
 */
export function rewriteToPublicImports(source: string, publicApi: Record<string, unknown>): string {
  const locate = (name: string): Location => {
    if (name === 'ENGINE') return { kind: 'expr', expr: 'engine()', root: 'engine' };
    if (name in publicApi) return { kind: 'direct' };
    for (const ns of PUBLIC_NAMESPACES) {
      const space = publicApi[ns] as Record<string, unknown> | undefined;
      if (space != null && name in space) return { kind: 'expr', expr: `${ns}.${name}`, root: ns };
    }
    return undefined;
  };
  let counter = 0;
  return source.replace(/^import \{([^}]*)\} from '(\.[^']*)';$/gm, (statement, names: string) => {
    const specs = names
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) => {
        const [imported = s, local = imported] = s.split(/\s+as\s+/);
        return { imported, local, at: locate(imported) };
      });
    if (specs.some((s) => s.at === undefined)) return statement;
    const id = `__tfjs${counter++}`;
    const direct = specs
      .filter((s) => s.at?.kind === 'direct')
      .map((s) => (s.imported === s.local ? s.imported : `${s.imported} as ${s.local}`));
    const roots = new Set(specs.flatMap((s) => (s.at?.kind === 'expr' ? [s.at.root] : [])));
    const named = [...direct, ...[...roots].map((root) => `${root} as ${id}_${root}`)];
    let out = `import { ${named.join(', ')} } from '@tensorflow/tfjs-core';`;
    for (const s of specs) {
      if (s.at?.kind === 'expr') out += ` const ${s.local} = ${id}_${s.at.expr};`;
    }
    return out;
  });
}

/** esbuild plugin (used by tsup): resolves `virtual:tfjs-gradient-configs`. */
export function tfjsGradientsEsbuildPlugin(): esbuild.Plugin {
  return {
    name: 'lnn-tfjs-gradients',
    setup(build) {
      const dist = tfjsCoreDist();
      const publicApi = require('@tensorflow/tfjs-core') as Record<string, unknown>;
      build.onResolve({ filter: /^virtual:tfjs-gradient-configs$/ }, () => ({
        path: TFJS_GRADIENTS_MODULE,
        namespace: NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
        contents: virtualEntry(dist),
        loader: 'js',
        resolveDir: dist,
      }));
      // The public package itself stays external: the user's one copy of tfjs-core.
      build.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /[\\/]tfjs-core[\\/]dist[\\/].*\.js$/ }, (args) => ({
        contents: rewriteToPublicImports(readFileSync(args.path, 'utf8'), publicApi),
        loader: 'js',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/** The bundled virtual module as ESM text, for tools that are not esbuild (vitest). */
export async function bundleTfjsGradients(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: `export { tfjsGradConfigs } from '${TFJS_GRADIENTS_MODULE}';`, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [tfjsGradientsEsbuildPlugin()],
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('tfjs-gradients: esbuild produced no output');
  return file.text;
}

/** Minimal Vite plugin shape, so this file does not depend on vite's types. */
interface VitePluginLike {
  name: string;
  enforce: 'pre';
  resolveId(id: string): string | undefined;
  load(id: string): Promise<string | undefined>;
}

/** Vite plugin (used by vitest): serves the same bundle as the published build contains. */
export function tfjsGradientsVitePlugin(): VitePluginLike {
  const resolved = `\0${TFJS_GRADIENTS_MODULE}`;
  let code: Promise<string> | undefined;
  return {
    name: 'lnn-tfjs-gradients',
    enforce: 'pre',
    resolveId: (id) => (id === TFJS_GRADIENTS_MODULE ? resolved : undefined),
    load: async (id) => (id === resolved ? (code ??= bundleTfjsGradients()) : undefined),
  };
}
