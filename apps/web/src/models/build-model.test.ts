import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { MlpLagrangian, variableArrays } from '@lnn/lagrangian';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build-model';
import type { WebModel } from './web-model';

describe('buildModel', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  const web = (model: MlpLagrangian, kind = model.kind): WebModel => ({
    modelFormat: 'lnn-model',
    modelFormatVersion: 1,
    kind,
    config: model.config,
    arrays: variableArrays(model),
    source: { path: 'x', run: null },
  });

  it('refuses a kind the pages do not show, naming those they do', () => {
    const model = new MlpLagrangian({ dof: 1, hidden: [3], seed: 1 });
    expect(() => buildModel(web(model, 'hnn'), 'm.json')).toThrow(/m\.json holds a model of kind "hnn"; the pages show mlp-lagrangian, mlp-dynamics, graph-lagrangian/);
    model.dispose();
  });

  it('refuses weights of other shapes, and leaks no tensor doing so', () => {
    const small = new MlpLagrangian({ dof: 1, hidden: [3], seed: 1 });
    const big = new MlpLagrangian({ dof: 1, hidden: [4], seed: 1 });
    const before = tf.memory().numTensors;
    expect(() => buildModel({ ...web(small), arrays: variableArrays(big) }, 'm.json')).toThrow(/buildModel: m\.json: variable 0 has shape/);
    expect(tf.memory().numTensors).toBe(before);
    small.dispose();
    big.dispose();
  });
});
