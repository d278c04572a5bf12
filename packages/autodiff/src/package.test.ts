import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, importEffects, runBuilt } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Runs in a fresh `node` on dist/index.js or dist/index.cjs: no vitest, no vite plugin.
const gradientCheck = `
const tf = await import('@tensorflow/tfjs-core');
const info = await mod.initBackend({ backend: process.argv.at(-1) });
const missing = mod.tfjsGradientKernelNames().filter((k) => tf.getGradient(k) == null);
const g = tf.grad((x) => tf.sum(tf.mul(x, tf.sin(x))))(tf.tensor1d([0.5]));
const chained = tf.tensor1d([1, 2]).square().sum().dataSync()[0];
console.log(JSON.stringify({ available: mod.availableBackends(), backend: info.backend, threads: info.threads ?? null, kernels: mod.tfjsGradientKernelNames().length, missing, grad: g.dataSync()[0], chained }));
`;

describe('@lnn/autodiff built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, [
      'initBackend',
      'currentBackend',
      'availableBackends',
      'BackendUnavailableError',
      'BackendInitError',
      'registerTfjsGradients',
      'tfjsGradientKernelNames',
      'registerGradients',
      'grad',
      'valueAndGrad',
      'jacobian',
      'hessian',
      'assertFinite',
      'jets',
      'jetHessian',
      'solve',
      'dampedSolve',
      'pinvSolve',
      'pinv',
      'damped',
      'lu',
      'cholesky',
      'solverFromJson',
      'SOLVER_NAMES',
      'checkSolverOptions',
      'symmetricEigenvalues',
      'LinalgError',
      'version',
    ]);
  });

  it('exports the testing helpers from @lnn/autodiff/testing', () => {
    expectBuiltPackageLoads(packageDir, ['allClose', 'assertAllClose', 'compareClose', 'checkGradients', 'checkVariableGradients', 'finiteDifference'], 'testing');
  });

  it('declares as having side effects exactly the files that have them: both entries (and the browser build of the main one, a single file) register gradient rules, the shared chunk installs tfjs\'s chained tensor methods', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toEqual(['./dist/index.js', './dist/index.cjs', './dist/browser/index.js', './dist/testing.js', './dist/testing.cjs', './dist/chunk-*.js']);
    // What an import does, seen from a plain Node process that has loaded tfjs-core already.
    for (const subpath of ['', 'testing']) {
      for (const format of ['esm', 'cjs'] as const) {
        const changes = importEffects(packageDir, format, ['@tensorflow/tfjs-core'], subpath);
        expect(changes.map((line) => line.split(':')[0])).toEqual(['tfGlobals.gradRegistry', 'tensorMethods']);
      }
    }
    // Where it happens: a top-level registerGradients() in each entry file; the chained methods
    // (bundled from tfjs-core, patching its one Tensor class) in the ESM build's shared chunk.
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    for (const entry of ['index.js', 'index.cjs', 'testing.js', 'testing.cjs']) expect(readFileSync(dist + entry, 'utf8')).toMatch(/^registerGradients\(\);$/m);
    const chunks = readdirSync(dist).filter((f) => /^chunk-.*\.js$/.test(f));
    expect(chunks.some((f) => /^getGlobalTensorClass\(\)\.prototype\.\w+ = /m.test(readFileSync(dist + f, 'utf8')))).toBe(true);
  });

  describe.each(['esm', 'cjs'] as const)('as %s', (format) => {
    it.each(['wasm', 'cpu'])('registers every tfjs gradient and differentiates on %s, printing nothing else', (backend) => {
      const run = runBuilt(packageDir, format, `process.argv.push(${JSON.stringify(backend)});\n${gradientCheck}`);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      // The only line is ours: tfjs's "Hi, looks like you are running TensorFlow.js in Node.js" banner is silenced.
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
      expect(result).toMatchObject({ backend, missing: [], chained: 5 });
      // wasm runs every core by default (the threaded build, its workers started from this
      // package's own worker script in both builds), and the process still ends by itself.
      const cores = Math.min(availableParallelism(), 8);
      expect(result.threads).toBe(backend === 'wasm' ? Number(process.env.LNN_THREADS || cores) : null);
      expect(result.kernels).toBeGreaterThan(100);
      expect(result.available).toEqual(expect.arrayContaining(['wasm', 'cpu']));
      // d/dx (x sin x) = sin x + x cos x at x = 0.5
      expect(result.grad).toBeCloseTo(Math.sin(0.5) + 0.5 * Math.cos(0.5), 5);
    });

    it('names the package to install for an unavailable backend', () => {
      const run = runBuilt(
        packageDir,
        format,
        `try { await mod.initBackend({ backend: 'tensorflow' }); console.log('started'); }
         catch (e) { console.log(e.name + ': ' + e.message); }`,
      );
      expect(run.status).toBe(0);
      if (run.stdout.includes('started')) return; // @tensorflow/tfjs-node is installed on this machine
      expect(run.stdout).toContain('BackendUnavailableError');
      expect(run.stdout).toContain('npm install @tensorflow/tfjs-node');
    });
  });
});
