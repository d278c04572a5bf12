import * as tf from '@tensorflow/tfjs-core';
import * as autodiff from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAdam } from './adam';

// Watches whether updates take the fused host path (inPlaceViews answers) or the kernels path.
vi.mock('@lnn/autodiff', async (importOriginal) => {
  const original = await importOriginal<typeof autodiff>();
  return { ...original, inPlaceViews: vi.fn(original.inPlaceViews) };
});
const { initBackend } = autodiff;
const fusedCalls = () => vi.mocked(autodiff.inPlaceViews).mock.results.filter((r) => r.value !== undefined).length;

const settings = { beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 1e-3 };
const shapes = [[40, 30], [30], [30, 1]];

/** Runs `steps` Adam steps on fresh variables with seeded gradients (step 3's not finite when asked); returns the variables' values. */
function run(steps: number, options: { holdClone?: boolean; poison?: boolean } = {}): { values: number[][]; applied: boolean[]; fused: number } {
  const fusedBefore = fusedCalls();
  const variables = shapes.map((shape, i) => tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 100 + i))));
  const clone = options.holdClone === true ? tf.clone(variables[0] as tf.Variable) : undefined;
  const before = clone === undefined ? undefined : Array.from(clone.dataSync());
  const adam = createAdam(variables, settings);
  const applied: boolean[] = [];
  for (let step = 0; step < steps; step++) {
    const grads = shapes.map((shape, i) => {
      const g = tf.randomNormal(shape, 0, 1, 'float32', 1000 * step + i + 1);
      return options.poison === true && step === 3 && i === 1 ? tf.tidy(() => tf.mul(g, Number.NaN)) : g;
    });
    applied.push(adam.update(tf.scalar(step), grads, 1e-2 * (1 + step)).applied);
  }
  // A clone taken before training keeps its values: no path writes a variable's data in place.
  if (clone !== undefined) expect(Array.from(clone.dataSync())).toEqual(before);
  const values = variables.map((v) => Array.from(v.dataSync()));
  tf.dispose([...variables, ...(clone === undefined ? [] : [clone])]);
  adam.dispose();
  return { values, applied, fused: fusedCalls() - fusedBefore };
}

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('Adam', () => {
  it('fused on wasm gives the kernels-path result (cpu), to float32 rounding', async () => {
    await initBackend({ backend: 'wasm' });
    const before = tf.memory().numTensors;
    const fused = run(8, { holdClone: true });
    expect(fused.fused).toBeGreaterThanOrEqual(8); // host views answered at every one of the 8 updates
    await initBackend({ backend: 'cpu' });
    const kernels = run(8);
    expect(kernels.fused).toBe(0);
    await initBackend({ backend: 'wasm' });
    expect(tf.memory().numTensors).toBe(before);
    // Eight steps of ~10 float32 operations per element, accumulated in float64 on the fused path.
    fused.values.forEach((v, i) => assertAllClose(v, kernels.values[i] as number[], { rtol: 1e-5, atol: 1e-6, label: `variable ${i}` }));
  });

  it('trains through matMuls like the kernels path: the weights are never changed in place', async () => {
    // wasm caches a matMul's right operand packed under its data: a weight written in place
    // would be multiplied in its old form. Fit y = x·w* by Adam on both paths.
    const fit = () => {
      const w = tf.variable(tf.zeros([8, 1]));
      const x = tf.randomNormal([64, 8], 0, 1, 'float32', 5);
      const y = tf.matMul(x, tf.randomNormal([8, 1], 0, 1, 'float32', 6));
      const adam = createAdam([w], { ...settings, weightDecay: 0 });
      let loss = 0;
      for (let step = 0; step < 200; step++) {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))), [w]);
        loss = adam.update(value, [grads[w.name]], 0.05).loss;
      }
      tf.dispose([w, x, y]);
      adam.dispose();
      return loss;
    };
    await initBackend({ backend: 'wasm' });
    const wasm = fit();
    await initBackend({ backend: 'cpu' });
    const cpu = fit();
    await initBackend({ backend: 'wasm' });
    expect(wasm).toBeLessThan(1e-3);
    assertAllClose([wasm], [cpu], { rtol: 1e-2, atol: 1e-5, label: 'final loss' });
  });

  it('skips a step whose gradient is not finite, changing nothing, on both paths', async () => {
    await initBackend({ backend: 'wasm' });
    for (const holdClone of [false, true]) {
      const poisoned = run(6, { poison: true, holdClone });
      expect(poisoned.applied).toEqual([true, true, true, false, true, true]);
      for (const v of poisoned.values) for (const x of v) expect(Number.isFinite(x)).toBe(true);
    }
  });
});
