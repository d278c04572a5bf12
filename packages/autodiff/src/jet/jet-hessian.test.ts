import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { hessian } from '../transforms/hessian';
import * as jets from './index';
import type { Jet } from './jet';
import { jetDirectional, jetHessian } from './jet-hessian';

/** A softplus MLP with the paper's initialisation (std c/√n, n the larger dimension). */
function mlp(widths: number[], seed: number): { w: tf.Tensor2D[]; b: tf.Tensor1D[] } {
  const w: tf.Tensor2D[] = [];
  const b: tf.Tensor1D[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    const [nIn, nOut] = [widths[i]!, widths[i + 1]!];
    const n = Math.max(nIn, nOut);
    const c = i === 0 ? 2.2 : i + 2 === widths.length ? n : 0.58 * i;
    w.push(tf.randomNormal([nIn, nOut], 0, c / Math.sqrt(n), 'float32', seed + i) as tf.Tensor2D);
    b.push(tf.randomNormal([nOut], 0, 0.1, 'float32', seed + 100 + i) as tf.Tensor1D);
  }
  return { w, b };
}

const jetMlp = (p: { w: tf.Tensor2D[]; b: tf.Tensor1D[] }, act: (j: Jet) => Jet = jets.softplus) => (x: Jet) => {
  let h = x;
  p.w.forEach((w, i) => {
    h = jets.dense(h, w, p.b[i]);
    if (i + 1 < p.w.length) h = act(h);
  });
  return h;
};
const tfMlp = (p: { w: tf.Tensor2D[]; b: tf.Tensor1D[] }, act: (t: tf.Tensor) => tf.Tensor = tf.softplus) => (x: tf.Tensor2D) => {
  let h: tf.Tensor = x;
  p.w.forEach((w, i) => {
    h = tf.add(tf.matMul(h, w), p.b[i]!);
    if (i + 1 < p.w.length) h = act(h);
  });
  return tf.reshape(h, [-1]) as tf.Tensor1D;
};

/** float32 tolerance scaled to the Hessian's magnitude: entries cancel, so an absolute floor matters. */
function compareToGeneral(jet: tf.Tensor, general: tf.Tensor, label: string) {
  const scale = tf.tidy(() => tf.max(tf.abs(general)).dataSync()[0]!);
  assertAllClose(jet, general, { rtol: 1e-4, atol: 2e-5 * Math.max(scale, 1e-3), label });
}

