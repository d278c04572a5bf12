/**
 * @lnn/graph-lagrangian — Lagrangian graph networks in linear time: a shared local density over
 * a graph, sparse Hessians from per-term jets, and cyclic banded / banded / conjugate-gradient
 * solves with gradients.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export type { Graph, GraphConfig, GraphStructure } from './graph';
export { MAX_GRAPH_NODES } from './graph';
export { ringGraph } from './ring-graph';
export { fixedEndsGraph } from './fixed-ends-graph';
export { periodicGridGraph } from './periodic-grid-graph';
export { neighbourGraph } from './neighbour-graph';
export { graphFromConfig } from './graph-from-config';
export { SparsePattern } from './sparse-pattern';
export type { MatrixLayout } from './internal/operators';
export { bandedSolve } from './banded-solve';
export { periodicBandedSolve } from './periodic-banded-solve';
export { conjugateGradientSolve, type ConjugateGradientOptions } from './conjugate-gradient-solve';
export { GRAPH_SOLVER_NAMES, type GraphSolver, type GraphSolverJson } from './solvers/graph-solver';
export { banded } from './solvers/banded';
export { cg } from './solvers/cg';
export { graphSolverFromJson } from './solvers/graph-solver-from-json';
export {
  graphAccelerations,
  graphDerivatives,
  graphEnergy,
  toDenseMatrix,
  type DensityFn,
  type GraphDerivatives,
  type GraphSolveOptions,
} from './sparse-euler-lagrange';
export { DensityMlp } from './density-mlp';
export { GraphLagrangian, graphLagrangianKind, type GraphLagrangianConfig } from './graph-lagrangian';
export { version } from './version';
