import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, expectImportHasNoGlobalEffect } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

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

  it('declares "sideEffects": false, and it is the truth: importing it changes nothing global', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toBe(false);
    expectImportHasNoGlobalEffect(packageDir);
  });
});
