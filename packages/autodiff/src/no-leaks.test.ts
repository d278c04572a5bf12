import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend/init-backend';
import * as jets from './jet/index';
import { jetHessian } from './jet/jet-hessian';
import { dampedSolve } from './linalg/damped-solve';
import { pinvSolve } from './linalg/pinv-solve';
import { damped } from './linalg/solvers/damped';
import { pinv } from './linalg/solvers/pinv';
import { solve } from './linalg/solve';
import { symmetricEigenvalues } from './linalg/symmetric-eigenvalues';
import { grad } from './transforms/grad';
import { hessian } from './transforms/hessian';
import { jacobian } from './transforms/jacobian';
import { valueAndGrad } from './transforms/value-and-grad';

// Every public call, and a gradient through it, leaves no tensor behind but its results.
describe.each(['wasm', 'cpu'] as const)('no tensor leaks on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
    a = tf.tensor3d([[[2, 0.5], [0.5, 1]], [[3, 1], [1, 2]]]);
  });

  const f = (x: tf.Tensor2D) => tf.sum(tf.softplus(tf.mul(x, x)), 1) as tf.Tensor1D;
  const fj = (x: Parameters<typeof jets.sum>[0]) => jets.sum(jets.softplus(jets.square(x)));
  let a: tf.Tensor3D;
  const spd = () => a;
  const calls: [string, (x: tf.Tensor2D) => tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>][] = [
    ['grad', (x) => grad(f)(x)],
    ['valueAndGrad', (x) => ({ ...valueAndGrad(f)(x) })],
    ['jacobian', (x) => jacobian((z) => tf.mul(z, 2) as tf.Tensor2D)(x)],
    ['hessian', (x) => hessian(f)(x)],
    ['jetHessian', (x) => ({ ...jetHessian(fj)(x) })],
    ['solve', (x) => solve(spd(), x)],
    ['solve (Cholesky)', (x) => solve(spd(), x, { method: 'cholesky' })],
    ['dampedSolve', (x) => dampedSolve(spd(), x, { epsilon: 0.1 })],
    ['damped().solve', (x) => damped({ epsilon: 0.1 }).solve(spd(), x)],
    ['pinv().solve', (x) => pinv().solve(spd(), x)],
    ['pinvSolve', (x) => pinvSolve(spd(), x)],
    ['symmetricEigenvalues', () => symmetricEigenvalues(spd())],
    ['gradient through solve', (x) => tf.grad((z: tf.Tensor) => tf.sum(solve(spd(), z)))(x)],
    ['gradient through pinvSolve', (x) => tf.grad((z: tf.Tensor) => tf.sum(pinvSolve(spd(), z)))(x)],
    ['gradient through jetHessian', (x) => tf.grad((z: tf.Tensor) => tf.sum(jetHessian(fj)(z as tf.Tensor2D).hessian))(x)],
  ];

  it.each(calls)('%s', (_name, call) => {
    const x = tf.tensor2d([[0.3, -0.7], [1.1, 0.4]]);
    const before = tf.memory().numTensors;
    const out = call(x);
    const results = out instanceof tf.Tensor ? [out] : Array.isArray(out) ? out : Object.values(out);
    tf.dispose(results);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
