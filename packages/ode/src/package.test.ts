import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, expectImportHasNoGlobalEffect } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/ode built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['solve', 'rk4', 'dopri5', 'bs23', 'verlet', 'variational', 'embeddedRungeKutta', 'fixedStep', 'rk4Integrator', 'dopri5Integrator', 'bs23Integrator', 'verletIntegrator', 'variationalIntegrator', 'explicitRungeKutta', 'DOPRI5', 'BS23', 'DEFAULT_MAX_STEPS', 'version']);
  });

  it('declares "sideEffects": false, and it is the truth: importing it changes nothing global', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toBe(false);
    expectImportHasNoGlobalEffect(packageDir);
  });
});
