import type { ConjugateGradientOptions } from '@lnn/linalg';
import type { MatrixLayout } from '../internal/operators';
import { banded } from './banded';
import { cg } from './cg';
import type { GraphSolver, GraphSolverJson } from './graph-solver';
import { graphSolverFromJson } from './graph-solver-from-json';

/** The solver a layout gets when none is given: `banded()` for a band, `cg()` for compressed rows. */
export function defaultGraphSolver(layout: MatrixLayout): GraphSolver {
  return layout.kind === 'band' ? banded() : cg();
}

/**
 * Reads a graph solver (a value or its JSON) and the deprecated `conjugateGradient` options into
 * the solver to use, or `undefined` for the layout's default. The one mapping of the old form:
 * its CG options applied where CG ran — on compressed rows; on a band they were ignored, and are.
 *
 * @param field - the field read, for messages (`'GraphLagrangian: config.solver'`).
 * @throws {TypeError} on a value of no accepted form, on both forms at once, or a solver that cannot take the layout.
 */
export function toGraphSolver(field: string, value: unknown, conjugateGradient: ConjugateGradientOptions | undefined, layout: MatrixLayout): GraphSolver | undefined {
  if (value !== undefined && conjugateGradient !== undefined) {
    throw new TypeError(`${field} and the deprecated conjugateGradient options were both given; keep only the solver (e.g. cg({ tolerance })).`);
  }
  if (conjugateGradient !== undefined) {
    if (conjugateGradient === null || typeof conjugateGradient !== 'object') throw new TypeError(`${field.replace(/solver$/, 'conjugateGradient')} must be { tolerance?, maxIterations? } (deprecated: use solver: cg({ … })), received ${JSON.stringify(conjugateGradient)}.`);
    return layout.kind === 'csr' && Object.keys(conjugateGradient).length > 0 ? cg(conjugateGradient) : undefined;
  }
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${field} must be a graph solver such as banded() or cg({ tolerance, maxIterations }) (or its JSON { name, options }), received ${JSON.stringify(value)}.`);
  }
  const solver = typeof (value as Partial<GraphSolver>).solve === 'function' ? (value as GraphSolver) : graphSolverFromJson(value as GraphSolverJson);
  solver.check?.(layout, field);
  return solver;
}
