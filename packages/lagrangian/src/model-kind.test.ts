import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamicsModel } from './dynamics-model';
import { MlpLagrangian, mlpLagrangianKind, type MlpLagrangianConfig } from './mlp-lagrangian';
import { loadModel, loadWeights, saveModel } from './model-io';
import type { ModelKind } from './model-kind';

beforeAll(async () => {
  await initBackend();
});

/** A model class of a user's own: an MLP Lagrangian under another kind's name. */
function mine(config: MlpLagrangianConfig): DynamicsModel {
  const inner = new MlpLagrangian(config);
  return { kind: 'my-model', dof: inner.dof, extraDim: inner.extraDim, variables: inner.variables, config: inner.config, accelerations: (q, v, e) => inner.accelerations(q, v, e), dispose: () => inner.dispose() };
}
const myKind: ModelKind = { kind: 'my-model', build: (config) => mine(config as unknown as MlpLagrangianConfig) };
const saved = (model: DynamicsModel) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-kinds-'));
  saveModel(model, dir);
  model.dispose();
  return dir;
};
const outputs = (m: DynamicsModel) => tf.tidy(() => Array.from(m.accelerations(tf.tensor2d([[0.3], [-0.8]]), tf.tensor2d([[0.5], [0.1]])).dataSync()));

