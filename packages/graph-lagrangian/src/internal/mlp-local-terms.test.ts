import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { DensityMlp } from '../density-mlp';
import { jetLocalTerms, type LocalTerms } from './local-terms';
import { mlpLocalTerms } from './mlp-local-terms';

beforeAll(async () => {
  await initBackend();
});

const scaleOf = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);

/** Both paths on N random local inputs of a term with k slots. */
function bothPaths(mlp: DensityMlp, local: tf.Tensor2D): { fast: LocalTerms; jets: LocalTerms } {
  const slots = tf.transpose(local);
  return {
    fast: mlpLocalTerms(mlp.weights as tf.Tensor2D[], mlp.biases as tf.Tensor1D[], local, slots),
    jets: jetLocalTerms(mlp.jet)(local, slots),
  };
}

/** Gradient and Hessian of the MLP at one input, in float64 (forward over reverse, plain loops). */
function float64Derivatives(w: Float64Array[], b: Float64Array[], shapes: number[][], x: number[]): { grad: Float64Array; hessian: Float64Array[] } {
  const depth = w.length - 1;
  const affine = (l: number, input: ArrayLike<number>, bias: boolean) => {
    const [nIn, nOut] = shapes[l]!;
    return Float64Array.from({ length: nOut! }, (_, j) => {
      let v = bias ? b[l]![j]! : 0;
      for (let i = 0; i < nIn!; i++) v += input[i]! * w[l]![i * nOut! + j]!;
      return v;
    });
  };
  const back = (l: number, delta: Float64Array) => Float64Array.from({ length: shapes[l]![0]! }, (_, i) => delta.reduce((v, d, j) => v + d * w[l]![i * shapes[l]![1]! + j]!, 0));
  const s: Float64Array[] = [];
  let a: ArrayLike<number> = x;
  for (let l = 0; l < depth; l++) {
    const z = affine(l, a, true);
    s.push(z.map((v) => 1 / (1 + Math.exp(-v))));
    a = z.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
  }
  const rowOf = (e: number) => {
    const tangents: Float64Array[] = [];
    let t: ArrayLike<number> = Float64Array.from(x, (_, i) => (i === e ? 1 : 0));
    for (let l = 0; l < depth; l++) {
      tangents.push(affine(l, t, false));
      t = tangents[l]!.map((v, j) => v * s[l]![j]!);
    }
    let da = Float64Array.from(w[depth]!);
    let daDot = new Float64Array(da.length);
    for (let l = depth - 1; l >= 0; l--) {
      const dz = da.map((v, j) => v * s[l]![j]!);
      const dzDot = da.map((v, j) => v * s[l]![j]! * (1 - s[l]![j]!) * tangents[l]![j]! + daDot[j]! * s[l]![j]!);
      [da, daDot] = [back(l, dz), back(l, dzDot)];
    }
    return { grad: da, row: daDot };
  };
  const rows = x.map((_, e) => rowOf(e));
  return { grad: rows[0]!.grad, hessian: rows.map((r) => r.row) };
}

/** Largest |actual − float64| over the entries, relative to the largest |float64| entry. */
function errorAgainst(actual: tf.Tensor, reference: Float64Array): number {
  const data = Array.from(actual.dataSync());
  const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return data.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i]!)), 0) / scale;
}

