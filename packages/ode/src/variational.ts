import { luFactor, luSolveVector, singularTolerance } from '@lnn/linalg';
import type { Integrator, IntegratorState } from './integrator';
import type { LagrangianProblem } from './problem';

/** Newton options of {@link variationalIntegrator} (the `newton` option of the `variational()` method). */
export interface VariationalOptions {
  /** Newton stops when `‖Δq‖∞ ≤ tolerance · (1 + ‖q‖∞)`. @default 1e-12 */
  readonly tolerance?: number;
  /** Newton iterations allowed per step before the step is reported as failed. @default 50 */
  readonly maxIterations?: number;
}

/** Variational-integrator state: also the discrete momenta `p` (`[B, dof]`). */
export interface VariationalState extends IntegratorState {
  readonly p: Float64Array;
}

const inf = (x: Float64Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * A variational integrator for any Lagrangian: the discrete Euler–Lagrange equations of the
 * midpoint discrete Lagrangian `L_d(q₀, q₁) = h L((q₀+q₁)/2, (q₁−q₀)/h)`, in position–momentum
 * form — `p₀ + D₁L_d(q₀, q₁) = 0` solved for q₁ by Newton's method, then `p₁ = D₂L_d(q₀, q₁)`.
 * Second order and symplectic: the energy error stays bounded over long runs. Output velocities
 * come from the Legendre transform `∂L/∂v(q₁, v₁) = p₁` (Newton again).
 *
 * Newton reuses its LU-factorised Jacobian across iterations and steps while it contracts well
 * (refreshed when the contraction rate exceeds ½), so a linear system such as the discrete wave
 * equation factorises once. A step whose Newton iteration does not converge is reported in
 * `failed`, never returned as NaN.
 *
 * The integrator the `variational()` method steps with; for stepping by hand.
 *
 * @example
 * import { variationalIntegrator, type LagrangianProblem } from '@lnn/ode';
 * // the harmonic oscillator L = v²/2 − q²/2, two trajectories
 * const oscillator: LagrangianProblem = {
 *   kind: 'lagrangian',
 *   dof: 1,
 *   gradient: (q, v, dq, dv) => {
 *     dq[0] = -q[0]!;
 *     dv[0] = v[0]!;
 *   },
 *   hessian: (_q, _v, hqq, hqv, hvv) => {
 *     hqq[0] = -1;
 *     hqv[0] = 0;
 *     hvv[0] = 1;
 *   },
 * };
 * const batch = 2;
 * const integrator = variationalIntegrator(oscillator, batch, { tolerance: 1e-13 });
 * let s = integrator.init(0, Float64Array.of(1, 0, 0, 1)); // [q, v] per trajectory
 * for (let i = 0; i < 100; i++) s = integrator.step(s, 0.01).state;
 * console.log(s.y); // ≈ [cos 1, −sin 1, sin 1, cos 1]
 */
export function variationalIntegrator(problem: LagrangianProblem, batch: number, options: VariationalOptions = {}): Integrator<VariationalState> {
  const { tolerance = 1e-12, maxIterations = 50 } = options;
  const d = problem.dof;
  const [lq, lv, hqq, hqv, hvv, g, delta, work, m, w] = [d, d, d * d, d * d, d * d, d, d, d, d, d].map(
    (n) => new Float64Array(n),
  ) as Float64Array[];
  // Cached Newton matrix per trajectory, with the step it was made for.
  const jacobians = Array.from({ length: batch }, () => ({ lu: new Float64Array(d * d), perm: new Int32Array(d), h: Number.NaN }));
  const legendreLu = new Float64Array(d * d);
  const legendrePerm = new Int32Array(d);

  const momentum = (q: Float64Array, v: Float64Array, out: Float64Array) => {
    problem.gradient(q, v, lq!, lv!);
    out.set(lv!);
  };

  /** Fills the Newton matrix ∂/∂q₁ [p₀ + D₁L_d] at (m, w); false if singular. */
  const newtonMatrix = (jac: (typeof jacobians)[number], h: number): boolean => {
    problem.hessian(m!, w!, hqq!, hqv!, hvv!);
    let scale = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const value =
          (h / 4) * (hqq![i * d + j] as number) +
          0.5 * (hqv![i * d + j] as number) -
          0.5 * (hqv![j * d + i] as number) -
          (hvv![i * d + j] as number) / h;
        jac.lu[i * d + j] = value;
        scale = Math.max(scale, Math.abs(value));
      }
    }
    jac.h = h;
    return luFactor(jac.lu, d, jac.perm, singularTolerance(d, scale)) === -1;
  };

  /** Solves ∂L/∂v(q, v) = p for v by Newton from the guess in v; false if it fails. */
  const legendre = (q: Float64Array, p: Float64Array, v: Float64Array): boolean => {
    for (let it = 0; it < maxIterations; it++) {
      problem.gradient(q, v, lq!, lv!);
      for (let i = 0; i < d; i++) g![i] = (lv![i] as number) - (p[i] as number);
      problem.hessian(q, v, hqq!, hqv!, hvv!);
      legendreLu.set(hvv!);
      let scale = 0;
      for (const x of hvv!) scale = Math.max(scale, Math.abs(x));
      if (luFactor(legendreLu, d, legendrePerm, singularTolerance(d, scale)) >= 0) return false;
      delta!.set(g!);
      luSolveVector(legendreLu, d, legendrePerm, delta!, work!);
      for (let i = 0; i < d; i++) v[i] = (v[i] as number) - (delta![i] as number);
      if (inf(delta!) <= tolerance * (1 + inf(v))) return true;
    }
    return false;
  };

  return {
    name: 'variational',
    order: 2,
    init(t0, y0) {
      const p = new Float64Array(batch * d);
      for (let b = 0; b < batch; b++) {
        const o = b * 2 * d;
        momentum(y0.subarray(o, o + d), y0.subarray(o + d, o + 2 * d), p.subarray(b * d, (b + 1) * d));
      }
      return { t: t0, y: Float64Array.from(y0), p };
    },
    step(state, h) {
      const y = Float64Array.from(state.y);
      const p = Float64Array.from(state.p);
      const failed: number[] = [];
      let evaluations = 0;
      for (let b = 0; b < batch; b++) {
        const o = b * 2 * d;
        const q0 = state.y.subarray(o, o + d);
        const v0 = state.y.subarray(o + d, o + 2 * d);
        const p0 = state.p.subarray(b * d, (b + 1) * d);
        const q1 = y.subarray(o, o + d);
        for (let i = 0; i < d; i++) q1[i] = (q0[i] as number) + h * (v0[i] as number);
        const jac = jacobians[b]!;
        let fresh = false;
        let previous = Number.POSITIVE_INFINITY;
        let converged = false;
        for (let it = 0; it < maxIterations && !converged; it++) {
          for (let i = 0; i < d; i++) {
            m![i] = 0.5 * ((q0[i] as number) + (q1[i] as number));
            w![i] = ((q1[i] as number) - (q0[i] as number)) / h;
          }
          problem.gradient(m!, w!, lq!, lv!);
          evaluations++;
          for (let i = 0; i < d; i++) g![i] = (p0[i] as number) + (h / 2) * (lq![i] as number) - (lv![i] as number);
          if (jac.h !== h) {
            if (!newtonMatrix(jac, h)) break;
            fresh = true;
          }
          delta!.set(g!);
          luSolveVector(jac.lu, d, jac.perm, delta!, work!);
          const size = inf(delta!);
          if (!Number.isFinite(size)) break;
          if (!fresh && size > 0.5 * previous) {
            // Contracting too slowly with an old matrix: refresh it here and redo this iteration.
            if (!newtonMatrix(jac, h)) break;
            fresh = true;
            delta!.set(g!);
            luSolveVector(jac.lu, d, jac.perm, delta!, work!);
          }
          for (let i = 0; i < d; i++) q1[i] = (q1[i] as number) - (delta![i] as number);
          converged = inf(delta!) <= tolerance * (1 + inf(q1));
          previous = inf(delta!);
        }
        if (!converged) {
          jac.h = Number.NaN;
          failed.push(b);
          continue;
        }
        // p₁ = D₂L_d(q₀, q₁) = (h/2) ∂L/∂q + ∂L/∂v at the midpoint.
        for (let i = 0; i < d; i++) {
          m![i] = 0.5 * ((q0[i] as number) + (q1[i] as number));
          w![i] = ((q1[i] as number) - (q0[i] as number)) / h;
        }
        problem.gradient(m!, w!, lq!, lv!);
        evaluations++;
        const p1 = p.subarray(b * d, (b + 1) * d);
        for (let i = 0; i < d; i++) p1[i] = (h / 2) * (lq![i] as number) + (lv![i] as number);
        const v1 = y.subarray(o + d, o + 2 * d);
        v1.set(w!);
        if (!legendre(q1, p1, v1)) failed.push(b);
      }
      const next = { t: state.t + h, y, p };
      return failed.length > 0 ? { state: next, evaluations, failed } : { state: next, evaluations };
    },
  };
}
