import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/init-backend';
import { dampedSolve } from '../damped-solve';
import { pinvSolve } from '../pinv-solve';
import { solve } from '../solve';
import { cholesky } from './cholesky';
import { damped } from './damped';
import { lu } from './lu';
import { pinv } from './pinv';
import { SOLVER_NAMES, type Solver } from './solver';
import { solverFromJson } from './solver-from-json';

/** Entries equal under Object.is (same bits, NaN and −0 included). */
function expectIdentical(a: tf.Tensor, b: tf.Tensor): void {
  expect(a.shape).toEqual(b.shape);
  const [x, y] = [a.dataSync(), b.dataSync()];
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) throw new Error(`entry ${i}: ${x[i]} ≠ ${y[i]}`);
}

describe('dense solvers as values', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  // Symmetric, positive definite but badly scaled (rcond matters), and a right-hand side [B, d].
  const A = () => tf.tensor3d([[[4, 1, 0], [1, 3, 0], [0, 0, 1e-4]], [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]]);
  const b = () => tf.tensor2d([[1, -2, 0.5], [0.3, 0.1, -0.7]]);

  it('each value solves exactly as the op it names, with the same options', () => {
    tf.tidy(() => {
      const cases: [Solver, tf.Tensor][] = [
        [pinv(), pinvSolve(A(), b())],
        [pinv({ rcond: 1e-3 }), pinvSolve(A(), b(), { rcond: 1e-3 })],
        [damped(), dampedSolve(A(), b(), { epsilon: 1e-3 })],
        [damped({ epsilon: 0.25 }), dampedSolve(A(), b(), { epsilon: 0.25 })],
        [lu(), solve(A(), b())],
        [cholesky(), solve(A(), b(), { method: 'cholesky' })],
      ];
      for (const [solver, expected] of cases) expectIdentical(solver.solve(A(), b()), expected);
      // The cutoff is an option that changes the answer: the 1e-4 eigenvalue is cut at rcond = 1e-3, kept at d·ε₃₂.
      expect(pinv({ rcond: 1e-3 }).solve(A(), b()).dataSync()[2]).not.toBe(pinv().solve(A(), b()).dataSync()[2]);
    });
  });

  it('gradients flow through solver.solve exactly as through the op', () => {
    tf.tidy(() => {
      const c = tf.tensor2d([[0.5, -1, 2], [1, 0.25, -0.5]]);
      const through = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => tf.grads((a: tf.Tensor, r: tf.Tensor) => tf.sum(tf.mul(f(a, r), c)))([A(), b()]);
      const pairs: [Solver, (a: tf.Tensor, r: tf.Tensor) => tf.Tensor][] = [
        [pinv(), (a, r) => pinvSolve(a, r)],
        [damped({ epsilon: 0.1 }), (a, r) => dampedSolve(a, r, { epsilon: 0.1 })],
        [lu(), (a, r) => solve(a, r)],
        [cholesky(), (a, r) => solve(a, r, { method: 'cholesky' })],
      ];
      for (const [solver, op] of pairs) {
        const [dA, dB] = through((a, r) => solver.solve(a, r));
        const [eA, eB] = through(op);
        expectIdentical(dA!, eA!);
        expectIdentical(dB!, eB!);
      }
    });
  });

  it('the defaults are filled in once, by the factory', () => {
    expect(damped().options).toEqual({ epsilon: 1e-3 });
    expect(pinv().options).toEqual({}); // rcond: d·ε₃₂, chosen per matrix size by pinvSolve
    expect(pinv({ rcond: 1e-6 }).options).toEqual({ rcond: 1e-6 });
    expect(lu().options).toEqual({});
    expect([pinv(), damped(), lu(), cholesky()].map((s) => s.name)).toEqual([...SOLVER_NAMES]);
    expect(Object.isFrozen(damped())).toBe(true);
    expect(Object.isFrozen(damped().options)).toBe(true);
  });

  it('round-trips through JSON to a solver that gives the same numbers', () => {
    tf.tidy(() => {
      for (const solver of [pinv(), pinv({ rcond: 1e-3 }), damped({ epsilon: 0.25 }), lu(), cholesky()]) {
        const json = JSON.parse(JSON.stringify(solver)) as Record<string, unknown>;
        expect(json).toEqual({ name: solver.name, options: { ...solver.options } });
        const back = solverFromJson(json);
        expect(back.name).toBe(solver.name);
        expect(back.options).toEqual(solver.options);
        expectIdentical(back.solve(A(), b()), solver.solve(A(), b()));
      }
      expect(solverFromJson({ name: 'lu' }).name).toBe('lu'); // options may be left out
    });
  });

  it('the deprecated positional dampedSolve(a, b, ε) still works, as the options form', () => {
    tf.tidy(() => {
      expectIdentical(dampedSolve(A(), b(), 0.25), dampedSolve(A(), b(), { epsilon: 0.25 }));
      expect(() => dampedSolve(A(), b(), -1)).toThrow('dampedSolve: epsilon must be a finite number ≥ 0, received -1.');
    });
  });

  it('refuses bad options and bad JSON, naming the function, the option and what it expects', () => {
    expect(() => pinv({ rcond: -1 })).toThrow('pinv: options.rcond must be a finite number ≥ 0 (or left out for d·ε₃₂), received -1.');
    expect(() => pinv({ rcond: Number.NaN })).toThrow(/pinv: options.rcond must be a finite number ≥ 0/);
    expect(() => damped({ epsilon: Number.POSITIVE_INFINITY })).toThrow('damped: options.epsilon must be a finite number ≥ 0, received Infinity.');
    expect(() => damped({ eps: 0.1 } as never)).toThrow("damped: unknown option 'eps'; expected 'epsilon'.");
    expect(() => lu({ pivoting: 1 } as never)).toThrow("lu: unknown option 'pivoting'; it takes none.");
    expect(() => damped(0.1 as never)).toThrow('damped: options must be an object { epsilon }, received 0.1.');
    expect(() => solverFromJson({ name: 'qr', options: {} })).toThrow(`solverFromJson: json.name must be one of 'pinv', 'damped', 'lu', 'cholesky', received "qr".`);
    expect(() => solverFromJson(null as never)).toThrow('solverFromJson: json must be { name, options }, received null.');
    expect(() => solverFromJson({ name: 'damped', options: { epsilon: -2 } })).toThrow('damped: options.epsilon must be a finite number ≥ 0, received -2.');
  });
});
