import { explicitRungeKutta } from '../explicit-runge-kutta';
import { toFirstOrder } from '../first-order';
import { checkKeys, positive, stepBudget } from '../internal/method-options';
import { runAdaptive } from '../internal/run-adaptive';
import { runFixed } from '../internal/run-fixed';
import type { IntegratorFactory, MethodRun, SolveMethod } from '../method';
import type { ButcherTableau } from '../tableau';

/** Options of the adaptive methods (`dopri5`, `bs23`, {@link embeddedRungeKutta}). */
export interface EmbeddedRungeKuttaOptions {
  /** Relative tolerance of the local error. @default 1.49012e-8 (odeint's) */
  readonly rtol?: number;
  /** Absolute tolerance of the local error. @default 1.49012e-8 (odeint's) */
  readonly atol?: number;
  /** The first step (default: Hairer's estimate); with `adaptive: false`, the fixed step (then required). */
  readonly dt?: number;
  /** Control the step size by the error estimate; `false`: fixed steps of at most `dt`. @default true */
  readonly adaptive?: boolean;
  /**
   * `'independent'`: each trajectory its own steps (the right-hand side sees one state at a time);
   * `'shared'`: the whole batch steps together, controlled by the largest error (the right-hand
   * side sees the whole batch — best for batched models).
   * @default 'independent'
   */
  readonly batching?: 'independent' | 'shared';
  /** Steps allowed per trajectory (shared: per batch), rejected attempts included, before `step-limit`. @default 100000 */
  readonly maxSteps?: number;
}

/** The options in force: defaults filled in (`dt` stays undefined for the estimate). */
export type ResolvedEmbeddedOptions = Required<Omit<EmbeddedRungeKuttaOptions, 'dt'>> & { readonly dt?: number };

const KEYS = ['rtol', 'atol', 'dt', 'adaptive', 'batching', 'maxSteps'] as const;

function resolve(where: string, options: unknown): ResolvedEmbeddedOptions {
  const given = checkKeys(where, options, KEYS);
  const adaptive = given.adaptive ?? true;
  if (typeof adaptive !== 'boolean') throw new TypeError(`${where}: options.adaptive must be true or false, received ${String(adaptive)}.`);
  const batching = given.batching ?? 'independent';
  if (batching !== 'independent' && batching !== 'shared') throw new TypeError(`${where}: options.batching must be 'independent' or 'shared', received ${JSON.stringify(batching)}.`);
  const dt = adaptive
    ? positive(where, 'dt', given.dt, 'the first step; its direction comes from times', "for Hairer's estimate")
    : positive(where, 'dt', given.dt, 'the step, with adaptive: false');
  return {
    rtol: positive(where, 'rtol', given.rtol ?? 1.49012e-8, 'the relative tolerance') as number,
    atol: positive(where, 'atol', given.atol ?? 1.49012e-8, 'the absolute tolerance') as number,
    ...(dt === undefined ? {} : { dt }),
    adaptive,
    batching,
    maxSteps: stepBudget(where, given.maxSteps),
  };
}

/**
 * The adaptive method of an embedded pair bound per run by `bind`: the shared body of `dopri5`,
 * `bs23` and {@link embeddedRungeKutta}. Independent batching runs each trajectory alone (a fresh
 * integrator each); shared batching runs them together.
 */
export function embeddedMethod(name: string, bind: IntegratorFactory, options: unknown, where = name): SolveMethod<ResolvedEmbeddedOptions> {
  const resolved = Object.freeze(resolve(where, options));
  return Object.freeze({
    name,
    options: resolved,
    check: () => undefined,
    run(run: MethodRun) {
      const { problem, ids, y0, dim } = run;
      if (!resolved.adaptive) {
        if (ids.length > 0) runFixed(bind(toFirstOrder(problem), y0.length, problem), run, resolved.dt as number, resolved.maxSteps);
        return;
      }
      const settings = { rtol: resolved.rtol, atol: resolved.atol, dt: resolved.dt, maxSteps: resolved.maxSteps };
      const alone = (r: MethodRun) => {
        const f = toFirstOrder(problem);
        runAdaptive(bind(f, r.y0.length, problem), f, r, settings);
      };
      if (resolved.batching === 'shared') alone(run);
      else ids.forEach((b, j) => alone({ ...run, ids: [b], y0: y0.slice(j * dim, (j + 1) * dim) }));
    },
    with: (changes: Partial<ResolvedEmbeddedOptions>) => embeddedMethod(name, bind, { ...resolved, ...changes }, where),
  });
}

