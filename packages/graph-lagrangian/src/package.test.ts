import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/graph-lagrangian built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['version', 'GraphLagrangian', 'ringGraph', 'fixedEndsGraph', 'periodicGridGraph', 'neighbourGraph', 'periodicBandedSolve', 'bandedSolve', 'conjugateGradientSolve', 'graphAccelerations', 'banded', 'cg', 'graphSolverFromJson', 'GRAPH_SOLVER_NAMES']);
  });

  it('declares its entry files as having side effects: importing them registers the graph-lagrangian model kind for loadModel', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    // `false` would let a bundler drop the import, and loadModel would no longer know the kind.
    expect(manifest.sideEffects).toEqual(['./dist/index.js', './dist/index.cjs']);
    expect(readFileSync(new URL('../src/graph-lagrangian.ts', import.meta.url), 'utf8')).toContain("registerModel('graph-lagrangian'");
  });
});