describe.each(['wasm', 'cpu'] as const)('jetHessian on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each([
    ['4→32→32→1, softplus', [4, 32, 32, 1], jets.softplus, tf.softplus],
    ['4→128→128→1, softplus', [4, 128, 128, 1], jets.softplus, tf.softplus],
    ['6→64→64→64→1, tanh', [6, 64, 64, 64, 1], jets.tanh, tf.tanh],
    ['4→32→1, sigmoid', [4, 32, 1], jets.sigmoid, tf.sigmoid],
  ] as const)('equals the general path on a random %s MLP', (_name, widths, jetAct, tfAct) => {
    const p = mlp([...widths], 7);
    const x = tf.randomNormal([9, widths[0]], 0, 1, 'float32', 3) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const fast = jetHessian(jetMlp(p, jetAct))(x);
    expect(tf.memory().numTensors).toBe(before + 3);
    const general = hessian(tfMlp(p, tfAct))(x);
    const value = tfMlp(p, tfAct)(x);
    const gradient = tf.grad((z: tf.Tensor) => tf.sum(tfMlp(p, tfAct)(z as tf.Tensor2D)))(x);
    expect(fast.hessian.shape).toEqual([9, widths[0], widths[0]]);
    compareToGeneral(fast.hessian, general, 'hessian');
    assertAllClose(fast.value, value, { rtol: 1e-5, atol: 1e-5 });
    assertAllClose(fast.gradient, gradient, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([fast.value, fast.gradient, fast.hessian, general, value, gradient, x, ...p.w, ...p.b]);
  });

  it('every primitive agrees with the general path', () => {
    tf.tidy(() => {
      const c = tf.tensor1d([0.5, -1, 2]);
      const viaJets = (x: Jet) => {
        const a = jets.slice(x, 0, 3);
        const b = jets.slice(x, 1, 3);
        const parts = jets.concat([
          jets.mul(jets.sin(a), jets.cos(b)),
          jets.exp(jets.scale(a, 0.3)),
          jets.log(jets.add(jets.square(b), 1)),
          jets.sqrt(jets.add(jets.square(a), 0.5)),
          jets.pow(jets.add(jets.square(b), 1), 1.5),
          jets.tanh(jets.sub(a, b)),
          jets.sigmoid(jets.neg(jets.mul(a, c))),
          jets.mul(jets.sum(a), b), // size-1 jet broadcast over 3
        ]);
        return jets.sum(jets.softplus(parts));
      };
      const viaTf = (x: tf.Tensor2D) => {
        const a = tf.slice(x, [0, 0], [-1, 3]);
        const b = tf.slice(x, [0, 1], [-1, 3]);
        const parts = tf.concat(
          [
            tf.mul(tf.sin(a), tf.cos(b)),
            tf.exp(tf.mul(a, 0.3)),
            tf.log(tf.add(tf.square(b), 1)),
            tf.sqrt(tf.add(tf.square(a), 0.5)),
            tf.pow(tf.add(tf.square(b), 1), 1.5),
            tf.tanh(tf.sub(a, b)),
            tf.sigmoid(tf.neg(tf.mul(a, c))),
            tf.mul(tf.sum(a, 1, true), b),
          ],
          1,
        );
        return tf.sum(tf.softplus(parts), 1) as tf.Tensor1D;
      };
      const x = tf.randomNormal([5, 4], 0, 0.7, 'float32', 11) as tf.Tensor2D;
      const fast = jetHessian(viaJets)(x);
      compareToGeneral(fast.hessian, hessian(viaTf)(x), 'primitives hessian');
      assertAllClose(fast.value, viaTf(x), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('an analytic Lagrangian (double pendulum) written with jets equals the general path', () => {
    tf.tidy(() => {
      // L = ½(m₁+m₂)l₁²ω₁² + ½m₂l₂²ω₂² + m₂l₁l₂ω₁ω₂cos(θ₁−θ₂) + (m₁+m₂)gl₁cos θ₁ + m₂gl₂cos θ₂,
      // unit masses and lengths, g = 9.8; inputs (θ₁, θ₂, ω₁, ω₂).
      const viaJets = (x: Jet) => {
        const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
        const kinetic = jets.add(
          jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)),
          jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))),
        );
        const potential = jets.add(jets.scale(jets.cos(t1), 2 * 9.8), jets.scale(jets.cos(t2), 9.8));
        return jets.add(kinetic, potential);
      };
      const viaTf = (x: tf.Tensor2D) => {
        const [t1, t2, w1, w2] = tf.split(x, 4, 1) as tf.Tensor[];
        const kinetic = tf.add(tf.add(tf.square(w1!), tf.mul(0.5, tf.square(w2!))), tf.mul(tf.mul(w1!, w2!), tf.cos(tf.sub(t1!, t2!))));
        const potential = tf.add(tf.mul(2 * 9.8, tf.cos(t1!)), tf.mul(9.8, tf.cos(t2!)));
        return tf.reshape(tf.add(kinetic, potential), [-1]) as tf.Tensor1D;
      };
      const x = tf.randomUniform([16, 4], -3, 3, 'float32', 5) as tf.Tensor2D;
      const fast = jetHessian(viaJets)(x);
      compareToGeneral(fast.hessian, hessian(viaTf)(x), 'double pendulum hessian');
      assertAllClose(fast.value, viaTf(x), { rtol: 1e-5, atol: 1e-4 });
    });
  });

  it('jetDirectional gives S H Sᵀ, S∇f and the full gradient of the same function', () => {
    tf.tidy(() => {
      const p = mlp([4, 32, 32, 1], 9);
      const x = tf.randomNormal([6, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
      const s = tf.randomNormal([6, 3, 4], 0, 1, 'float32', 5) as tf.Tensor3D;
      const full = jetHessian(jetMlp(p))(x);
      const dir = jetDirectional(jetMlp(p))(x, s);
      compareToGeneral(dir.hessian, tf.matMul(tf.matMul(s, full.hessian), tf.transpose(s, [0, 2, 1])), 'projected hessian');
      assertAllClose(dir.gradient, full.gradient, { rtol: 1e-4, atol: 1e-5 });
      assertAllClose(dir.directional, tf.squeeze(tf.matMul(s, tf.expandDims(full.gradient, 2)), [2]), { rtol: 1e-4, atol: 1e-5 });
      assertAllClose(dir.value, full.value, { rtol: 0, atol: 0 });
      expect(() => jetDirectional(jetMlp(p))(x, tf.ones([6, 3, 5]) as tf.Tensor3D)).toThrow('jetDirectional: directions must have shape [6, D, 4] with D ≥ 1, received [6, 3, 5].');
    });
  });

  it('softplus: its value over the whole float32 range, and a first derivative σ(z) even at z = 0', () => {
    tf.tidy(() => {
      const zs = [0, 1e-3, -2, 5, 30, -30, 90, -90, 1e4, -1e4];
      const z = tf.tensor2d(zs, [zs.length, 1]);
      const f = (x: tf.Tensor2D) => jetHessian((j) => jets.softplus(j))(x);
      const softplus64 = (v: number) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      const sigmoid64 = (v: number) => 1 / (1 + Math.exp(-v));
      const r = f(z);
      assertAllClose(r.value, zs.map(softplus64), { rtol: 1e-6, atol: 1e-7 });
      assertAllClose(r.gradient, zs.map(sigmoid64), { rtol: 1e-6, atol: 1e-7 });
      assertAllClose(r.hessian, zs.map((v) => sigmoid64(v) * (1 - sigmoid64(v))), { rtol: 1e-5, atol: 1e-7 });
      // The value's own gradient (what training differentiates): σ(z), with no kink at z = 0.
      const dValue = tf.grad((x: tf.Tensor) => tf.sum(f(x as tf.Tensor2D).value))(z);
      assertAllClose(dValue, zs.map(sigmoid64), { rtol: 1e-6, atol: 1e-7 });
    });
  });

  it('rejects misuse with messages that say what to do', () => {
    tf.tidy(() => {
      const x = tf.ones([2, 3]) as tf.Tensor2D;
      expect(() => jetHessian((j) => j)(x)).toThrow('jetHessian: f must return one feature per sample, received a jet of 3');
      expect(() => jetHessian((j) => jets.dense(j, tf.ones([4, 1]) as tf.Tensor2D))(x)).toThrow(
        'jets.dense: weights must have shape [3, n_out] for an input of 3 features, received [4, 1].',
      );
      expect(() => jetHessian((j) => jets.sum(jets.slice(j, 2, 2)))(x)).toThrow(/jets.slice: features \[2, 4\) are not within the jet's 3/);
      expect(() => jetHessian((j) => jets.sum(jets.add(j, jets.slice(j, 0, 2))))(x)).toThrow(/jets.add: operands have 3 and 2 features/);
      let leaked: Jet | undefined;
      jetHessian((j) => ((leaked = j), jets.sum(j)))(x);
      expect(() => jetHessian((j) => jets.sum(jets.add(j, leaked!)))(x)).toThrow(/different jetHessian calls/);
    });
  });
});
