import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads } from '@lnn/test-utils';
import { describe, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/ode built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['solve', 'rk4', 'dopri5', 'bs23', 'verlet', 'variational', 'embeddedRungeKutta', 'fixedStep', 'rk4Integrator', 'dopri5Integrator', 'bs23Integrator', 'verletIntegrator', 'variationalIntegrator', 'explicitRungeKutta', 'DOPRI5', 'BS23', 'DEFAULT_MAX_STEPS', 'version']);
  });
});
