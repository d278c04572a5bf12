import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, expectImportHasNoGlobalEffect, runBuilt } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/lagrangian built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['version', 'loadModel', 'saveModel', 'mlpLagrangianKind']);
  });

  it.each(['esm', 'cjs'] as const)('without initBackend(), a model says what to call (%s), not tfjs\'s "No backend found in registry"', (format) => {
    const run = runBuilt(packageDir, format, `try { new mod.MlpLagrangian({ dof: 2, hidden: [4] }); console.log('built'); } catch (e) { console.log(e.name + ': ' + e.message); }`);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('NoBackendError: MlpLagrangian: no tfjs backend is running. Call `await initBackend()` from @lnn/autodiff first (wasm by default; LNN_BACKEND or { backend } choose another).');
  });

  it('declares "sideEffects": false, and it is the truth: importing it changes nothing global (beyond the gradient rules @lnn/autodiff registers): no model kind is registered anywhere', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toBe(false);
    expectImportHasNoGlobalEffect(packageDir, ['@tensorflow/tfjs-core', '@lnn/autodiff']);
  });
});
