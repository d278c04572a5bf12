import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { evaluate, loadModel, rollout, saveModel, train, type DynamicsModel } from '@lnn/lagrangian';
import { rk4 } from '@lnn/ode';
import { beforeAll, describe, expect, it } from 'vitest';
import { Delan, Hnn, MlpDynamics, NeuralOde } from './index';
import { oscillatorData, oscillatorLagrangian } from './internal/test-data';

beforeAll(async () => {
  await initBackend();
});

const small = { dof: 1, hidden: [32, 32], seed: 3 } as const;
/**
 * Each baseline, the factor its held-out loss must fall by in 300 steps on the oscillator, and its
 * load context. Observed (wasm): MLP 102×, neural ODE 88×, HNN 66× (both modes coincide here:
 * with m = 1, p = q̇), DeLaN 145×; required 20×, a margin for other backends and seeds.
 */
const cases: [string, () => DynamicsModel, number, Record<string, unknown>][] = [
  ['MlpDynamics', () => new MlpDynamics(small), 20, {}],
  ['NeuralOde', () => new NeuralOde(small), 20, {}],
  ['Hnn (canonical momentum)', () => new Hnn({ ...small, momentum: 'canonical' }, { momentumMap: oscillatorLagrangian }), 20, { momentumMap: oscillatorLagrangian }],
  ['Hnn (q̇ as momentum)', () => new Hnn({ ...small, momentum: 'velocity' }), 20, {}],
  ['Delan', () => new Delan(small), 20, {}],
];

describe.each(cases)('%s behind the dynamics-model interface', (_name, make, factor, context) => {
  const trainSet = oscillatorData(2000, 1);
  const heldOut = oscillatorData(500, 2);

  it(`trains with the LNN's trainer: held-out acceleration loss falls by more than ${factor}×`, () => {
    const model = make();
    const before = evaluate(model, heldOut);
    const tensors = tf.memory().numTensors;
    train(model, trainSet, { steps: 300, batchSize: 32, schedule: { kind: 'one-cycle', peak: 3e-3, total: 300 }, seed: 1 });
    expect(tf.memory().numTensors).toBe(tensors);
    const after = evaluate(model, heldOut);
    expect(before / after).toBeGreaterThan(factor);
    model.dispose();
  });

  it('saves and loads to identical outputs', () => {
    const model = make();
    train(model, trainSet, { steps: 20, batchSize: 16, schedule: { kind: 'constant', value: 1e-2 } }); // move off the initialisation
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-baseline-'));
    saveModel(model, dir);
    const loaded = loadModel(dir, context);
    expect(loaded.kind).toBe(model.kind);
    expect(loaded.config).toEqual(model.config);
    const q = tf.tensor2d([[0.3], [-0.7], [0.1]]);
    const v = tf.tensor2d([[0.5], [0.2], [-0.9]]);
    const outputs = (m: DynamicsModel) => [m.accelerations(q, v), ...(m.energy === undefined ? [] : [m.energy(q, v)]), ...(m.stateDerivative === undefined ? [] : [m.stateDerivative(q, v)])].map((t) => Array.from(t.dataSync()));
    expect(outputs(loaded)).toEqual(outputs(model));
    tf.dispose([q, v]);
    model.dispose();
    loaded.dispose();
  });

  it('rolls out with the LNN\'s rollout, without leaking', () => {
    const model = make();
    const tensors = tf.memory().numTensors;
    const r = rollout(model, [0.5, 0, -0.2, 0.3], [0, 0.5, 1], rk4({ dt: 0.01 }));
    expect(r.ok).toBe(true);
    expect(r.states.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
  });
});
