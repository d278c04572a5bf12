import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, requireBackend } from '@lnn/autodiff';
import { dopri5, solve, type FirstOrderProblem, type SecondOrderProblem, type SolveMethod, type SolveOptions, type SolveResult } from '@lnn/ode';
import type { DynamicsModel } from './dynamics-model';

/**
 * Options of {@link rollout}: the extra inputs and `stop`. (The other fields are the deprecated
 * way of choosing the `@lnn/ode` method, `{ method: 'rk4', dt }` → `rk4({ dt })`, still read when
 * no method value is given.)
 */
export type RolloutOptions = Omit<SolveOptions, 'batching'> & {
  /** Per-trajectory extra inputs `[B, p]` for models that take them (held fixed along the rollout). */
  readonly extra?: ArrayLike<number>;
  /**
   * Extra inputs that vary with time — a control signal u(t), e.g. a forcing: writes every
   * trajectory's `[B, p]` inputs at time t into `u` (length B·p) before each model call. In place
   * of `extra` (not both). A `@lnn/systems` `ControlInput` of one trajectory becomes one with
   * `compileControlInput(input, p)` and a copy per trajectory.
   */
  readonly control?: (t: number, u: Float64Array) => void;
};

const LEGACY_KEYS = ['method', 'rtol', 'atol', 'dt', 'adaptive', 'maxSteps', 'newton'] as const;

/**
 * Integrates a learned model from many initial states at once (`[B, 2d]`, q then q̇) — through its
 * `stateDerivative` when it has one, else as `q̈ = accelerations(q, q̇)` — with any `@lnn/ode`
 * method value (`dopri5()` by default), the whole batch per model call: an adaptive method's
 * batching is always `'shared'`. A trajectory whose state or acceleration leaves the finite
 * numbers is stopped and reported in the result's `status` — never continued as NaN — while the
 * others go on.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian, rollout } from '@lnn/lagrangian';
 * import { rk4 } from '@lnn/ode';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 1, hidden: [16, 16] });
 * const y0 = [0.5, 0, 1, 0]; // two trajectories, [q, q̇] each
 * const times = [0, 0.05, 0.1];
 * const r = rollout(model, y0, times, rk4({ dt: 0.01 }));
 * console.log(r.states.length, r.status, r.message); // 12 ([T, B, 2d]) [ 'success', 'success' ] '' (or which stopped, and why)
 */
export function rollout(model: DynamicsModel, y0: ArrayLike<number>, times: ArrayLike<number>, method?: SolveMethod, options?: RolloutOptions): SolveResult;
/** @deprecated Pass a method value: `rollout(model, y0, times, rk4({ dt }), { extra, stop })`. */
export function rollout(model: DynamicsModel, y0: ArrayLike<number>, times: ArrayLike<number>, options: RolloutOptions): SolveResult;
export function rollout(model: DynamicsModel, y0: ArrayLike<number>, times: ArrayLike<number>, methodOrOptions?: SolveMethod | RolloutOptions, rolloutOptions?: RolloutOptions): SolveResult {
  requireBackend('rollout');
  const legacy = methodOrOptions !== undefined && methodOrOptions !== null && typeof (methodOrOptions as SolveMethod).run !== 'function';
  if (legacy && rolloutOptions !== undefined) throw new TypeError('rollout: the deprecated options form (an object in place of the method) takes no fifth argument; pass a method value, e.g. rollout(model, y0, times, rk4({ dt }), { extra }).');
  const options: RolloutOptions = (legacy ? (methodOrOptions as RolloutOptions) : rolloutOptions) ?? {};
  const misplaced = legacy ? undefined : LEGACY_KEYS.find((key) => options[key] !== undefined);
  if (misplaced !== undefined) throw new TypeError(`rollout: options.${misplaced} belongs to the method now; pass it to the method value (e.g. dopri5({ ${misplaced === 'method' ? 'rtol' : misplaced} })).`);
  const d = model.dof;
  const p = model.extraDim;
  const batch = y0.length / (2 * d);
  if (!Number.isInteger(batch) || batch < 1) throw new TypeError(`rollout: y0 must hold B·${2 * d} numbers ([q, q̇] per trajectory), received ${y0.length}.`);
  for (let i = 0; i < y0.length; i++) {
    if (!Number.isFinite(y0[i] as number)) throw new RangeError(`rollout: y0[${i}] is ${y0[i]}; initial states must be finite.`);
  }
  const control = options.control;
  if (control !== undefined) {
    if (typeof control !== 'function') throw new TypeError(`rollout: options.control must be a function (t, u) => void writing the ${batch}·${p} inputs at time t, received ${String(control)}.`);
    if (options.extra !== undefined) throw new TypeError('rollout: options.extra (fixed inputs) and options.control (inputs over time) were both given; keep one.');
    if (p === 0) throw new TypeError(`rollout: options.control gives inputs over time, but a '${model.kind}' of extraDim 0 takes none.`);
  } else if (p > 0 && options.extra?.length !== batch * p) {
    throw new TypeError(`rollout: options.extra must hold ${batch}·${p} numbers for this model, received ${options.extra?.length}.`);
  }
  const extraAll = p > 0 ? (control === undefined ? Float32Array.from(options.extra as ArrayLike<number>) : new Float32Array(batch * p)) : undefined;
  const controlBuffer = new Float64Array(control === undefined ? 0 : batch * p);
  /** Sets the inputs at time t (a control signal), checking them. */
  const inputsAt = (t: number) => {
    if (control === undefined) return;
    control(t, controlBuffer);
    for (let i = 0; i < controlBuffer.length; i++) {
      if (!Number.isFinite(controlBuffer[i] as number)) throw new RangeError(`rollout: options.control wrote a non-finite input (${controlBuffer[i]}) at t = ${t}, index ${i}.`);
    }
    (extraAll as Float32Array).set(controlBuffer);
  };
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
      ? {
          kind: 'second-order',
          dof: d,
          acceleration: (t, q, v, out) => {
            inputsAt(t);
            evaluateRows(q, v, out);
          },
        }
      : {
          kind: 'first-order',
          dim: 2 * d,
          rhs: (t, y, dy) => {
            inputsAt(t);
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
  if (legacy) {
    const { extra: _extra, control: _control, ...solveOptions } = options;
    void [_extra, _control];
    return solve(problem, y0, times, { ...solveOptions, batching: 'shared' });
  }
  const method = (methodOrOptions as SolveMethod | undefined) ?? dopri5();
  const shared = 'batching' in method.options ? (method as SolveMethod<{ batching: 'independent' | 'shared' }>).with({ batching: 'shared' }) : method;
  return solve(problem, y0, times, shared, options.stop === undefined ? {} : { stop: options.stop });
}
