#!/usr/bin/env node
/**
 * Learning the double pendulum from positions alone (issue 18), beside the velocity-supervised LNN
 * at the same CPU budget — a measurement, not a benchmark of speed:
 *
 *   pnpm --filter @lnn/bench bench:positions [--minutes 6] [--seed 0] [--dt 0.05] [--noise 0]
 *     [--methods order-4,order-2,velocities] [--newton-steps 1] [--out file.json]
 *
 * Methods: `order-4` and `order-2`, the discrete Euler–Lagrange method with the fourth-order
 * (Richardson) or the midpoint residual; `trajectory`; `velocities`, the LNN trained on q̇ and q̈.
 * Every model is the quick recipe's LNN (4→128→128→128→1 on (cos, sin) features, batch 256 — 64 for
 * the trajectory method, whose sample costs 16 Euler–Lagrange solves —, one-cycle peak 1e-3, Adam
 * β₂ 0.9, weight decay 1e-6, the H_vv guard, residuals capped at 1,000) trained for as many steps as
 * `--minutes` of this process's CPU time allow (timed on 30 steps first; run with LNN_THREADS=1).
 * Reported: held-out acceleration MAE (the quick recipe's 5,000 test states), the one-step position
 * loss of the discrete Euler–Lagrange method on held-out trajectories (also of the true L: the floor
 * of the midpoint rule at this Δt), and the true energy along a variational rollout of each model.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { evaluate, evaluatePositions, MlpLagrangian, rollout, train, trainFromPositions, trueDoublePendulum, variationalRollout, type PositionMethod, type Progress } from '@lnn/lagrangian';
import { dopri5 } from '@lnn/ode';
import { doublePendulum, trajectoryDataset } from '@lnn/systems';
import { QUICK_DP_LNN, doublePendulumData } from './cases/lnn';
import { doublePendulumPositions } from './cases/positions';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '6' },
    seed: { type: 'string', default: '0' },
    dt: { type: 'string', default: '0.05' },
    noise: { type: 'string', default: '0' },
    methods: { type: 'string', default: 'order-4,order-2,velocities' },
    'newton-steps': { type: 'string', default: '1' },
    trajectories: { type: 'string', default: '20000' },
    length: { type: 'string', default: '7' },
    rollout: { type: 'string', default: '400' },
    out: { type: 'string' },
  },
});
const numberOf = (name: keyof typeof values): number => {
  const value = Number(values[name]);
  if (!Number.isFinite(value)) throw new TypeError(`--${name}: expected a number, received ${JSON.stringify(values[name])}.`);
  return value;
};
const [minutes, seed, dt, noise, newtonSteps, trajectories, length, rolloutSteps] = (['minutes', 'seed', 'dt', 'noise', 'newton-steps', 'trajectories', 'length', 'rollout'] as const).map(numberOf) as [number, number, number, number, number, number, number, number];
type Method = 'order-4' | 'order-2' | 'trajectory' | 'velocities';
const methods = (values.methods as string).split(',') as Method[];
for (const m of methods) if (!['order-4', 'order-2', 'trajectory', 'velocities'].includes(m)) throw new TypeError(`--methods: unknown method ${JSON.stringify(m)}; expected order-4, order-2, trajectory or velocities.`);
const positionOptions = (method: Exclude<Method, 'velocities'>): { method: PositionMethod; order?: 2 | 4 } =>
  method === 'trajectory' ? { method } : { method: 'discrete-euler-lagrange', order: method === 'order-4' ? 4 : 2 };

const backend = await initBackend();
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

log(`data: ${trajectories} trajectories × ${length} positions at Δt = ${dt}, noise ${noise}; 100,000 velocity-supervised states; 5,000 test states (seed ${seed})`);
const positions = doublePendulumPositions(trajectories, length, dt, 1000 * seed + 1, noise);
const heldPositions = doublePendulumPositions(500, length, dt, 1000 * seed + 3, noise);
const velocities = doublePendulumData(100_000, 1000 * seed + 1);
const test = doublePendulumData(5000, 1000 * seed + 2);
const zeroMae = Array.from(test.qdd).reduce((s, x) => s + Math.abs(x), 0) / test.qdd.length;
const dp = doublePendulum();
const energyStarts = trajectoryDataset(dp, { count: 4, seed: 1000 * seed + 4, sample: dp.sampleEnergyTestState, times: [0, dt] });

const makeModel = () => new MlpLagrangian({ ...QUICK_DP_LNN, seed: 10 * seed + 1 });
const recipe = { loss: 'l1' as const, weightDecay: 1e-6, adam: { beta2: 0.9 }, definiteness: { weight: 1 }, lossCap: 1000, seed: 1000 * seed + 3 };
const batchOf = (method: string) => (method === 'trajectory' ? 64 : 256);

/** Trains `model` by `method` for `steps` steps (its own one-cycle schedule), reporting on the way. */
function run(method: Method, model: MlpLagrangian, steps: number, onProgress?: (p: Progress) => void) {
  const options = { ...recipe, steps, batchSize: batchOf(method), schedule: { kind: 'one-cycle' as const, peak: 1e-3, total: steps }, progressEvery: 1, ...(onProgress === undefined ? {} : { onProgress }) };
  if (method === 'velocities') return train(model, velocities, options);
  return trainFromPositions(model, positions, { ...options, ...positionOptions(method), newtonSteps });
}

