import { cholesky } from './cholesky';
import { damped } from './damped';
import { lu } from './lu';
import { pinv } from './pinv';
import { SOLVER_NAMES, type Solver, type SolverJson, type SolverName } from './solver';

const FACTORIES: Readonly<Record<SolverName, (options: never) => Solver>> = { pinv, damped, lu, cholesky };

/**
 * Rebuilds a solver from its JSON form (`{ name, options }`, as `JSON.stringify(solver)` writes
 * it, e.g. in a saved model's configuration). The options are checked as the factory checks them.
 *
 * @throws {TypeError} naming what is wrong: not an object, an unknown name, bad options.
 * @example
 * import { damped, solverFromJson } from '@lnn/autodiff';
 * const saved = JSON.stringify(damped({ epsilon: 1e-4 })); // as a model file holds it
 * const solver = solverFromJson(JSON.parse(saved) as { name: string; options: Record<string, number> });
 * console.log(solver.name, solver.options); // damped { epsilon: 0.0001 }
 */
export function solverFromJson(json: SolverJson | Readonly<Record<string, unknown>>): Solver {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`solverFromJson: json must be { name, options }, received ${JSON.stringify(json)}.`);
  }
  const { name, options = {} } = json as { name?: unknown; options?: unknown };
  if (typeof name !== 'string' || !(SOLVER_NAMES as readonly string[]).includes(name)) {
    throw new TypeError(`solverFromJson: json.name must be one of ${SOLVER_NAMES.map((n) => `'${n}'`).join(', ')}, received ${JSON.stringify(name)}.`);
  }
  return FACTORIES[name as SolverName](options as never);
}
