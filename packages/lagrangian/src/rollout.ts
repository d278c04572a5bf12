import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from '@lnn/autodiff';
import { solve, type SolveOptions, type SolveResult } from '@lnn/ode';
import type { DynamicsModel } from './dynamics-model';

/** Options of {@link rollout}: any `@lnn/ode` method and its settings (batching is always shared). */
export type RolloutOptions = Omit<SolveOptions, 'batching'> & {
  /** Per-trajectory extra inputs `[B, p]` for models that take them (held fixed along the rollout). */
  readonly extra?: ArrayLike<number>;
};

/**
 * Integrates a learned model from many initial states at once (`[B, 2d]`, q then q̇) with any
 * `@lnn/ode` method, the whole batch per model call. A trajectory whose state or acceleration
 * leaves the finite numbers is stopped and reported in the result's `status` — never continued
 * as NaN — while the others go on.
 *
 * @example
 * const r = rollout(model, y0, times, { method: 'rk4', dt: 0.01 });
 * r.states; r.status; r.message;
 */
export function rollout(model: DynamicsModel, y0: ArrayLike<number>, times: ArrayLike<number>, options: RolloutOptions = {}): SolveResult {
  const d = model.dof;
  const p = model.extraDim;
  const batch = y0.length / (2 * d);
  if (!Number.isInteger(batch) || batch < 1) throw new TypeError(`rollout: y0 must hold B·${2 * d} numbers ([q, q̇] per trajectory), received ${y0.length}.`);
  for (let i = 0; i < y0.length; i++) {
    if (!Number.isFinite(y0[i] as number)) throw new RangeError(`rollout: y0[${i}] is ${y0[i]}; initial states must be finite.`);
  }
  if (p > 0 && options.extra?.length !== batch * p) {
    throw new TypeError(`rollout: options.extra must hold ${batch}·${p} numbers for this model, received ${options.extra?.length}.`);
  }
  const extraAll = p > 0 ? Float32Array.from(options.extra as ArrayLike<number>) : undefined;
  const { extra: _extra, ...solveOptions } = options;
  void _extra;
  const evaluate = (q: Float64Array, v: Float64Array, rows: number): Float32Array => {
    const out = tf.tidy(() =>
      model.accelerations(
        tf.tensor2d(Float32Array.from(q), [rows, d]),
        tf.tensor2d(Float32Array.from(v), [rows, d]),
        extraAll === undefined ? undefined : tf.tensor2d(extraAll.subarray(0, rows * p), [rows, p]),
      ),
    );
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  };
  return solve(
    {
      kind: 'second-order',
      dof: d,
      acceleration: (_t, q, v, out) => {
        const rows = q.length / d;
        try {
          out.set(evaluate(q, v, rows));
        } catch (error) {
          if (!(error instanceof LinalgError)) throw error;
          // Stop the samples the solver refused; evaluate the rest with those rows zeroed.
          const bad = new Set(error.samples);
          const zero = (x: Float64Array) => x.map((value, i) => (bad.has(Math.floor(i / d)) ? 0 : value));
          out.set(evaluate(zero(q), zero(v), rows));
          for (const b of bad) out.fill(Number.NaN, b * d, (b + 1) * d);
        }
      },
    },
    y0,
    times,
    { ...solveOptions, batching: 'shared' },
  );
}
