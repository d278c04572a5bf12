import * as tf from '@tensorflow/tfjs-core';
import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { initBackend } from './backend/init-backend';
import * as jets from './jet/index';
import type { Jet } from './jet/jet';
import { jetDirectional, jetHessian } from './jet/jet-hessian';
import { dampedSolve } from './linalg/damped-solve';
import { LinalgError } from './linalg/linalg-error';
import { pinvSolve } from './linalg/pinv-solve';
import { solve } from './linalg/solve';
import { symmetricEigenvalues } from './linalg/symmetric-eigenvalues';
import { grad } from './transforms/grad';
import { hessian } from './transforms/hessian';
import { jacobian } from './transforms/jacobian';
import { valueAndGrad } from './transforms/value-and-grad';

beforeAll(async () => {
  await initBackend();
});

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e30, -1e30, Number.NaN, Number.POSITIVE_INFINITY, 1e-40) },
);
/** A tensor of any small shape (rank 0–3) and dtype, holding awkward values. */
const tensors = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }), fc.constantFrom('float32', 'float32', 'float32', 'int32'), fc.array(value, { minLength: 64, maxLength: 64 }))
  .map(([shape, dtype, values]) => ({ shape, dtype: dtype as 'float32' | 'int32', values: values.slice(0, shape.reduce((a, b) => a * b, 1)).map((v) => (dtype === 'int32' ? (Number.isFinite(v) ? Math.round(v) : 0) : v)) }));
const make = (t: { shape: number[]; dtype: 'float32' | 'int32'; values: number[] }) => tf.tensor(t.values, t.shape, t.dtype);

// A smooth batched function of every kind the transforms take.
const f = (x: tf.Tensor2D) => tf.sum(tf.softplus(tf.mul(x, x)), 1) as tf.Tensor1D;
const jetF = (j: Jet) => jets.sum(jets.softplus(jets.square(j)));

describe('@lnn/autodiff fuzz: the transforms and solvers keep their contract', () => {
  it('grad, valueAndGrad, jacobian, hessian, jetHessian, jetDirectional: finite results, or a TypeError / RangeError naming the transform', () => {
    const transforms = {
      grad: (x: tf.Tensor2D) => grad(f)(x),
      valueAndGrad: (x: tf.Tensor2D) => tf.concat([tf.reshape(valueAndGrad(f)(x).value, [-1, 1]), valueAndGrad(f)(x).grad], 1),
      jacobian: (x: tf.Tensor2D) => jacobian((z: tf.Tensor2D) => tf.softplus(z) as tf.Tensor2D)(x),
      hessian: (x: tf.Tensor2D) => hessian(f)(x),
      jetHessian: (x: tf.Tensor2D) => jetHessian(jetF)(x).hessian,
      jetDirectional: (x: tf.Tensor2D) => jetDirectional(jetF)(x, tf.ones([x.shape[0] ?? 0, 1, x.shape[1] ?? 0]) as tf.Tensor3D).hessian,
    };
    fc.assert(
      fc.property(tensors, fc.constantFrom(...(Object.keys(transforms) as (keyof typeof transforms)[])), (t, name) => {
        tf.tidy(() => {
          const x = make(t) as tf.Tensor2D;
          // hessian is jacobian(grad(f)): trouble may be found, and named, by either inner transform.
          expectContract(name === 'hessian' ? ['hessian', 'jacobian', 'grad'] : name, () => transforms[name](x).dataSync(), { errors: [TypeError, RangeError] });
        });
      }),
      fuzzSettings(150),
    );
  });

  it('solve, pinvSolve, dampedSolve, symmetricEigenvalues: finite results, or a TypeError / LinalgError naming the solver', () => {
    const solvers = {
      solve: (a: tf.Tensor, b: tf.Tensor) => solve(a, b),
      'solve-cholesky': (a: tf.Tensor, b: tf.Tensor) => solve(a, b, { method: 'cholesky' }),
      pinvSolve: (a: tf.Tensor, b: tf.Tensor) => pinvSolve(a, b),
      dampedSolve: (a: tf.Tensor, b: tf.Tensor) => dampedSolve(a, b, { epsilon: 0.1 }),
      symmetricEigenvalues: (a: tf.Tensor) => symmetricEigenvalues(a),
    };
    const system = fc.oneof(
      // Well-formed [B, d, d] and [B, d] with awkward values (singular, huge, NaN).
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([b, d]) =>
        fc.tuple(fc.array(value, { minLength: b * d * d, maxLength: b * d * d }).map((v) => ({ shape: [b, d, d], dtype: 'float32' as const, values: v })), fc.array(value, { minLength: b * d, maxLength: b * d }).map((v) => ({ shape: [b, d], dtype: 'float32' as const, values: v }))),
      ),
      fc.tuple(tensors, tensors),
    );
    fc.assert(
      fc.property(system, fc.constantFrom(...(Object.keys(solvers) as (keyof typeof solvers)[])), ([a, b], name) => {
        tf.tidy(() => {
          const where = name === 'solve-cholesky' ? 'solve' : name;
          expectContract(where, () => solvers[name](make(a), make(b)).dataSync(), { errors: [TypeError, LinalgError] });
        });
      }),
      fuzzSettings(200),
    );
  });
});