/** CPU seconds per step, from steps 11 … 40 of a throwaway model (the first ones are slower: warm-up). */
function secondsPerStep(method: Method): number {
  const model = makeModel();
  const stamps: number[] = [];
  run(method, model, 40, () => stamps.push(cpuSeconds()));
  model.dispose();
  return ((stamps[39] as number) - (stamps[9] as number)) / 30;
}

/** The true energy along a variational rollout of the model from exact (q₀, q₁) of four slow starts. */
function rolloutEnergy(model: MlpLagrangian | ReturnType<typeof trueDoublePendulum>): { meanEnergyError: number; maxEnergyError: number; ok: boolean; message: string } {
  try {
    return rolloutEnergyOrThrow(model);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { meanEnergyError: Number.NaN, maxEnergyError: Number.NaN, ok: false, message: error.message };
  }
}

/** The true energy along a continuous (DOPRI5, 1e-6) rollout of the model's own dynamics from the same four exact states (q₁, q̇₁). */
function continuousEnergy(model: MlpLagrangian): { meanEnergyError: number; maxEnergyError: number; ok: boolean; message: string } {
  const states = energyStarts.arrays.states!.data;
  const y0 = states.subarray(4 * 4, 8 * 4);
  const times = Array.from({ length: rolloutSteps + 1 }, (_, k) => (k + 1) * dt);
  // A step limit: a learned model can make DOPRI5 take tiny steps (a seed-0 run spent over 10 CPU minutes after its
  // training without finishing, in the rollouts or the evaluations; this and the MAE logged first bound the damage).
  const r = rollout(model, y0, times, dopri5({ rtol: 1e-6, atol: 1e-6, maxSteps: 20_000 }));
  const e0 = [0, 1, 2, 3].map((b) => dp.energy(states.subarray(b * 4, b * 4 + 2), states.subarray(b * 4 + 2, b * 4 + 4)));
  let [sum, count, worst] = [0, 0, 0];
  for (let k = 0; k < r.times.length; k++) {
    for (let b = 0; b < 4; b++) {
      if (k >= (r.reached[b] as number)) continue;
      const o = (k * 4 + b) * 4;
      const error = Math.abs(dp.energy(r.states.subarray(o, o + 2), r.states.subarray(o + 2, o + 4)) - (e0[b] as number)) / dp.potentialBound;
      [sum, count, worst] = [sum + error, count + 1, Math.max(worst, error)];
    }
  }
  return { meanEnergyError: sum / count, maxEnergyError: worst, ok: r.ok, message: r.message };
}

function rolloutEnergyOrThrow(model: MlpLagrangian | ReturnType<typeof trueDoublePendulum>) {
  const states = energyStarts.arrays.states!.data;
  const q = (row: number) => Array.from({ length: 8 }, (_, i) => states[(row * 4 + Math.floor(i / 2)) * 4 + (i % 2)] as number);
  const e0 = [0, 1, 2, 3].map((b) => dp.energy(states.subarray(b * 4, b * 4 + 2), states.subarray(b * 4 + 2, b * 4 + 4)));
  const r = variationalRollout(model as { lagrangian: NonNullable<typeof model.lagrangian> }, q(0), q(1), { dt, steps: rolloutSteps });
  let [sum, count, worst] = [0, 0, 0];
  for (let k = 0; k < r.times.length; k++) {
    for (let b = 0; b < 4; b++) {
      if (k >= (r.reached[b] as number)) continue;
      const o = (k * 4 + b) * 4;
      const error = Math.abs(dp.energy(r.states.subarray(o, o + 2), r.states.subarray(o + 2, o + 4)) - (e0[b] as number)) / dp.potentialBound;
      [sum, count, worst] = [sum + error, count + 1, Math.max(worst, error)];
    }
  }
  return { meanEnergyError: sum / count, maxEnergyError: worst, ok: r.ok, message: r.message };
}

