import type { EdgeGraph } from './edge-graph';
import { adjacency, edgeOperators } from './internal/edge-operators';
import { reverseCuthillMcKee } from './internal/reverse-cuthill-mckee';
import { cg } from './solvers/cg';
import type { GraphSolver } from './solvers/graph-solver';

/** Which solver an edge graph's H_vv gets, and why (see {@link edgeSolverChoice}). */
export interface EdgeSolverChoice {
  readonly solver: GraphSolver;
  /** `'cg'`: conjugate gradients with a Jacobi (diagonal) preconditioner. */
  readonly name: 'cg';
  readonly preconditioner: 'jacobi';
  /** Node bandwidth of the adjacency in the graph's own numbering and after reverse Cuthill–McKee. */
  readonly bandwidth: { readonly natural: number; readonly reverseCuthillMcKee: number };
  /** Estimated multiply–adds: a banded LU of H_vv at the RCM bandwidth, and one CG iteration. */
  readonly cost: { readonly bandedLu: number; readonly cgIteration: number };
  /** One sentence, for logs and reports. */
  readonly reason: string;
}

const choices = new WeakMap<EdgeGraph, EdgeSolverChoice>();

/**
 * The solver an edge graph's H_vv gets, with the reason. A banded LU costs N·p² (p = the
 * coordinate bandwidth after the reverse Cuthill–McKee ordering, which for a 2D grid or mesh grows
 * like √n: O(n²) in all); a CG iteration costs ~2·nnz, and with Jacobi scaling the iterations stay
 * few when H_vv is dominated by its node terms (the true 2D wave and spring network: H_vv diagonal,
 * one iteration). So: CG with the Jacobi preconditioner, the banded cost reported beside it.
 * Computed once per graph.
 *
 * @example
 * import { edgeSolverChoice, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * const choice = edgeSolverChoice(gridEdgeGraph(32, 32));
 * console.log(choice.name, choice.preconditioner, choice.bandwidth); // cg jacobi { natural: 992, reverseCuthillMcKee: 63 }
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
  const choice: EdgeSolverChoice = {
    solver: cg(),
    name: 'cg',
    preconditioner: 'jacobi',
    bandwidth: { natural: before, reverseCuthillMcKee: after },
    cost,
    reason: `H_vv has the edges' sparsity (${nnz} entries over ${big} coordinates); its bandwidth is ${before} nodes as numbered, ${after} after reverse Cuthill–McKee, so a banded LU would cost ≈ ${ratio.toPrecision(3)} CG iterations: CG with a Jacobi preconditioner.`,
  };
  choices.set(graph, choice);
  return choice;
}
