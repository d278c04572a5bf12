import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads } from '@lnn/test-utils';
import { describe, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/linalg built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, [
      'luFactor',
      'luSolve',
      'luSolveTransposed',
      'luSolveVector',
      'choleskyFactor',
      'choleskySolve',
      'symmetricEigen',
      'bandedLu',
      'bandedLuFactor',
      'bandedLuSolve',
      'cyclicBandedSolve',
      'conjugateGradient',
      'conjugateGradientOptions',
      'bandToDense',
      'singularTolerance',
      'FLOAT64_EPSILON',
      'FLOAT32_EPSILON',
      'FLOAT32_MAX',
      'version',
    ]);
  });
});