describe('mlpLocalTerms (closed-form fast path)', () => {
  it.each([
    ['one hidden layer, k = 3', 3, [16]],
    ['two hidden layers, k = 3 (the benchmark density)', 3, [32, 32]],
    ['three hidden layers of different widths, k = 3', 3, [12, 10, 8]],
    ['two hidden layers, k = 5 (a grid term)', 5, [16, 16]],
  ])('equals the jets of the same density: H_vv block and ∇_φ − H_vq φ̇ (%s)', (_name, k, hidden) => {
    const mlp = new DensityMlp(2 * k, hidden, 7);
    tf.tidy(() => {
      const local = tf.randomNormal([50, 2 * k], 0, 1, 'float32', 3) as tf.Tensor2D;
      const { fast, jets } = bothPaths(mlp, local);
      expect(fast.rhs.shape).toEqual([k, 50]);
      expect(fast.hvv.shape).toEqual([k * k, 50]);
      // Both are float32 sums over the hidden units of O(1–30) products, in different orders.
      assertAllClose(fast.hvv, jets.hvv, { rtol: 1e-4, atol: 1e-5 * scaleOf(jets.hvv), label: 'H_vv blocks' });
      assertAllClose(fast.rhs, jets.rhs, { rtol: 1e-4, atol: 1e-5 * scaleOf(jets.rhs), label: '∇_φ − H_vq φ̇' });
      // H_vv blocks are symmetric.
      const block = tf.reshape(fast.hvv, [k, k, 50]);
      assertAllClose(block, tf.transpose(block, [1, 0, 2]), { rtol: 0, atol: 0 });
    });
    mlp.variables.forEach((v) => v.dispose());
  });

  it('is as close to a float64 reference as the jets path is (float32 rounding only)', () => {
    const [k, rows] = [3, 64];
    const mlp = new DensityMlp(2 * k, [32, 32], 1);
    const w = mlp.weights.map((v) => Float64Array.from(v.dataSync()));
    const b = mlp.biases.map((v) => Float64Array.from(v.dataSync()));
    const shapes = mlp.weights.map((v) => [...v.shape]);
    tf.tidy(() => {
      const local = tf.randomNormal([rows, 2 * k], 0, 1.5, 'float32', 9) as tf.Tensor2D;
      const x = local.arraySync();
      const [hvv, rhs] = [new Float64Array(k * k * rows), new Float64Array(k * rows)];
      x.forEach((input, m) => {
        const { grad, hessian } = float64Derivatives(w, b, shapes, input);
        for (let a = 0; a < k; a++) {
          let r = grad[a]!;
          for (let c = 0; c < k; c++) {
            r -= hessian[k + a]![c]! * input[k + c]!;
            hvv[(a * k + c) * rows + m] = hessian[k + a]![k + c]!;
          }
          rhs[a * rows + m] = r;
        }
      });
      const { fast, jets } = bothPaths(mlp, local);
      const errors = { fastHvv: errorAgainst(fast.hvv, hvv), jetsHvv: errorAgainst(jets.hvv, hvv), fastRhs: errorAgainst(fast.rhs, rhs), jetsRhs: errorAgainst(jets.rhs, rhs) };
      // A few hundred float32 ulps of the largest entry at most, and no worse than the jets by more than 2×.
      for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-5);
      expect(errors.fastHvv).toBeLessThan(2 * errors.jetsHvv + 1e-7);
      expect(errors.fastRhs).toBeLessThan(2 * errors.jetsRhs + 1e-7);
    });
    mlp.variables.forEach((v) => v.dispose());
  });

  it('stays finite and equal to the jets where pre-activations pass ±80 (softplus from σ and one log)', () => {
    const mlp = new DensityMlp(6, [16, 16], 2);
    tf.tidy(() => {
      const local = tf.mul(tf.randomNormal([40, 6], 0, 1, 'float32', 5), 300) as tf.Tensor2D;
      const z = tf.matMul(local, mlp.weights[0]!);
      expect(tf.min(z).dataSync()[0]).toBeLessThan(-80);
      const { fast, jets } = bothPaths(mlp, local);
      for (const t of [fast.rhs, fast.hvv]) expect(tf.all(tf.isFinite(t)).dataSync()[0]).toBe(1);
      assertAllClose(fast.hvv, jets.hvv, { rtol: 1e-4, atol: 1e-5 * scaleOf(jets.hvv) });
      assertAllClose(fast.rhs, jets.rhs, { rtol: 1e-4, atol: 1e-5 * scaleOf(jets.rhs) });
    });
    mlp.variables.forEach((v) => v.dispose());
  });

  it('has the jets path’s gradient with respect to the weights (training)', () => {
    const mlp = new DensityMlp(6, [8, 8], 4);
    const local = tf.randomNormal([30, 6], 0, 1, 'float32', 6) as tf.Tensor2D;
    const slots = tf.transpose(local) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const loss = (terms: LocalTerms) => tf.add(tf.sum(tf.square(terms.rhs)), tf.sum(tf.sin(terms.hvv))) as tf.Scalar;
    const fast = tf.variableGrads(() => loss(mlpLocalTerms(mlp.weights as tf.Tensor2D[], mlp.biases as tf.Tensor1D[], local, slots)), mlp.variables);
    const jets = tf.variableGrads(() => loss(jetLocalTerms(mlp.jet)(local, slots)), mlp.variables);
    assertAllClose(fast.value, jets.value, { rtol: 1e-5, atol: 0 });
    // The output bias moves no derivative: the fast path never reads it.
    const outputBias = mlp.biases[mlp.biases.length - 1]!.name;
    expect(fast.grads[outputBias]).toBeUndefined();
    for (const v of mlp.variables.filter((w) => w.name !== outputBias)) {
      const [a, b] = [fast.grads[v.name]!, jets.grads[v.name]!];
      assertAllClose(a, b, { rtol: 1e-3, atol: 1e-4 * scaleOf(b), label: v.name });
    }
    tf.dispose([fast.value, jets.value, ...Object.values(fast.grads), ...Object.values(jets.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([local, slots, ...mlp.variables]);
  });
});
