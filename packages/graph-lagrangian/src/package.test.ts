import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, expectImportHasNoGlobalEffect } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/graph-lagrangian built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['version', 'GraphLagrangian', 'ringGraph', 'fixedEndsGraph', 'periodicGridGraph', 'neighbourGraph', 'periodicBandedSolve', 'bandedSolve', 'conjugateGradientSolve', 'graphAccelerations', 'graphLagrangianKind', 'banded', 'cg', 'graphSolverFromJson', 'GRAPH_SOLVER_NAMES']);
  });

  it('declares "sideEffects": false, and it is the truth: importing it changes nothing global (beyond the gradient rules @lnn/autodiff registers): graphLagrangianKind is a value given to loadModel, not a registration', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toBe(false);
    expectImportHasNoGlobalEffect(packageDir, ['@tensorflow/tfjs-core', '@lnn/autodiff']);
  });
});
