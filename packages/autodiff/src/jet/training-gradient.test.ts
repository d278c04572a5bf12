import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { hessian } from '../transforms/hessian';
import * as jets from './index';
import type { Jet } from './jet';
import { jetHessian } from './jet-hessian';

// The LNN trains on a loss built from the Hessian of the network in its inputs: the gradient of
// that loss with respect to the weights is a third derivative. Checked here against float64
// finite differences of an independent host implementation, for the jet and the general path.

const widths = [3, 8, 8, 1];
const softplus = (z: number) => (z > 20 ? z : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface Layers {
  w: number[][][]; // [layer][in][out]
  b: number[][];
}

function unflatten(theta: Float64Array): Layers {
  const layers: Layers = { w: [], b: [] };
  let k = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const [nIn, nOut] = [widths[l]!, widths[l + 1]!];
    layers.w.push(Array.from({ length: nIn }, () => Array.from({ length: nOut }, () => theta[k++]!)));
    layers.b.push(Array.from({ length: nOut }, () => theta[k++]!));
  }
  return layers;
}

/** ∇ₓ of the MLP at x by ordinary backpropagation in float64. */
function hostGradient(p: Layers, x: Float64Array): Float64Array {
  const zs: number[][] = [];
  let h = Array.from(x);
  const inputs: number[][] = [];
  p.w.forEach((w, l) => {
    inputs.push(h);
    const z = p.b[l]!.map((bj, j) => bj + h.reduce((s, hi, i) => s + hi * w[i]![j]!, 0));
    zs.push(z);
    h = l + 1 < p.w.length ? z.map(softplus) : z;
  });
  let delta = [1];
  for (let l = p.w.length - 1; l >= 0; l--) {
    if (l + 1 < p.w.length) delta = delta.map((d, j) => d * sigmoid(zs[l]![j]!));
    const w = p.w[l]!;
    delta = inputs[l]!.map((_, i) => w[i]!.reduce((s, wij, j) => s + wij * delta[j]!, 0));
  }
  return Float64Array.from(delta);
}

/** The Hessian in x by central differences of the exact float64 gradient. */
function hostHessian(p: Layers, x: Float64Array): Float64Array {
  const d = x.length;
  const out = new Float64Array(d * d);
  const h = 1e-5;
  for (let j = 0; j < d; j++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[j]! += h;
    minus[j]! -= h;
    const gp = hostGradient(p, plus);
    const gm = hostGradient(p, minus);
    for (let i = 0; i < d; i++) out[i * d + j] = (gp[i]! - gm[i]!) / (2 * h);
  }
  return out;
}

const C = [0.4, -1.1, 0.3, 0.9, 0.2, -0.5, 1.3, -0.7, 0.6];
/** loss = Σ_b Σ_ij (C_ij H_b,ij + 0.1 H_b,ij²) */
function hostLoss(theta: Float64Array, xs: number[][]): number {
  const p = unflatten(theta);
  let total = 0;
  for (const x of xs) {
    const hess = hostHessian(p, Float64Array.from(x));
    hess.forEach((v, k) => {
      total += C[k]! * v + 0.1 * v * v;
    });
  }
  return total;
}
function tfLoss(h: tf.Tensor3D): tf.Scalar {
  const c = tf.reshape(tf.tensor1d(C), [1, 3, 3]);
  return tf.sum(tf.add(tf.mul(c, h), tf.mul(0.1, tf.square(h))));
}

function randomTheta(seed: number): Float64Array {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const size = widths.slice(0, -1).reduce((n, nIn, l) => n + nIn * widths[l + 1]! + widths[l + 1]!, 0);
  return Float64Array.from({ length: size }, () => 0.8 * rand());
}

function toTensors(theta: Float64Array): tf.Tensor[] {
  const p = unflatten(theta);
  return p.w.flatMap((w, l) => [tf.tensor2d(w), tf.tensor1d(p.b[l]!)]);
}

describe.each(['wasm', 'cpu'] as const)('third-order training gradient on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it('d(loss of the input Hessian)/d(weights) matches float64 finite differences, jet and general path', () => {
    const theta = randomTheta(12345);
    const xs = [
      [0.3, -0.8, 1.1],
      [-0.5, 0.2, 0.7],
      [1.2, 0.4, -0.9],
    ];
    // Float64 reference: central differences over every weight (h = 1e-4; the inner Hessian's own
    // error, ~1e-10, divided by h stays far below float32 precision).
    const h = 1e-4;
    const reference = Float64Array.from(theta, (_, k) => {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[k]! += h;
      minus[k]! -= h;
      return (hostLoss(plus, xs) - hostLoss(minus, xs)) / (2 * h);
    });
    const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

    tf.tidy(() => {
      const params = toTensors(theta);
      const x = tf.tensor2d(xs);
      const viaJets = (...ps: tf.Tensor[]) => {
        const f = (j: Jet) => {
          let a = j;
          for (let l = 0; l < ps.length; l += 2) {
            a = jets.dense(a, ps[l] as tf.Tensor2D, ps[l + 1] as tf.Tensor1D);
            if (l + 2 < ps.length) a = jets.softplus(a);
          }
          return a;
        };
        return tfLoss(jetHessian(f)(x).hessian);
      };
      const viaGeneral = (...ps: tf.Tensor[]) => {
        const f = (z: tf.Tensor2D) => {
          let a: tf.Tensor = z;
          for (let l = 0; l < ps.length; l += 2) {
            a = tf.add(tf.matMul(a, ps[l] as tf.Tensor2D), ps[l + 1]!);
            if (l + 2 < ps.length) a = tf.softplus(a);
          }
          return tf.reshape(a, [-1]) as tf.Tensor1D;
        };
        return tfLoss(hessian(f)(x));
      };
      // The output bias does not reach the Hessian (tfjs refuses to differentiate with respect to
      // it): its gradient is zero, as the finite differences confirm.
      const lastBias = params.pop()!;
      const withBias = (loss: (...ps: tf.Tensor[]) => tf.Scalar) => (...ps: tf.Tensor[]) => loss(...ps, lastBias);
      const flat = (gs: tf.Tensor[]) => Float64Array.from([...gs.flatMap((g) => Array.from(g.dataSync())), 0]);
      const jetGrad = flat(tf.grads(withBias(viaJets))(params));
      const generalGrad = flat(tf.grads(withBias(viaGeneral))(params));
      // float32 third derivatives through three layers: ~1e-3 relative, with an absolute floor.
      const tol = { rtol: 2e-3, atol: 2e-4 * scale };
      assertAllClose(jetGrad, reference, { ...tol, label: 'jet path vs finite differences' });
      assertAllClose(generalGrad, reference, { ...tol, label: 'general path vs finite differences' });
    });
  });
});
