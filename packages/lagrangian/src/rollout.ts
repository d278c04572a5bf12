import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, requireBackend } from '@lnn/autodiff';
import { solve, type FirstOrderProblem, type SecondOrderProblem, type SolveOptions, type SolveResult } from '@lnn/ode';
import type { DynamicsModel } from './dynamics-model';

/** Options of {@link rollout}: any `@lnn/ode` method and its settings (batching is always shared). */
export type RolloutOptions = Omit<SolveOptions, 'batching'> & {
  /** Per-trajectory extra inputs `[B, p]` for models that take them (held fixed along the rollout). */
  readonly extra?: ArrayLike<number>;
};

/**
 * Integrates a learned model from many initial states at once (`[B, 2d]`, q then q̇) — through its
 * `stateDerivative` when it has one, else as `q̈ = accelerations(q, q̇)` — with any
 * `@lnn/ode` method, the whole batch per model call. A trajectory whose state or acceleration
 * leaves the finite numbers is stopped and reported in the result's `status` — never continued
 * as NaN — while the others go on.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian, rollout } from '@lnn/lagrangian';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 1, hidden: [16, 16] });
 * const y0 = [0.5, 0, 1, 0]; // two trajectories, [q, q̇] each
 * const times = [0, 0.05, 0.1];
 * const r = rollout(model, y0, times, { method: 'rk4', dt: 0.01 });
 * console.log(r.states.length, r.status, r.message); // 12 ([T, B, 2d]) [ 'success', 'success' ] '' (or which stopped, and why)
 */
export function rollout(model: DynamicsModel, y0: ArrayLike<number>, times: ArrayLike<number>, options: RolloutOptions = {}): SolveResult {
  requireBackend('rollout');
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
  const derivative = model.stateDerivative?.bind(model);
  const width = derivative === undefined ? d : 2 * d; // q̈, or [q', q̈], per row
  const evaluate = (q: Float64Array, v: Float64Array, rows: number): Float32Array => {
    const out = tf.tidy(() => {
      const args = [
        tf.tensor2d(Float32Array.from(q), [rows, d]),
        tf.tensor2d(Float32Array.from(v), [rows, d]),
        extraAll === undefined ? undefined : tf.tensor2d(extraAll.subarray(0, rows * p), [rows, p]),
      ] as const;
      return derivative === undefined ? model.accelerations(...args) : derivative(...args);
    });
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  };
  // Rows the model's solver refuses (LinalgError) come back NaN, which stops just those trajectories.
  const evaluateRows = (q: Float64Array, v: Float64Array, out: Float64Array) => {
    const rows = q.length / d;
    try {
      out.set(evaluate(q, v, rows));
    } catch (error) {
      if (!(error instanceof LinalgError)) throw error;
      const bad = new Set(error.samples);
      const zero = (x: Float64Array) => x.map((value, i) => (bad.has(Math.floor(i / d)) ? 0 : value));
      out.set(evaluate(zero(q), zero(v), rows));
      for (const b of bad) out.fill(Number.NaN, b * width, (b + 1) * width);
    }
  };
  const problem: FirstOrderProblem | SecondOrderProblem =
    derivative === undefined
      ? { kind: 'second-order', dof: d, acceleration: (_t, q, v, out) => evaluateRows(q, v, out) }
      : {
          kind: 'first-order',
          dim: 2 * d,
          rhs: (_t, y, dy) => {
            const rows = y.length / (2 * d);
            const q = new Float64Array(rows * d);
            const v = new Float64Array(rows * d);
            for (let r = 0; r < rows; r++) {
              q.set(y.subarray(2 * d * r, 2 * d * r + d), d * r);
              v.set(y.subarray(2 * d * r + d, 2 * d * (r + 1)), d * r);
            }
            evaluateRows(q, v, dy); // [q', q̈] per row: the state's own layout
          },
        };
  return solve(
    problem,
    y0,
    times,
    { ...solveOptions, batching: 'shared' },
  );
}
