import { luFactor, luSolveVector, singularTolerance } from '@lnn/linalg';
import type { LagrangianProblem, Problem, Rhs, SecondOrderProblem } from './problem';

/** Gathers `[B, 2d]` states into `[B, d]` positions and velocities. */
export function splitStates(y: Float64Array, dof: number, q: Float64Array, v: Float64Array): void {
  const batch = y.length / (2 * dof);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < dof; i++) {
      q[b * dof + i] = y[b * 2 * dof + i] as number;
      v[b * dof + i] = y[b * 2 * dof + dof + i] as number;
    }
  }
}

function secondOrderRhs(problem: SecondOrderProblem): Rhs {
  const d = problem.dof;
  let q = new Float64Array(0);
  let v = new Float64Array(0);
  let a = new Float64Array(0);
  return (t, y, dy) => {
    const n = y.length / 2;
    if (q.length !== n) [q, v, a] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    splitStates(y, d, q, v);
    problem.acceleration(t, q, v, a);
    const batch = n / d;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < d; i++) {
        dy[b * 2 * d + i] = v[b * d + i] as number;
        dy[b * 2 * d + d + i] = a[b * d + i] as number;
      }
    }
  };
}

/**
 * The Euler–Lagrange accelerations of one state: solves `H_vv q̈ = ∂L/∂q − H_vq v` with
 * `H_vq[i][j] = ∂²L/∂vᵢ∂qⱼ`. Writes NaN when `H_vv` is singular (the solver then reports the
 * trajectory as non-finite).
 */
export function lagrangianAcceleration(problem: LagrangianProblem): (q: Float64Array, v: Float64Array, out: Float64Array) => void {
  const d = problem.dof;
  const [dq, dv, hqq, hqv, hvv, work] = [d, d, d * d, d * d, d * d, d].map((n) => new Float64Array(n)) as Float64Array[];
  const perm = new Int32Array(d);
  return (q, v, out) => {
    problem.gradient(q, v, dq!, dv!);
    problem.hessian(q, v, hqq!, hqv!, hvv!);
    let scale = 0;
    for (const x of hvv!) scale = Math.max(scale, Math.abs(x));
    for (let i = 0; i < d; i++) {
      let s = dq![i] as number;
      for (let j = 0; j < d; j++) s -= (hqv![j * d + i] as number) * (v[j] as number);
      out[i] = s;
    }
    if (luFactor(hvv!, d, perm, singularTolerance(d, scale)) >= 0) {
      out.fill(Number.NaN);
      return;
    }
    luSolveVector(hvv!, d, perm, out, work!);
  };
}

function lagrangianRhs(problem: LagrangianProblem): Rhs {
  const d = problem.dof;
  const accel = lagrangianAcceleration(problem);
  const a = new Float64Array(d);
  return (_t, y, dy) => {
    const batch = y.length / (2 * d);
    for (let b = 0; b < batch; b++) {
      const o = b * 2 * d;
      accel(y.subarray(o, o + d), y.subarray(o + d, o + 2 * d), a);
      for (let i = 0; i < d; i++) {
        dy[o + i] = y[o + d + i] as number;
        dy[o + d + i] = a[i] as number;
      }
    }
  };
}

/** The first-order right-hand side `y' = f(t, y)` of any problem (`[q, v]` states for the others). */
export function toFirstOrder(problem: Problem): Rhs {
  switch (problem.kind) {
    case 'first-order':
      return problem.rhs;
    case 'second-order':
      return secondOrderRhs(problem);
    case 'lagrangian':
      return lagrangianRhs(problem);
  }
}
