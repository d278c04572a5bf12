import type { EdgeGraph } from './edge-graph';
import { adjacency, edgeOperators } from './internal/edge-operators';
import { reverseCuthillMcKee } from './internal/reverse-cuthill-mckee';
import { cg } from './solvers/cg';
import { reorderedBanded } from './solvers/reordered-banded';
import type { GraphSolver } from './solvers/graph-solver';

/** Which solver an edge graph's H_vv gets, and why (see {@link edgeSolverChoice}). */
export interface EdgeSolverChoice {
  readonly solver: GraphSolver;
  /** `'reordered-banded'`: banded LU after reverse Cuthill–McKee; `'cg'`: conjugate gradients with a Jacobi (diagonal) preconditioner. */
  readonly name: 'reordered-banded' | 'cg';
  /** CG's preconditioner; none for the direct solve. */
  readonly preconditioner: 'jacobi' | 'none';
  /** Node bandwidth of the adjacency in the graph's own numbering and after reverse Cuthill–McKee. */
  readonly bandwidth: { readonly natural: number; readonly reverseCuthillMcKee: number };
  /** Estimated multiply–adds: a banded LU of H_vv at the RCM bandwidth, and one CG iteration. */
  readonly cost: { readonly bandedLu: number; readonly cgIteration: number };
  /** One sentence, for logs and reports. */
  readonly reason: string;
}

const choices = new WeakMap<EdgeGraph, EdgeSolverChoice>();

/** A banded LU is chosen while it costs at most this many CG iterations. */
export const BANDED_BUDGET_IN_CG_ITERATIONS = 50;

/**
 * The solver an edge graph's H_vv gets, with the reason. A banded LU costs N·p² (p = the
 * coordinate bandwidth after the reverse Cuthill–McKee ordering, which for a 2D grid or mesh grows
 * like √n: O(n²) in all) and solves indefinite H_vv too; a CG iteration costs ~2·nnz + 5N, and with
 * Jacobi scaling the iterations stay few when H_vv is dominated by its node terms (the true 2D wave
 * and spring network: H_vv diagonal, one iteration), but CG needs a definite H_vv. So: the
 * reordered banded LU while it costs at most {@link BANDED_BUDGET_IN_CG_ITERATIONS} CG iterations
 * (small graphs: 8 × 8 grids, meshes of ~100 nodes, where training starts from an H_vv of no
 * sign), CG with the Jacobi preconditioner beyond. Computed once per graph.
 *
 * @example
 * import { edgeSolverChoice, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * const choice = edgeSolverChoice(gridEdgeGraph(32, 32));
 * console.log(choice.name, choice.preconditioner, choice.bandwidth); // cg jacobi { natural: 992, reverseCuthillMcKee: 63 }
 * console.log(edgeSolverChoice(gridEdgeGraph(8, 8)).name); // reordered-banded: its LU costs a few CG iterations
 */
export function edgeSolverChoice(graph: EdgeGraph): EdgeSolverChoice {
  const cached = choices.get(graph);
  if (cached !== undefined) return cached;
  const { start, list } = adjacency(graph);
  const { before, after } = reverseCuthillMcKee(start, list);
  const d = graph.components;
  const big = graph.dof;
  const p = d * (after + 1) - 1;
  const nnz = edgeOperators(graph).pattern.nnz;
  const cost = { bandedLu: big * p * p, cgIteration: 2 * nnz + 5 * big };
  const ratio = cost.bandedLu / cost.cgIteration;
  const banded = ratio <= BANDED_BUDGET_IN_CG_ITERATIONS;
  const choice: EdgeSolverChoice = {
    solver: banded ? reorderedBanded() : cg(),
    name: banded ? 'reordered-banded' : 'cg',
    preconditioner: banded ? 'none' : 'jacobi',
    bandwidth: { natural: before, reverseCuthillMcKee: after },
    cost,
    reason: `H_vv has the edges' sparsity (${nnz} entries over ${big} coordinates); its bandwidth is ${before} nodes as numbered, ${after} after reverse Cuthill–McKee, so a banded LU costs ≈ ${ratio.toPrecision(3)} CG iterations: ${banded ? `at most ${BANDED_BUDGET_IN_CG_ITERATIONS}, so the reordered banded LU (direct, any sign)` : `more than ${BANDED_BUDGET_IN_CG_ITERATIONS}, so CG with a Jacobi preconditioner (H_vv must be definite)`}.`,
  };
  choices.set(graph, choice);
  return choice;
}
