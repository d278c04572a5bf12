import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { checkVariableGradients } from '@lnn/autodiff/testing';
import { loadModel, rollout, saveModel, train, type DynamicsModel } from '@lnn/lagrangian';
import { rk4 } from '@lnn/ode';
import { beforeAll, describe, expect, it } from 'vitest';
import * as baselines from './index';
import { baselineKinds, Delan, Hnn, MlpDynamics, NeuralOde } from './index';
import { oscillatorData, oscillatorLagrangian } from './internal/test-data';

beforeAll(async () => {
  await initBackend();
});

const small = { dof: 1, hidden: [32, 32], seed: 3 } as const;
/** Each baseline and its load context. */
const cases: [string, () => DynamicsModel, Record<string, unknown>][] = [
  ['MlpDynamics', () => new MlpDynamics(small), {}],
  ['NeuralOde', () => new NeuralOde(small), {}],
  ['Hnn (canonical momentum)', () => new Hnn({ ...small, momentum: 'canonical' }, { momentumMap: oscillatorLagrangian }), { momentumMap: oscillatorLagrangian }],
  ['Hnn (q̇ as momentum)', () => new Hnn({ ...small, momentum: 'velocity' }), {}],
  ['Delan', () => new Delan(small), {}],
];

describe.each(cases)('%s behind the dynamics-model interface', (_name, make, context) => {
  const trainSet = oscillatorData(2000, 1);

  // That each model trains with the LNN's trainer, checked on its mechanism rather than on one
  // seed's run: the gradient of the loss the trainer fits (q̈, or [q', q̈] for a model with its
  // own state derivative) is right, and the trainer's step goes down it.
  it("the gradient of the trainer's loss in the weights equals central differences of that loss", () => {
    const model = make();
    const batch = oscillatorData(32, 3);
    const [q, v, qdd] = [tf.tensor2d(Array.from(batch.q), [32, 1]), tf.tensor2d(Array.from(batch.qdot), [32, 1]), tf.tensor2d(Array.from(batch.qdd), [32, 1])];
    const loss = () =>
      tf.tidy(() => (model.stateDerivative === undefined ? tf.mean(tf.square(tf.sub(model.accelerations(q, v), qdd))) : tf.mean(tf.square(tf.sub(model.stateDerivative(q, v), tf.concat([v, qdd], 1)))))) as tf.Scalar;
    const tensors = tf.memory().numTensors;
    // ±1e-3 on each of the ~1,100 weights of a smooth network at states in [−1, 1]²: float32
    // rounding and truncation both near 1e-4 of the loss. Measured: agreement to ≤ 9e-4 relative
    // (all five models); the helper's rtol 1e-2 leaves room and still catches a wrong gradient.
    const checks = checkVariableGradients(loss, model.variables, { directions: 3, seed: 2 });
    expect(checks.every((c) => Math.abs(c.autodiff) > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([q, v, qdd]);
    model.dispose();
  });

  it("the trainer's steps at a small learning rate lower the loss of the batch they are taken on (data of one state: every batch is the same), without leaking", () => {
    const model = make();
    const one = oscillatorData(1, 4);
    const tensors = tf.memory().numTensors;
    const losses: number[] = [];
    // Adam's first steps move every weight by about the learning rate against its gradient's sign:
    // a descent direction, so at 1e-4 the loss (reported before each update) falls at every step.
    train(model, one, { steps: 4, batchSize: 8, loss: 'mse', schedule: { kind: 'constant', value: 1e-4 }, progressEvery: 1, onProgress: (p) => losses.push(p.loss) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(losses).toHaveLength(4);
    losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i] as number));
    expect(losses[3]).toBeLessThan((losses[0] as number) * (1 - 1e-4));
    model.dispose();
  });

  it('saves and loads to identical outputs', () => {
    const model = make();
    train(model, trainSet, { steps: 20, batchSize: 16, schedule: { kind: 'constant', value: 1e-2 } }); // move off the initialisation
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-baseline-'));
    saveModel(model, dir);
    // Importing this package registered nothing: without its kind, loadModel refuses the folder
    // and names the export to pass — which is this package's kind for it.
    const exportName = ({ 'mlp-dynamics': 'mlpDynamicsKind', 'neural-ode': 'neuralOdeKind', hnn: 'hnnKind', delan: 'delanKind' } as Record<string, string>)[model.kind] as string;
    expect(() => loadModel(dir)).toThrow(`holds a model of kind "${model.kind}", which is not among the kinds given (mlp-lagrangian). @lnn/baselines exports it as ${exportName}: import { ${exportName} } from '@lnn/baselines'`);
    expect((baselines as Record<string, unknown>)[exportName]).toBe(baselineKinds.find((k) => k.kind === model.kind));
    const loaded = loadModel(dir, { kinds: baselineKinds, context });
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
