import { LinalgError } from '@lnn/autodiff';
import { EdgeGraphLagrangian, reorderedBanded, type EdgeGraphConfig } from '@lnn/graph-lagrangian';
import type { TrainingData } from '@lnn/lagrangian';
import { relativeAccelerationError } from './transfer';

/** The densities of `model` on another mesh, with the solver that worked there. */
export interface OnMesh {
  readonly model: EdgeGraphLagrangian;
  /** The model's own choice there (`solverChoice` of `onGraph`: name, reason). */
  readonly choice: { readonly name: string; readonly reason: string };
  /** The solver used: the choice, or 'reordered-banded' when the choice (CG) refused H_vv. */
  readonly used: string;
  /** Why the choice was not used (the LinalgError's message), if it was not. */
  readonly refused?: string;
  /** Held-out acceleration error relative to predicting 0, with the solver used. */
  readonly accelerationError: number;
}

/**
 * `model.onGraph(graph)` with the solver the graph chooses, its held-out acceleration error measured
 * with it; when that solver refuses H_vv (CG on an indefinite H_vv — an untrained density's, say:
 * a `LinalgError`), the same weights again with `reorderedBanded()` (direct LU, any sign), and the
 * refusal recorded.
 */
export function onMesh(model: EdgeGraphLagrangian, graph: EdgeGraphConfig, heldOut: TrainingData, zeroLoss: number): OnMesh {
  const chosen = model.onGraph(graph);
  const choice = { name: chosen.solverChoice.name, reason: chosen.solverChoice.reason };
  try {
    return { model: chosen, choice, used: choice.name, accelerationError: relativeAccelerationError(chosen, heldOut, zeroLoss) };
  } catch (error) {
    if (!(error instanceof LinalgError) || choice.name === 'reordered-banded') throw error;
    chosen.dispose();
    const banded = new EdgeGraphLagrangian({ ...model.config, graph, solver: reorderedBanded() });
    banded.variables.forEach((v, i) => v.assign(model.variables[i]!));
    return { model: banded, choice, used: 'reordered-banded', refused: error.message, accelerationError: relativeAccelerationError(banded, heldOut, zeroLoss) };
  }
}
