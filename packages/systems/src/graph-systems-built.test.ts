import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads } from '@lnn/test-utils';
import { describe, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/systems built output: graph systems', () => {
  it('exports the 2D wave, the meshes, the spring network, the Verlet rollout and the graph data sets, as ESM and CJS', () => {
    expectBuiltPackageLoads(packageDir, ['wave2d', 'meshFromTriangles', 'triangulatedDisc', 'triangulatedRectangle', 'springNetwork', 'verletRollout', 'graphDataset', 'datasetGraph']);
  });
});
