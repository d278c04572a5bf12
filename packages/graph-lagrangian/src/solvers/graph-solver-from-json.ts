import { banded } from './banded';
import { cg } from './cg';
import { GRAPH_SOLVER_NAMES, type GraphSolver, type GraphSolverJson } from './graph-solver';

/**
 * Rebuilds a graph solver from its JSON form (`{ name, options }`, as `JSON.stringify(solver)`
 * writes it in a saved model's configuration); the options are checked as the factory checks them.
 *
 * @throws {TypeError} naming what is wrong: not an object, an unknown name, bad options.
 * @example
 * import { cg, graphSolverFromJson } from '@lnn/graph-lagrangian';
 * const saved = JSON.stringify(cg({ tolerance: 1e-12 })); // as a model file holds it
 * const solver = graphSolverFromJson(JSON.parse(saved) as { name: string; options: Record<string, number> });
 * console.log(solver.name, solver.options); // cg { tolerance: 1e-12 }
 */
export function graphSolverFromJson(json: GraphSolverJson | Readonly<Record<string, unknown>>): GraphSolver {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`graphSolverFromJson: json must be { name, options }, received ${JSON.stringify(json)}.`);
  }
  const { name, options = {} } = json as { name?: unknown; options?: unknown };
  if (name === 'banded') return banded(options as never);
  if (name === 'cg') return cg(options as never);
  throw new TypeError(`graphSolverFromJson: json.name must be one of ${GRAPH_SOLVER_NAMES.map((n) => `'${n}'`).join(', ')}, received ${JSON.stringify(name)}.`);
}
