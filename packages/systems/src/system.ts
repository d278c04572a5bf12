/**
 * A mechanical system with generalised coordinates q and velocities v = q̇ (d of each), described
 * by its Lagrangian L(q, v). Everything is plain float64 on one state; batched helpers build on it.
 * Arrays are `ArrayLike<number>` views of length d; outputs are written into the given arrays.
 */
export interface MechanicalSystem {
  /** A short identifier, e.g. `'double-pendulum'`. */
  readonly name: string;
  /** d, the number of generalised coordinates. */
  readonly dof: number;
  /** Names of the coordinates, e.g. `['theta1', 'theta2']`. */
  readonly coordinates: readonly string[];
  /** The physical parameters the system was made with (masses, lengths, g, …). */
  readonly parameters: Readonly<Record<string, number>>;
  /** L(q, v). */
  lagrangian(q: ArrayLike<number>, v: ArrayLike<number>): number;
  /** q̈ from the equations of motion (closed form where the system has one), into `out`. */
  acceleration(q: ArrayLike<number>, v: ArrayLike<number>, out: Float64Array): void;
  /** The conserved energy `E = v·∂L/∂v − L` (T + V for natural systems). */
  energy(q: ArrayLike<number>, v: ArrayLike<number>): number;
  /** ∂L/∂q and ∂L/∂v into `dq`, `dv` (length d each). */
  lagrangianGradient(q: ArrayLike<number>, v: ArrayLike<number>, dq: Float64Array, dv: Float64Array): void;
  /**
   * The Hessian blocks of L, row-major d×d: `hqq[i·d+j] = ∂²L/∂qᵢ∂qⱼ`,
   * `hqv[i·d+j] = ∂²L/∂qᵢ∂vⱼ`, `hvv[i·d+j] = ∂²L/∂vᵢ∂vⱼ`.
   */
  lagrangianHessian(q: ArrayLike<number>, v: ArrayLike<number>, hqq: Float64Array, hqv: Float64Array, hvv: Float64Array): void;
}
