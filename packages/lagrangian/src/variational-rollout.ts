import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, requireBackend, solve as linearSolve } from '@lnn/autodiff';
import { solve, variational, type LagrangianProblem, type SolveOptions, type SolveResult } from '@lnn/ode';
import { checkStep, pairState, partialsFromGradient } from './discrete-lagrangian';
import type { Lagrangian } from './lagrangian';
import { lagrangianGradient, lagrangianGradientAndHessian } from './internal/lagrangian-gradient';

/**
 * A learned (tfjs) Lagrangian as an `@lnn/ode` Lagrangian problem — its gradient and Hessian blocks
 * at one state, evaluated in float32 — for `solve(…, { method: 'variational' })`. Newton
 * tolerances for it must allow for float32 derivatives (about 1e-6, not the float64 default).
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { learnedLagrangianProblem, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * import { solve, variational } from '@lnn/ode';
 * const r = solve(learnedLagrangianProblem(oscillator), [1, 0], [0, 1], variational({ dt: 0.05, newton: { tolerance: 1e-6 } }));
 * console.log(r.ok, r.states[2], Math.cos(1)); // true ≈ 0.5405 0.5403 (q at t = 1: the midpoint rule's O(Δt²) error)
 */
export function learnedLagrangianProblem(lagrangian: Lagrangian): LagrangianProblem {
  const d = lagrangian.dof;
  const state = (q: Float64Array, v: Float64Array) => {
    const x = new Float32Array(2 * d);
    x.set(q);
    x.set(v, d);
    return tf.tensor2d(x, [1, 2 * d]);
  };
  return {
    kind: 'lagrangian',
    dof: d,
    gradient(q, v, dq, dv) {
      const g = tf.tidy(() => lagrangianGradient(lagrangian, state(q, v)));
      const values = g.dataSync();
      g.dispose();
      for (let i = 0; i < d; i++) {
        dq[i] = values[i] as number;
        dv[i] = values[d + i] as number;
      }
    },
    hessian(q, v, hqq, hqv, hvv) {
      const h = tf.tidy(() => lagrangianGradientAndHessian(lagrangian, state(q, v)).hessian);
      const values = h.dataSync();
      h.dispose();
      const n = 2 * d;
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          hqq[i * d + j] = values[i * n + j] as number;
          hqv[i * d + j] = values[i * n + d + j] as number;
          hvv[i * d + j] = values[(d + i) * n + d + j] as number;
        }
      }
    },
  };
}

/**
 * Velocities from momenta by the Legendre transform, `∂L/∂q̇(q, v) = p`, batched Newton in
 * float32 from `guess` (`[B, d]` each). A row has converged when its step is within
 * `tolerance · (1 + |v|)`, or when its residual `|∂L/∂q̇ − p|` is within 1e-5 · (1 + |p|): float32
 * rounding of the gradient (a few ε₃₂ of |p|, which a learned L can make large through terms
 * linear in q̇ that leave the motion unchanged) keeps the step from shrinking further. Throws a
 * RangeError naming the rows where it fails.
 */
function legendreVelocities(lagrangian: Lagrangian, q: tf.Tensor2D, p: tf.Tensor2D, guess: tf.Tensor2D, tolerance: number, maxIterations: number): Float32Array {
  const d = lagrangian.dof;
  const batch = q.shape[0];
  const momenta = p.dataSync();
  const largest = (values: ArrayLike<number>, b: number) => {
    let m = 0;
    for (let i = 0; i < d; i++) m = Math.max(m, Math.abs(values[b * d + i] as number));
    return m;
  };
  let v = tf.clone(guess);
  try {
    for (let it = 0; it < maxIterations; it++) {
      const [delta, residual] = tf.tidy(() => {
        const { gradient, hessian } = lagrangianGradientAndHessian(lagrangian, tf.concat([q, v], 1) as tf.Tensor2D);
        const r = tf.sub(tf.slice(gradient, [0, d], [batch, d]), p) as tf.Tensor2D;
        return [linearSolve(tf.slice(hessian, [0, d, d], [batch, d, d]), r) as tf.Tensor2D, r];
      });
      const next = tf.sub(v, delta) as tf.Tensor2D;
      const [steps, residuals, values] = [delta.dataSync(), residual.dataSync(), next.dataSync()];
      tf.dispose([v, delta, residual]);
      v = next;
      const open: number[] = [];
      for (let b = 0; b < batch; b++) {
        const converged = largest(steps, b) <= tolerance * (1 + largest(values, b)) || largest(residuals, b) <= 1e-5 * (1 + largest(momenta, b));
        if (!converged) open.push(b);
      }
      if (open.length === 0) return Float32Array.from(values);
      if (it === maxIterations - 1) throw new RangeError(`variationalRollout: the Legendre transform ∂L/∂q̇ = p did not converge in ${maxIterations} Newton iterations for ${open.length} start(s) (first: trajectory ${(open[0] as number) % (batch / 2)}); is H_vv of the learned L near singular there?`);
    }
  } catch (error) {
    if (!(error instanceof LinalgError)) throw error;
    // Rows are the q₀ of each trajectory, then its q₁.
    const trajectories = [...new Set(error.samples.map((s) => s % (batch / 2)))];
    const what = error.kind === 'singular' ? 'H_vv of the learned L is singular' : `the Newton iteration met ${error.kind === 'non-finite-input' ? 'non-finite derivatives' : `a ${error.kind} system`} (it diverged, or H_vv is near singular)`;
    throw new RangeError(`variationalRollout: ${what} at the start of trajector${trajectories.length === 1 ? 'y' : 'ies'} ${trajectories.slice(0, 5).join(', ')}: no velocity found with the momentum the positions give.`);
  } finally {
    v.dispose();
  }
  throw new RangeError('variationalRollout: maxIterations must be ≥ 1.');
}