describe('loadModel builds only the kinds it is given', () => {
  it('an mlp-lagrangian always (the package\'s own kind); a kind of a user\'s own when given, to identical outputs', () => {
    const lnn = new MlpLagrangian({ dof: 1, hidden: [8], seed: 2 });
    const expected = outputs(lnn);
    const lnnDir = saved(lnn);
    for (const options of [undefined, {}, { kinds: [] }, { kinds: [mlpLagrangianKind] }, { kinds: [myKind] }]) {
      const loaded = loadModel(lnnDir, options);
      expect(loaded).toBeInstanceOf(MlpLagrangian);
      expect(outputs(loaded)).toEqual(expected);
      loaded.dispose();
    }
    const own = mine({ dof: 1, hidden: [8], seed: 3 });
    const ownOutputs = outputs(own);
    const ownDir = saved(own);
    const tensors = tf.memory().numTensors;
    expect(() => loadModel(ownDir)).toThrow(
      `loadModel: ${ownDir} holds a model of kind "my-model", which is not among the kinds given (mlp-lagrangian). No lnn package defines it: pass its kind in options.kinds, e.g. loadModel(dir, { kinds: [{ kind: "my-model", build: (config) => new YourModel(config) }] }).`,
    );
    const loaded = loadModel(ownDir, { kinds: [myKind, mlpLagrangianKind, myKind] }); // the same kind twice is one kind
    expect(loaded.kind).toBe('my-model');
    expect(outputs(loaded)).toEqual(ownOutputs);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('names the package that exports a known kind not given, and what it was given', () => {
    const dir = saved(mine({ dof: 1, hidden: [4] }));
    // A folder whose manifest names another package's kind (written here under that name by a stand-in).
    const hnnLike: ModelKind = { kind: 'hnn', build: () => mine({ dof: 1, hidden: [4] }) };
    expect(() => loadModel(dir, { kinds: [hnnLike] })).toThrow(/holds a model of kind "my-model", which is not among the kinds given \(hnn, mlp-lagrangian\)/);
    const hnnDir = mkdtempSync(path.join(os.tmpdir(), 'lnn-kinds-'));
    const stand = mine({ dof: 1, hidden: [4] });
    saveModel({ ...stand, kind: 'hnn' }, hnnDir);
    stand.dispose();
    expect(() => loadModel(hnnDir, { kinds: [myKind] })).toThrow(
      `loadModel: ${hnnDir} holds a model of kind "hnn", which is not among the kinds given (my-model, mlp-lagrangian). @lnn/baselines exports it as hnnKind: import { hnnKind } from '@lnn/baselines'; loadModel(dir, { kinds: [hnnKind] }).`,
    );
    // A kind whose build returns a model of another kind is refused, and what it built is released.
    const tensors = tf.memory().numTensors;
    expect(() => loadModel(hnnDir, { kinds: [hnnLike] })).toThrow('loadModel: the kind "hnn" given in options.kinds built a model of kind "my-model"; a kind\'s build must return models of its own kind.');
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses bad options, naming them, and the old loadModel(dir, context) form, saying where the context goes now', () => {
    const dir = saved(new MlpLagrangian({ dof: 1, hidden: [4] }));
    expect(() => loadModel(dir, { momentumMap: {} } as never)).toThrow(
      'loadModel: options has "momentumMap", expected only kinds and context. What a model\'s build needs goes in options.context: loadModel(dir, { kinds, context: { momentumMap } }), not loadModel(dir, { momentumMap }).',
    );
    expect(() => loadModel(dir, null as never)).toThrow('loadModel: options must be an object { kinds?, context? }, received null.');
    expect(() => loadModel(dir, { kinds: myKind as never })).toThrow('loadModel: options.kinds must be an array of model kinds (e.g. [hnnKind]), received an object.');
    expect(() => loadModel(dir, { kinds: ['hnn' as never] })).toThrow('loadModel: options.kinds[0] must be a model kind { kind: string, build(config, context) }, received "hnn".');
    expect(() => loadModel(dir, { kinds: [{ kind: 'x', build: 3 } as never] })).toThrow('loadModel: options.kinds[0] must be a model kind { kind: string, build(config, context) }, received an object with kind "x" and build 3.');
    expect(() => loadModel(dir, { kinds: [myKind, { ...myKind }] })).toThrow('loadModel: options.kinds[0] and options.kinds[1] are two different kinds named "my-model"; give one.');
    expect(() => loadModel(dir, { context: 'g' as never })).toThrow('loadModel: options.context must be an object, received "g".');
  });

  it('hands options.context to the kind\'s build', () => {
    const dir = saved(mine({ dof: 1, hidden: [4] }));
    let seen: unknown;
    const loaded = loadModel(dir, { kinds: [{ kind: 'my-model', build: (config, context) => ((seen = context), mine(config as unknown as MlpLagrangianConfig)) }], context: { scale: 2 } });
    expect(seen).toEqual({ scale: 2 });
    loaded.dispose();
  });
});

describe('loadWeights', () => {
  it('sets a model in hand to the saved weights, of any kind, building nothing', () => {
    for (const make of [() => new MlpLagrangian({ dof: 1, hidden: [8], seed: 5 }), () => mine({ dof: 1, hidden: [8], seed: 5 })]) {
      const model = make();
      const expected = outputs(model);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-weights-'));
      saveModel(model, dir);
      model.variables.forEach((v) => v.assign(tf.add(v, 0.25)));
      expect(outputs(model)).not.toEqual(expected);
      const tensors = tf.memory().numTensors;
      loadWeights(model, dir);
      expect(outputs(model)).toEqual(expected);
      expect(tf.memory().numTensors).toBe(tensors);
      model.dispose();
    }
  });

  it('refuses the weights of another kind or configuration', () => {
    const dir = saved(new MlpLagrangian({ dof: 1, hidden: [8], seed: 5 }));
    const other = new MlpLagrangian({ dof: 1, hidden: [8], seed: 6 });
    const own = mine({ dof: 1, hidden: [8], seed: 5 });
    expect(() => loadWeights(own, dir)).toThrow(`loadWeights: ${dir} holds a mlp-lagrangian, not a my-model; its weights are not this model's (loadModel builds the model it holds).`);
    expect(() => loadWeights(other, dir)).toThrow(/loadWeights: .* holds a mlp-lagrangian configured \{.*"seed":5.*\}, not \{.*"seed":6.*\}/);
    expect(() => loadWeights(other, os.tmpdir())).toThrow(/loadWeights: .* holds no manifest.json/);
    other.dispose();
    own.dispose();
  });
});