/** Checks that a tableau is an explicit embedded pair the driver can run; names what is wrong. */
function checkTableau(tableau: ButcherTableau): void {
  const where = 'embeddedRungeKutta';
  if (tableau == null || typeof tableau !== 'object') throw new TypeError(`${where}: tableau must be a ButcherTableau { name, order, c, a, b, e, embeddedOrder }, received ${String(tableau)}.`);
  const { name, order, c, a, b, e, embeddedOrder, fsal } = tableau;
  const finite = (v: unknown): v is readonly number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (typeof name !== 'string' || name === '') throw new TypeError(`${where}: tableau.name must be a non-empty string, received ${JSON.stringify(name)}.`);
  if (!Number.isInteger(order) || order < 1) throw new TypeError(`${where}: tableau.order must be a positive integer, received ${String(order)}.`);
  if (!finite(b) || b.length === 0) throw new TypeError(`${where}: tableau.b must be a non-empty array of finite numbers, received ${JSON.stringify(b)}.`);
  const s = b.length;
  if (!finite(c) || c.length !== s) throw new TypeError(`${where}: tableau.c must hold ${s} finite numbers (one per stage, as b), received ${JSON.stringify(c)}.`);
  if (!Array.isArray(a) || a.length !== s || !a.every((row, i) => finite(row) && row.length === i)) {
    throw new TypeError(`${where}: tableau.a must be strictly lower triangular: ${s} rows, row i holding i finite numbers, received ${JSON.stringify(a)}.`);
  }
  if (e === undefined) throw new TypeError(`${where}: tableau.e (the error weights b − b̂ of an embedded pair) is missing; a tableau without one has no error estimate to control the step by — use fixedStep((rhs, size) => explicitRungeKutta(tableau, rhs, size), { dt }).`);
  if (!finite(e) || e.length !== s) throw new TypeError(`${where}: tableau.e must hold ${s} finite numbers (one per stage), received ${JSON.stringify(e)}.`);
  if (!Number.isInteger(embeddedOrder) || (embeddedOrder as number) < 1) throw new TypeError(`${where}: tableau.embeddedOrder (the order of b̂) must be a positive integer, received ${String(embeddedOrder)}.`);
  if (fsal === true && !(b[s - 1] === 0 && (a[s - 1] as readonly number[]).every((x, j) => x === b[j]))) {
    throw new TypeError(`${where}: tableau.fsal is set, but its last stage is not the new point (a's last row must equal b, and b's last weight be 0).`);
  }
}

/**
 * An adaptive method from your own embedded Butcher tableau (data: `c`, `a`, `b`, the error
 * weights `e = b − b̂` and `embeddedOrder`): the step size is controlled by its error estimate
 * exactly as `dopri5`'s and `bs23`'s are. Without a dense output formula, the steps land on each
 * requested time (shortened where needed).
 *
 * @throws {TypeError} naming what is wrong with the tableau or the options.
 * @example
 * import { embeddedRungeKutta, solve, type ButcherTableau, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * // Heun–Euler 2(1): Heun's method, with Euler's as the embedded estimate
 * const heunEuler: ButcherTableau = { name: 'heun-euler', order: 2, embeddedOrder: 1, c: [0, 1], a: [[], [1]], b: [0.5, 0.5], e: [-0.5, 0.5] };
 * const r = solve(oscillator, [1, 0], [0, 1, 2], embeddedRungeKutta(heunEuler, { rtol: 1e-6, atol: 1e-9 }));
 * console.log(r.states[2], r.states[4]); // ≈ cos 1 = 0.5403, cos 2 = −0.4161 (to about 1e-5)
 */
export function embeddedRungeKutta(tableau: ButcherTableau, options?: EmbeddedRungeKuttaOptions): SolveMethod<ResolvedEmbeddedOptions> {
  checkTableau(tableau);
  const copy: ButcherTableau = structuredClone(tableau);
  return embeddedMethod(copy.name, (rhs, size) => explicitRungeKutta(copy, rhs, size), options, 'embeddedRungeKutta');
}