/** Options of {@link variationalRollout}. */
export interface VariationalRolloutOptions {
  /** Δt: the interval between the given positions, and the integrator's step. */
  readonly dt: number;
  /** Steps after q₁ (the result holds steps + 2 rows: q₀, q₁ and the predicted ones). */
  readonly steps: number;
  /** Time of q₀. @default 0 */
  readonly t0?: number;
  /**
   * Newton's tolerance and iteration limit, for the integrator and for the Legendre transform of
   * the two given positions. The derivatives are float32, so the float64 default of `@lnn/ode`
   * (1e-12) cannot be met. @default { tolerance: 1e-6, maxIterations: 50 }
   */
  readonly newton?: { readonly tolerance?: number; readonly maxIterations?: number };
  /** As `solve`'s: stops a trajectory that has left any plausible range. */
  readonly stop?: SolveOptions['stop'];
}

/**
 * Rolls a learned Lagrangian out from positions alone with `@lnn/ode`'s variational integrator —
 * the one whose discrete Euler–Lagrange equation the `'discrete-euler-lagrange'` training fits —
 * from pairs of consecutive positions `(q₀, q₁)` (`[B, d]` each, Δt apart). The momenta
 * `p₀ = −D₁L_d(q₀, q₁)`, `p₁ = D₂L_d(q₀, q₁)` give the velocities by the Legendre transform; the
 * integrator then continues from `(q₁, q̇₁)`. Symplectic: the learned energy oscillates but does
 * not drift. Returns `solve`'s result over `t0 + k·Δt`, k = 0 … steps + 1, states `[q, q̇]`.
 *
 * @throws {RangeError} when the Legendre transform fails at the start (singular H_vv there).
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { variationalRollout, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * // two trajectories, q = cos t and q = 2 cos t, from their positions at t = 0 and 0.1
 * const r = variationalRollout(oscillator, [1, 2], [Math.cos(0.1), 2 * Math.cos(0.1)], { dt: 0.1, steps: 100 });
 * const last = r.times.length - 1; // t = 10.1; states [q, q̇] per trajectory
 * console.log(r.ok, r.states[last * 4], Math.cos(10.1)); // true ≈ −0.786 −0.781 (the midpoint rule's phase error)
 */
export function variationalRollout(model: Lagrangian | { readonly lagrangian: Lagrangian }, q0: ArrayLike<number>, q1: ArrayLike<number>, options: VariationalRolloutOptions): SolveResult {
  const where = 'variationalRollout';
  requireBackend(where);
  const lagrangian = 'lagrangian' in model ? model.lagrangian : model;
  const d = lagrangian.dof;
  const { dt, steps, t0 = 0 } = options ?? ({} as VariationalRolloutOptions);
  checkStep(where, dt);
  if (!Number.isInteger(steps) || steps < 1) throw new TypeError(`${where}: options.steps must be a positive integer, received ${String(steps)}.`);
  const batch = (q0?.length ?? 0) / d;
  if (!Number.isInteger(batch) || batch < 1 || q1?.length !== q0.length) throw new TypeError(`${where}: q0 and q1 must each hold B·${d} numbers (B ≥ 1), received ${q0?.length} and ${q1?.length}.`);
  for (const [name, values] of [['q0', q0], ['q1', q1]] as const) {
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) throw new RangeError(`${where}: ${name}[${i}] is ${values[i]}; positions must be finite.`);
  }
  const tolerance = options.newton?.tolerance ?? 1e-6;
  const maxIterations = options.newton?.maxIterations ?? 50;
  // Momenta at q₀ and q₁ from the discrete Lagrangian, then velocities at both (one batch of 2B).
  const start = Float64Array.from({ length: batch * d }, (_, i) => (q1[i] as number) - (q0[i] as number));
  const velocities = tf.tidy(() => {
    const first = tf.tensor2d(Float32Array.from(q0), [batch, d]);
    const step = tf.tensor2d(Float32Array.from(start), [batch, d]);
    const second = tf.tensor2d(Float32Array.from(q1), [batch, d]);
    const { d1, d2 } = partialsFromGradient(lagrangianGradient(lagrangian, pairState(tf.add(first, tf.mul(step, 0.5)) as tf.Tensor2D, step, dt)), d, dt);
    const guess = tf.div(step, dt) as tf.Tensor2D;
    return tf.tensor2d(legendreVelocities(lagrangian, tf.concat([first, second]) as tf.Tensor2D, tf.concat([tf.neg(d1), d2]) as tf.Tensor2D, tf.concat([guess, guess]) as tf.Tensor2D, tolerance, maxIterations), [2 * batch, d]);
  });
  const v = velocities.dataSync();
  velocities.dispose();
  const y = (q: ArrayLike<number>, offset: number) => {
    const out = new Float64Array(batch * 2 * d);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < d; i++) {
        out[b * 2 * d + i] = q[b * d + i] as number;
        out[b * 2 * d + d + i] = v[(offset + b) * d + i] as number;
      }
    }
    return out;
  };
  const times = Float64Array.from({ length: steps + 1 }, (_, k) => t0 + (k + 1) * dt);
  const r = solve(learnedLagrangianProblem(lagrangian), y(q1, batch), times, variational({ dt, newton: { tolerance, maxIterations } }), options.stop === undefined ? {} : { stop: options.stop });
  const dim = 2 * d;
  const states = new Float64Array((steps + 2) * batch * dim);
  states.set(y(q0, 0));
  states.set(r.states, batch * dim);
  return { ...r, times: Float64Array.from([t0, ...times]), states, reached: r.reached.map((k) => k + 1) };
}
