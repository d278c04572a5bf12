/** Where an integrator is: the time and the states (`[B, dim]`), plus whatever it carries. */
export interface IntegratorState {
  readonly t: number;
  readonly y: Float64Array;
}

/** The outcome of one step: the new state and, for embedded methods, a local error estimate. */
export interface Step<S extends IntegratorState> {
  readonly state: S;
  /** Per-component local error estimate (`[B, dim]`), for adaptive step-size control. */
  readonly error?: Float64Array;
  /** Right-hand-side calls this step made. */
  readonly evaluations: number;
  /** Set when the step could not be taken (e.g. Newton did not converge), per state of the batch. */
  readonly failed?: readonly number[];
}

/**
 * One integration method bound to a problem and a batch size: it declares its `order`, starts with
 * `init` and advances with `step`. States are passed in and out; nothing is hidden.
 */
export interface Integrator<S extends IntegratorState = IntegratorState> {
  readonly name: string;
  /** Order of accuracy of the propagated solution (global error O(hᵒʳᵈᵉʳ)). */
  readonly order: number;
  /** Order of the embedded error estimate; present only on adaptive-capable methods. */
  readonly embeddedOrder?: number;
  init(t0: number, y0: Float64Array): S;
  step(state: S, h: number): Step<S>;
  /** Dense output: the solution at `t` between `from.t` and `to.t` (a step just taken), into `out`. */
  interpolate?(from: S, to: S, t: number, out: Float64Array): void;
}
