import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads } from '@lnn/test-utils';
import { describe, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/ode built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['solve', 'rk4', 'dopri5', 'verlet', 'variational', 'explicitRungeKutta', 'DOPRI5', 'version']);
  });
});
