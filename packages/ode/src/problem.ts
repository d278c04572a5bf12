/**
 * `y' = f(t, y)` for any number of states at once: `y` and `dy` hold a whole number of states of
 * `dim` components each, back to back (`[B, dim]` row-major). `f` writes `dy`, and must treat
 * every state independently.
 */
export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

/** A first-order system `y' = f(t, y)` of dimension `dim`. */
export interface FirstOrderProblem {
  readonly kind: 'first-order';
  readonly dim: number;
  readonly rhs: Rhs;
}

/**
 * A second-order system `q̈ = a(t, q, v)` with `dof` coordinates; its state is `[q, v]`
 * (`2·dof` components). `acceleration` gets `[B, dof]` arrays of positions and velocities and
 * writes `[B, dof]` accelerations. Symplectic (Verlet) stepping needs `a` independent of `v`.
 */
export interface SecondOrderProblem {
  readonly kind: 'second-order';
  readonly dof: number;
  readonly acceleration: (t: number, q: Float64Array, v: Float64Array, out: Float64Array) => void;
  /** Whether the acceleration depends on v (then Verlet refuses the problem). @default true */
  readonly velocityDependent?: boolean;
}

/**
 * A Lagrangian `L(q, v)` given by its derivatives at one state, for the variational integrator
 * (and, through the Euler–Lagrange equation, for the explicit ones). Arrays are length `dof`;
 * Hessian blocks are row-major `dof×dof`: `hqq[i·d+j] = ∂²L/∂qᵢ∂qⱼ`, `hqv[i·d+j] = ∂²L/∂qᵢ∂vⱼ`,
 * `hvv[i·d+j] = ∂²L/∂vᵢ∂vⱼ`.
 */
export interface LagrangianProblem {
  readonly kind: 'lagrangian';
  readonly dof: number;
  gradient(q: Float64Array, v: Float64Array, dq: Float64Array, dv: Float64Array): void;
  hessian(q: Float64Array, v: Float64Array, hqq: Float64Array, hqv: Float64Array, hvv: Float64Array): void;
}

/** Any problem `solve` accepts. */
export type Problem = FirstOrderProblem | SecondOrderProblem | LagrangianProblem;

/** The dimension of one state of a problem (`dim`, or `2·dof` for `[q, v]` states). */
export function stateDim(problem: Problem): number {
  return problem.kind === 'first-order' ? problem.dim : 2 * problem.dof;
}
