import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
import { evaluate, rollout, rolloutEnergies, train } from '@lnn/lagrangian';
import { rk4 } from '@lnn/ode';
import { accelerationDataset, createRandom, wave1d } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDensity } from './density-comparison';
import { waveStateSampler, waveTrainingData } from './wave-data';

beforeAll(async () => {
  await initBackend();
});

describe('the 1D wave experiment, small', () => {
  it('a 6 → 32 → 32 → 1 density trained on wave data cuts held-out loss ≥ 100×, conserves its energy on a 100-point ring, and moves towards the true L', () => {
    const n = 16;
    const wave = wave1d({ n, dx: 1 }); // Δx = 1: accelerations are second differences, O(0.1)
    const sample = waveStateSampler(wave, { modes: 3 });
    const data = waveTrainingData(accelerationDataset(wave, { count: 1024, seed: 1, sample }));
    const held = waveTrainingData(accelerationDataset(wave, { count: 256, seed: 2, sample }));
    const model = new GraphLagrangian({ graph: ringGraph(n).config, hidden: [32, 32], seed: 4 });
    const before = evaluate(model, held);
    const untrained = compareDensity(model, { states: held });
    train(model, data, { steps: 400, batchSize: 32, schedule: { kind: 'one-cycle', peak: 3e-2, total: 400 }, seed: 3 });
    const after = evaluate(model, held);
    // Measured (wasm, this seed): 2.14 → 6.1e-3, 349×; predicting q̈ = 0 scores 0.142 here. Seeds
    // differ — seed 3 stays on the paper's plateau (0.18) — so the seed is fixed and the bar is 100×.
    expect(before / after).toBeGreaterThan(100);
    expect(after).toBeLessThan(0.142 / 10);

    // The sum of densities over the ring against the true L, up to the scale and offset a
    // Lagrangian leaves free: measured relative residual 0.98 untrained → 0.22 trained.
    const trained = compareDensity(model, { states: held });
    expect(trained.total!.relativeResidual).toBeLessThan(0.35);
    expect(untrained.total!.relativeResidual).toBeGreaterThan(0.8);
    expect(trained.truth[0]).toBeCloseTo(0, 12); // slope −1, velocity −1: ½(1 − 1)

    // The same density on a 100-point ring: Lagrangian dynamics conserve their own energy (RK4
    // at dt 0.02 leaves 1e-7–1e-6 over t ≤ 10; a wrong energy or acceleration would drift by O(1)).
    const ring = model.onGraph(ringGraph(100).config);
    const big = wave1d({ n: 100, dx: 1 });
    const [phi, phiDot] = [new Float64Array(100), new Float64Array(100)];
    waveStateSampler(big, { modes: 12 })(createRandom(9), phi, phiDot);
    const r = rollout(ring, [...phi, ...phiDot], [0, 2.5, 5, 7.5, 10], rk4({ dt: 0.02 }));
    expect(r.ok).toBe(true);
    const learned = rolloutEnergies(ring, r); // [T, 1]: the model's own energy
    const learnedDrift = Math.max(...Array.from(learned, (e) => Math.abs(e - learned[0]!))) / Math.abs(learned[0]!);
    expect(learnedDrift).toBeLessThan(1e-4);
    const truth = Array.from({ length: 5 }, (_, t) => big.energy(r.states.subarray(200 * t, 200 * t + 100), r.states.subarray(200 * t + 100, 200 * (t + 1))));
    expect(truth.every((e) => Number.isFinite(e) && e > 0)).toBe(true); // the true energy ½(φ̇² + (∂φ/∂x)²) of the predicted states
    tf.dispose([...model.variables, ...ring.variables]);
  });
});