const trueModel = trueDoublePendulum();
const floors = { 2: evaluatePositions(trueModel, heldPositions, { method: 'discrete-euler-lagrange', order: 2, newtonSteps }), 4: evaluatePositions(trueModel, heldPositions, { method: 'discrete-euler-lagrange', order: 4 }) };
log(`true L: held-out discrete Euler–Lagrange loss, order 2 ${floors[2].toFixed(4)}, order 4 ${floors[4].toFixed(4)} (each rule's own error at Δt = ${dt}); predicting q̈ = 0: MAE ${zeroMae.toFixed(3)}`);
const trueRollout = rolloutSteps > 0 ? rolloutEnergy(trueModel) : undefined;

const results: Record<string, unknown>[] = [];
for (const method of methods) {
  const perStep = secondsPerStep(method);
  const steps = Math.max(1, Math.floor((minutes * 60) / perStep));
  log(`${method}: ${(perStep * 1000).toFixed(1)} ms CPU per step at batch ${batchOf(method)} → ${steps} steps in ${minutes} CPU minutes`);
  const model = makeModel();
  const [cpu0, wall0] = [cpuSeconds(), performance.now()];
  const every = Math.max(1, Math.round(steps / 10));
  const result = run(method, model, steps, (p) => {
    if (p.step % every === 0) log(`${method}: step ${p.step}/${steps}, loss ${p.loss.toFixed(4)}, skipped ${p.skipped}, CPU ${(cpuSeconds() - cpu0).toFixed(0)} s`);
  });
  const [cpu, wall] = [cpuSeconds() - cpu0, (performance.now() - wall0) / 1000];
  const mae = evaluate(model, test);
  log(`${method}: held-out q̈ MAE ${mae.toFixed(4)} (before the rollouts)`);
  const positionLoss = { 2: evaluatePositions(model, heldPositions, { method: 'discrete-euler-lagrange', order: 2, newtonSteps }), 4: evaluatePositions(model, heldPositions, { method: 'discrete-euler-lagrange', order: 4 }) };
  const energy = rolloutSteps > 0 ? rolloutEnergy(model) : undefined;
  const continuous = rolloutSteps > 0 ? continuousEnergy(model) : undefined;
  log(`${method}: held-out q̈ MAE ${mae.toFixed(4)}, discrete position loss order 2 ${positionLoss[2].toFixed(4)} / order 4 ${positionLoss[4].toFixed(4)}, skipped ${result.skipped}, ${cpu.toFixed(0)} s CPU, ${wall.toFixed(0)} s wall`);
  results.push({ method, steps, batchSize: batchOf(method), cpuSeconds: cpu, wallSeconds: wall, skipped: result.skipped, accelerationMae: mae, discretePositionLoss: positionLoss, rollout: energy, continuousRollout: continuous });
  model.dispose();
}

const table = [
  `Double pendulum, Δt = ${dt}, noise ${noise}, seed ${seed}, ${minutes} CPU minutes per model, backend ${backend.backend}${backend.simd === true ? ' (SIMD)' : ''}, ${backend.threads ?? 1} thread(s); predicting q̈ = 0: MAE ${zeroMae.toFixed(3)}`,
  '',
  `| trained on | steps (batch) | CPU s | held-out q̈ MAE | discrete position loss, order 2 / order 4 (true L: ${floors[2].toFixed(4)} / ${floors[4].toFixed(4)}) | variational rollout, mean / max |ΔE|/29.4 over ${rolloutSteps} steps (true L: ${trueRollout === undefined ? '—' : `${trueRollout.meanEnergyError.toExponential(2)} / ${trueRollout.maxEnergyError.toExponential(2)}`}) | continuous (DOPRI5) rollout, same |`,
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const e = r.rollout as ReturnType<typeof rolloutEnergy> | undefined;
    const c = r.continuousRollout as ReturnType<typeof continuousEnergy> | undefined;
    const energyCell = (x: typeof e) => (x === undefined ? '—' : `${x.meanEnergyError.toExponential(2)} / ${x.maxEnergyError.toExponential(2)}${x.ok ? '' : ` (stopped: ${x.message})`}`);
    return `| ${r.method} | ${(r.steps as number).toLocaleString('en')} (${r.batchSize}) | ${(r.cpuSeconds as number).toFixed(0)} | ${(r.accelerationMae as number).toFixed(4)} | ${(r.discretePositionLoss as Record<2 | 4, number>)[2].toFixed(4)} / ${(r.discretePositionLoss as Record<2 | 4, number>)[4].toFixed(4)} | ${energyCell(e)} | ${energyCell(c)} |`;
  }),
].join('\n');
console.log(table);
if (values.out !== undefined) {
  writeFileSync(values.out, `${JSON.stringify({ settings: { minutes, seed, dt, noise, newtonSteps, trajectories, length, rolloutSteps, recipe }, zeroMae, trueDiscreteLoss: floors, trueRollout, results, backend, tensors: tf.memory().numTensors }, null, 2)}\n`);
}
