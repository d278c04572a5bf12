#!/usr/bin/env node
// `pnpm test:consumer`: the packages as a user outside this workspace gets them. Packs every
// publishable package (as `pnpm publish` would), installs the tarballs with npm into a fresh
// project in the system's temporary folder (with tfjs-core, their peer, and TypeScript from the
// registry), then there: an ESM script and a CommonJS script that train, roll out, save and load a
// double-pendulum LNN, and a strict TypeScript file type-checked against the installed types.
// Run after `pnpm build`. Exits non-zero, printing what failed, if anything does.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, workspacePackages } from './workspace.mjs';

const catalog = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
const pinned = (name) => catalog.match(new RegExp(`^\\s+"?${name.replace('/', '\\/')}"?:\\s*([^\\s#]+)`, 'm'))?.[1];
const project = mkdtempSync(path.join(os.tmpdir(), 'lnn-consumer-'));
const keep = process.argv.includes('--keep');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

// What every script does, in its module system's spelling: a small LNN on double-pendulum data,
// trained, rolled out, saved, loaded back, and the loaded model's accelerations compared.
const body = (load) => `${load}
(async () => {
  const info = await initBackend();
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count: 512, seed: 1, sample: dp.sampleTrainingState });
  const data = { ...splitStates(ds.arrays.states.data, 2), qdd: ds.arrays.accelerations.data };
  const model = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'features', seed: 0 });
  const result = train(model, data, { steps: 20, batchSize: 32 });
  const y0 = sampleStates(dp, dp.sampleEnergyTestState, 4, 2);
  const r = rollout(model, y0, [0, 0.5, 1], rk4({ dt: 0.05 }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lnn-consumer-model-'));
  saveModel(model, dir);
  const loaded = loadModel(dir);
  const q = tf.tensor2d([[0.1, -0.3]]), v = tf.tensor2d([[0.2, 0.5]]);
  const same = Array.from(loaded.accelerations(q, v).dataSync()).every((x, i) => x === model.accelerations(q, v).dataSync()[i]);
  console.log(JSON.stringify({ backend: info.backend, steps: result.steps, rollout: r.status, same, energies: rolloutEnergies(model, r).length }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const esm = body(`import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initBackend } from '@lnn/autodiff';
import { rk4 } from '@lnn/ode';
import { accelerationDataset, doublePendulum, sampleStates, splitStates } from '@lnn/systems';
import { loadModel, MlpLagrangian, rollout, rolloutEnergies, saveModel, train } from '@lnn/lagrangian';`);

const cjs = body(`const tf = require('@tensorflow/tfjs-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { initBackend } = require('@lnn/autodiff');
const { rk4 } = require('@lnn/ode');
const { accelerationDataset, doublePendulum, sampleStates, splitStates } = require('@lnn/systems');
const { loadModel, MlpLagrangian, rollout, rolloutEnergies, saveModel, train } = require('@lnn/lagrangian');`);

// Strict TypeScript against the installed declarations: the public API's types as a user writes them.
// skipLibCheck as most projects set it: tfjs-core's own declarations name a global Long type that
// only some setups provide (our declarations are checked by are-the-types-wrong in check:packs).
const ts = `import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, jetHessian, pinv, type BackendInfo, type Solver } from '@lnn/autodiff';
import { allClose } from '@lnn/autodiff/testing';
import { dopri5, solve, type SolveMethod, type SolveResult } from '@lnn/ode';
import { luFactor, luSolve, singularTolerance } from '@lnn/linalg';
import { doublePendulum, secondOrderProblem, type Dataset } from '@lnn/systems';
import { loadModel, MlpLagrangian, train, type TrainOptions, type TrainResult, type DynamicsModel, type ModelKind } from '@lnn/lagrangian';
import { banded, GraphLagrangian, graphLagrangianKind, ringGraph } from '@lnn/graph-lagrangian';
import { baselineKinds, MlpDynamics, Hnn } from '@lnn/baselines';

export async function typed(): Promise<number> {
  const info: BackendInfo = await initBackend({ threads: 1 });
  const options: TrainOptions = { steps: 1, batchSize: 8, clipNorm: 10, definiteness: { weight: 1 }, lossCap: 1000 };
  const solver: Solver = pinv({ rcond: 1e-6 });
  const model: DynamicsModel = new MlpLagrangian({ dof: 2, hidden: [4], solver });
  const result: TrainResult = train(model, { q: [0, 0], qdot: [0, 0], qdd: [0, 0] }, options);
  const method: SolveMethod = dopri5({ rtol: 1e-8, atol: 1e-8 });
  const truth: SolveResult = solve(secondOrderProblem(doublePendulum()), [0.1, 0.2, 0, 0], [0, 1], method);
  const graph = new GraphLagrangian({ graph: ringGraph(8).config, hidden: [4], solver: banded() });
  const baseline: DynamicsModel = new MlpDynamics({ dof: 2, hidden: [4] });
  const h = jetHessian((x) => jets.sum(jets.square(x)))(tf.ones([1, 2]) as tf.Tensor2D);
  const dataset: Dataset | undefined = undefined;
  const lu = Float64Array.of(4, 1, 1, 3);
  const perm = new Int32Array(2);
  const x = Float64Array.of(1, 2);
  const step: number = luFactor(lu, 2, perm, singularTolerance(2, 4));
  if (step === -1) luSolve(lu, 2, perm, x, 1);
  const kinds: readonly ModelKind[] = [...baselineKinds, graphLagrangianKind];
  const load = (dir: string): DynamicsModel => loadModel(dir, { kinds, context: {} });
  void [Hnn, dataset, graph, baseline, allClose, load];
  return result.steps + truth.times.length + h.hessian.size + (info.threads ?? 0) + (x[0] ?? 0);
}
`;

try {
  const packages = workspacePackages().filter((p) => !p.manifest.private);
  const tarballs = packages.map(({ folder, manifest }) => {
    const before = new Set(readdirSync(project));
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(project).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`pnpm pack produced nothing for ${manifest.name}`);
    return `./${tarball}`;
  });
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'lnn-consumer', private: true, version: '0.0.0' }, null, 2)}\n`);
  console.log(`consumer: installing ${tarballs.length} packages into ${project}`);
  run('npm', ['install', '--no-fund', '--no-audit', '--loglevel=error', ...tarballs, `@tensorflow/tfjs-core@${pinned('@tensorflow/tfjs-core')}`, `typescript@${pinned('typescript')}`, `@types/node@${pinned('@types/node')}`]);
  writeFileSync(path.join(project, 'consumer.mjs'), esm);
  writeFileSync(path.join(project, 'consumer.cjs'), cjs);
  writeFileSync(path.join(project, 'consumer.ts'), ts);
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['consumer.ts'] }, null, 2)}\n`,
  );
  for (const script of ['consumer.mjs', 'consumer.cjs']) {
    const out = JSON.parse(run(process.execPath, [script], { env: { ...process.env, LNN_THREADS: '1' } }).trim().split('\n').pop());
    if (out.steps !== 20 || !out.same || out.rollout.some((s) => s !== 'success') || out.energies !== 12) {
      throw new Error(`${script} ran but gave ${JSON.stringify(out)}`);
    }
    console.log(`consumer: ${script} trained, rolled out, saved and loaded on ${out.backend}`);
  }
  run(path.join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
  console.log('consumer: consumer.ts type-checks under strict TypeScript (nodenext)');
  console.log('Consumer test passed.');
} catch (error) {
  console.error(`Consumer test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(project, { recursive: true, force: true });
  else console.log(`consumer: project kept in ${project}`);
}
