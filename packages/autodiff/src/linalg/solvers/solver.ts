import type * as tf from '@tensorflow/tfjs-core';

/** The names of the dense solvers `solverFromJson` can rebuild. */
export const SOLVER_NAMES = ['pinv', 'damped', 'lu', 'cholesky'] as const;

/** A dense solver's name: `'pinv'`, `'damped'`, `'lu'` or `'cholesky'`. */
export type SolverName = (typeof SOLVER_NAMES)[number];

/** A solver as saved in a model file: its name and its options (`JSON.stringify(solver)` writes it). */
export interface SolverJson {
  readonly name: string;
  readonly options: Readonly<Record<string, number>>;
}

/**
 * How a batch of dense linear systems `A x = b` is solved — the choice of `pinv()`, `damped()`,
 * `lu()` or `cholesky()`, as a value: its name, its options with their defaults filled in, and the
 * differentiable tensor op. `JSON.stringify` writes its {@link SolverJson}; `solverFromJson` reads
 * it back.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { damped, initBackend, solverFromJson, type Solver } from '@lnn/autodiff';
 * await initBackend();
 * const solver: Solver = damped({ epsilon: 1e-4 });
 * const x = solver.solve(tf.tensor3d([[[2, 0], [0, 1]]]), tf.tensor2d([[2, 1]])); // [B, d], differentiable
 * console.log(x.arraySync(), JSON.stringify(solver)); // ≈ [[0.99995, 0.9999]] {"name":"damped","options":{"epsilon":0.0001}}
 * console.log(solverFromJson(JSON.parse(JSON.stringify(solver))).options); // { epsilon: 0.0001 }
 */
export interface Solver<Options extends object = object> {
  readonly name: string;
  /** The options in force (defaults filled in, except where the default depends on the matrix size). */
  readonly options: Options;
  /** A `[B, d, d]`, b `[B, d]` or `[B, d, k]`; x the shape of b. Differentiable in both. */
  solve(a: tf.Tensor, b: tf.Tensor): tf.Tensor;
  toJSON(): SolverJson;
}

/**
 * A frozen solver value (the factories' shared tail): `name` and `options` are its only own
 * properties, so two solvers with the same name and options are structurally equal (as model
 * configurations holding them are).
 */
class SolverValue<Options extends object> implements Solver<Options> {
  readonly #solve: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

  constructor(
    readonly name: SolverName,
    readonly options: Options,
    solve: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  ) {
    this.#solve = solve;
    Object.freeze(this);
  }

  solve(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
    return this.#solve(a, b);
  }

  toJSON(): SolverJson {
    return { name: this.name, options: { ...this.options } as Readonly<Record<string, number>> };
  }
}

/** Builds a frozen solver value with frozen options. */
export function makeSolver<Options extends object>(name: SolverName, options: Options, solve: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): Solver<Options> {
  return new SolverValue(name, Object.freeze({ ...options }), solve);
}

/**
 * Refuses options that are not an object or hold keys the solver does not know (a typo would be
 * ignored silently); returns them as a record. Shared by every solver value's factory, here and in
 * `@lnn/graph-lagrangian`.
 *
 * @example
 * import { checkSolverOptions } from '@lnn/autodiff';
 * console.log(checkSolverOptions('pinv', { rcond: 1e-6 }, ['rcond'])); // { rcond: 0.000001 }
 * try { checkSolverOptions('pinv', { rcnd: 1e-6 }, ['rcond']); } catch (e) { console.log((e as Error).message); } // pinv: unknown option 'rcnd'; expected 'rcond'.
 */
export function checkSolverOptions(where: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object${known.length === 0 ? ' (it takes none)' : ` { ${known.join(', ')} }`}, received ${JSON.stringify(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option '${key}'; ${known.length === 0 ? 'it takes none' : `expected ${known.map((k) => `'${k}'`).join(', ')}`}.`);
    }
  }
  return options as Readonly<Record<string, unknown>>;
}
