import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectBuiltPackageLoads, expectImportHasNoGlobalEffect, runBuilt } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@lnn/systems built output', () => {
  it('loads silently from plain Node, as ESM and as CJS, with its public API', () => {
    expectBuiltPackageLoads(packageDir, ['doublePendulum', 'relativisticParticle', 'wave1d', 'pendulumChain', 'accelerationDataset', 'writeDataset', 'readDataset', 'dampedDoublePendulum', 'drivenPendulum', 'forcedProblem', 'sinusoid', 'positionTrajectories', 'version']);
    expectBuiltPackageLoads(packageDir, ['fromFormula'], 'formula');
  });

  it('does not load mathjs unless @lnn/systems/formula is imported', () => {
    const mathjsLoaded = `console.log(JSON.stringify(Object.keys(require.cache).some((k) => k.includes('/mathjs/'))));`;
    expect(runBuilt(packageDir, 'cjs', mathjsLoaded).stdout.trim()).toBe('false');
    expect(runBuilt(packageDir, 'cjs', mathjsLoaded, 'formula').stdout.trim()).toBe('true');
  });

  it('declares "sideEffects": false, and it is the truth: importing it changes nothing global', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects: unknown };
    expect(manifest.sideEffects).toBe(false);
    expectImportHasNoGlobalEffect(packageDir);
    expectImportHasNoGlobalEffect(packageDir, [], 'formula');
  });
});
