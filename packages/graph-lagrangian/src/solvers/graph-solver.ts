import type * as tf from '@tensorflow/tfjs-core';
import type { MatrixLayout } from '../internal/operators';

/** The names of the graph solvers `graphSolverFromJson` can rebuild. */
export const GRAPH_SOLVER_NAMES = ['banded', 'cg'] as const;

/** A graph solver as saved in a model file: its name and its options (`JSON.stringify(solver)` writes it). */
export interface GraphSolverJson {
  readonly name: string;
  readonly options: Readonly<Record<string, number>>;
}

/**
 * How a graph's `H_vv x = rhs` is solved — `banded()` or `cg({ tolerance, maxIterations })` — as
 * a value: its name, the options it was given, and the differentiable solve on stored entries
 * (`[B, E]` in the graph's layout). `JSON.stringify` writes its {@link GraphSolverJson}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { cg, graphAccelerations, ringGraph, type GraphSolver } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // a local density on a ring term [φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]: ½ φ̇ᵢ² − ½ (φᵢ₊₁ − φᵢ)²
 * const density = (local: Jet) =>
 *   jets.sub(jets.scale(jets.square(jets.slice(local, 4, 1)), 0.5), jets.scale(jets.square(jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1))), 0.5));
 * const q = tf.tensor2d([[0, 1, 0, 0, 0, 0, 0, 0]]);
 * const qdot = tf.zeros([1, 8]) as tf.Tensor2D;
 * const solver: GraphSolver = cg({ tolerance: 1e-12 });
 * const qdd = graphAccelerations(ringGraph(8), density, q, qdot, { solver });
 * console.log(qdd.arraySync(), JSON.stringify(solver)); // ≈ [[1, −2, 1, 0, 0, 0, 0, 0]] {"name":"cg","options":{"tolerance":1e-12}}
 */
export interface GraphSolver<Options extends object = object> {
  readonly name: string;
  readonly options: Options;
  /** Throws a TypeError, naming `where`, if this solver cannot take the layout. */
  check(layout: MatrixLayout, where: string): void;
  /** `x` `[B, n]` from the stored entries `[B, E]` of H_vv in `layout` and `rhs` `[B, n]`. Differentiable in both. */
  solve(layout: MatrixLayout, values: tf.Tensor2D, rhs: tf.Tensor2D): tf.Tensor2D;
  toJSON(): GraphSolverJson;
}

/** A frozen graph solver value: `name` and `options` its only own properties (structurally comparable). */
class GraphSolverValue<Options extends object> implements GraphSolver<Options> {
  readonly #check: GraphSolver['check'];
  readonly #solve: GraphSolver['solve'];

  constructor(
    readonly name: (typeof GRAPH_SOLVER_NAMES)[number],
    readonly options: Options,
    check: GraphSolver['check'],
    solve: GraphSolver['solve'],
  ) {
    this.#check = check;
    this.#solve = solve;
    Object.freeze(this);
  }

  check(layout: MatrixLayout, where: string): void {
    this.#check(layout, where);
  }

  solve(layout: MatrixLayout, values: tf.Tensor2D, rhs: tf.Tensor2D): tf.Tensor2D {
    return this.#solve(layout, values, rhs);
  }

  toJSON(): GraphSolverJson {
    return { name: this.name, options: { ...this.options } as Readonly<Record<string, number>> };
  }
}

/** Builds a frozen graph solver value with frozen options (the factories' shared tail). */
export function makeGraphSolver<Options extends object>(name: (typeof GRAPH_SOLVER_NAMES)[number], options: Options, check: GraphSolver['check'], solve: GraphSolver['solve']): GraphSolver<Options> {
  return new GraphSolverValue(name, Object.freeze({ ...options }), check, solve);
}
