import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { checkGradients } from '../testing/check-gradients';
import type { HostScalarFn } from '../testing/finite-difference';
import { registerGradients } from './register-gradients';
import { isHigherOrderSafe } from './recompute-outputs';
import { tfjsGradConfigs } from 'virtual:tfjs-gradient-configs';

beforeAll(() => registerGradients());

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const sum = (x: Float64Array, f: (v: number, i: number) => number) => x.reduce((s, v, i) => s + f(v, i), 0);
// Fixed weights so every input axis matters differently (a plain sum would hide mixed terms).
const w = [0.7, -1.3, 0.4];
const wt = () => tf.tensor1d(w);

interface Case {
  readonly name: string;
  readonly f: (x: tf.Tensor1D) => tf.Tensor;
  readonly ref: HostScalarFn;
  readonly x: number[];
}

const cases: Case[] = [
  { name: 'sigmoid', f: (x) => tf.sum(tf.mul(tf.sigmoid(x), wt())), ref: (x) => sum(x, (v, i) => sigmoid(v) * w[i]!), x: [0.3, -1.1, 0.8] },
  { name: 'tanh', f: (x) => tf.sum(tf.mul(tf.tanh(x), wt())), ref: (x) => sum(x, (v, i) => Math.tanh(v) * w[i]!), x: [0.3, -0.9, 0.6] },
  { name: 'exp', f: (x) => tf.sum(tf.mul(tf.exp(x), wt())), ref: (x) => sum(x, (v, i) => Math.exp(v) * w[i]!), x: [0.3, -0.9, 0.6] },
  { name: 'softplus', f: (x) => tf.sum(tf.mul(tf.softplus(x), wt())), ref: (x) => sum(x, (v, i) => Math.log1p(Math.exp(v)) * w[i]!), x: [0.3, -1.4, 0.9] },
  {
    name: 'log(1 + exp(x))',
    f: (x) => tf.sum(tf.mul(tf.log(tf.add(1, tf.exp(x))), wt())),
    ref: (x) => sum(x, (v, i) => Math.log(1 + Math.exp(v)) * w[i]!),
    x: [0.3, -1.4, 0.9],
  },
  { name: 'elu', f: (x) => tf.sum(tf.mul(tf.elu(x), wt())), ref: (x) => sum(x, (v, i) => (v > 0 ? v : Math.expm1(v)) * w[i]!), x: [0.3, -1.4, -0.5] },
  {
    name: 'pow(x, 2.5)',
    f: (x) => tf.sum(tf.mul(tf.pow(x, 2.5), wt())),
    ref: (x) => sum(x, (v, i) => v ** 2.5 * w[i]!),
    x: [0.6, 1.3, 0.9],
  },
  {
    name: 'pow(a, b), both variable',
    f: (x) => tf.sum(tf.pow(tf.slice(x, [0], [1]), tf.slice(x, [1], [1]))),
    ref: (x) => x[0]! ** x[1]!,
    x: [1.4, 0.7],
  },
  {
    name: 'pow(a, b) with a ≤ 0, derivatives in b stay finite',
    f: (x) => tf.sum(tf.mul(tf.pow(tf.slice(x, [0], [1]), tf.scalar(2)), tf.slice(x, [1], [1]))),
    ref: (x) => x[0]! ** 2 * x[1]!,
    x: [-0.8, 0.7],
  },
  {
    name: 'softmax',
    f: (x) => tf.sum(tf.mul(tf.softmax(x), wt())),
    ref: (x) => {
      const m = Math.max(...x);
      const e = Array.from(x, (v) => Math.exp(v - m));
      const z = e.reduce((s, v) => s + v, 0);
      return e.reduce((s, v, i) => s + (v / z) * w[i]!, 0);
    },
    x: [0.3, -0.4, 0.8],
  },
  {
    name: 'x − logSumExp(x) (log-softmax; tf.logSoftmax itself is customGrad, see registerGradients)',
    f: (x) => tf.sum(tf.mul(tf.sub(x, tf.logSumExp(x, -1, true)), wt())),
    ref: (x) => {
      const m = Math.max(...x);
      const lse = m + Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
      return sum(x, (v, i) => (v - lse) * w[i]!);
    },
    x: [0.3, -0.4, 0.8],
  },
  {
    name: 'max, squared',
    f: (x) => tf.square(tf.max(tf.mul(x, wt()))),
    ref: (x) => Math.max(...Array.from(x, (v, i) => v * w[i]!)) ** 2,
    x: [0.9, -0.4, 0.5],
  },
  {
    name: 'min, cubed',
    f: (x) => tf.pow(tf.min(tf.mul(x, wt())), 3),
    ref: (x) => Math.min(...Array.from(x, (v, i) => v * w[i]!)) ** 3,
    x: [0.9, 0.4, 0.5],
  },
  {
    name: 'sin · sqrt · log · square, composed',
    f: (x) => tf.sum(tf.mul(tf.mul(tf.sin(x), tf.sqrt(x)), tf.add(tf.log(x), tf.square(x)))),
    ref: (x) => sum(x, (v) => Math.sin(v) * Math.sqrt(v) * (Math.log(v) + v * v)),
    x: [0.7, 1.2, 0.5],
  },
  {
    name: 'matMul (a · aᵀ), both operands variable',
    f: (x) => {
      const a = tf.reshape(tf.concat([x, tf.sin(x)]), [2, 3]);
      return tf.sum(tf.mul(tf.square(tf.matMul(a, tf.transpose(a))), tf.tensor2d([[1, 0.5], [-0.3, 2]])));
    },
    ref: (x) => {
      const a = [Array.from(x), Array.from(x, Math.sin)];
      const c = [[1, 0.5], [-0.3, 2]];
      let s = 0;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
        const dot = a[i]!.reduce((t, v, k) => t + v * a[j]![k]!, 0);
        s += dot * dot * c[i]![j]!;
      }
      return s;
    },
    x: [0.7, -0.4, 0.5],
  },
];

