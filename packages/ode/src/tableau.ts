/**
 * An explicit Runge–Kutta method as data: `c` (nodes), `a` (strictly lower triangular, row i has
 * i entries), `b` (weights of the propagated solution) and, for embedded pairs, `e` = `b − b̂`
 * (weights of the local error estimate).
 */
export interface ButcherTableau {
  readonly name: string;
  /** Order of the propagated solution. */
  readonly order: number;
  readonly c: readonly number[];
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  /** Error weights `b − b̂` of an embedded pair. */
  readonly e?: readonly number[];
  /** Order of the embedded solution `b̂`. */
  readonly embeddedOrder?: number;
  /** First Same As Last: the last stage is f at the new point, reusable as the next first stage. */
  readonly fsal?: boolean;
}