describe.each(['wasm', 'cpu'] as const)('higher-order gradient rules on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each(cases)('$name matches float64 finite differences at orders 1, 2 and 3', ({ f, ref, x }) => {
    const before = tf.memory().numTensors;
    // float32 reverse mode nested three times vs float64 central differences: agreement to a few
    // parts in 1e4 relative on O(1) derivatives; 1e-3 leaves room for cancellation at order 3.
    checkGradients(f, ref, x, { order: 3, rtol: 1e-3, atol: 2e-4 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the bug these rules fix', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it("tfjs's own Sigmoid rule gives silently wrong third derivatives of softplus", () => {
    const original = tfjsGradConfigs.find((c) => c.kernelName === 'Sigmoid')!;
    const fixed = tf.getGradient('Sigmoid')!;
    // The cubic keeps a second path from x to the output, so tfjs returns numbers instead of throwing.
    const f = (x: tf.Tensor1D) => tf.add(tf.sum(tf.mul(tf.softplus(x), wt())), tf.sum(tf.pow(x, 3)));
    const ref: HostScalarFn = (x) => sum(x, (v, i) => Math.log1p(Math.exp(v)) * w[i]! + v ** 3);
    const x = [0.3, -1.4, 0.9];
    tf.registerGradient(original);
    try {
      expect(() => checkGradients(f, ref, x, { order: 3 })).toThrow(/order-3 derivatives disagree/);
    } finally {
      tf.registerGradient(fixed);
    }
    expect(checkGradients(f, ref, x, { order: 3 })).toHaveLength(3);
  });

  it('leaves no registered rule that reuses its output', () => {
    const unsafe = tfjsGradConfigs.map((c) => c.kernelName).filter((name) => !isHigherOrderSafe(name));
    expect(unsafe).toEqual([]);
  });
});
