import type { TrainingSummary } from '../training';
import type { RestLengthCoverage } from './data';
import type { TransferRollout } from './transfer';

const finite = (x: number) => (Number.isFinite(x) ? x : null);
/** The largest finite value (over the times a stopped rollout reached); NaN when none is. */
const maxOf = (xs: ArrayLike<number>) => Array.from(xs).reduce((m, x) => (Number.isFinite(x) ? Math.max(Number.isNaN(m) ? 0 : m, x) : m), Number.NaN);

/** Index of the last finite value (0 if none). */
function lastReached(xs: Float64Array): number {
  let last = 0;
  xs.forEach((x, i) => (Number.isFinite(x) ? (last = i) : undefined));
  return last;
}

/** A mesh's solver: chosen, used, refused. */
export interface SolverUse {
  readonly name: string;
  readonly reason: string;
  readonly used: string;
  readonly refused: string | null;
}

/** The solvers of the trained densities on both meshes, and of the untrained ones on the rectangle. */
export interface MeshSolvers {
  readonly small: SolverUse;
  readonly large: SolverUse;
  readonly untrainedLarge: { readonly used: string; readonly refused: string | null };
}

/** What the metrics are made of. */
export interface MeshOutcome {
  readonly nodes: { readonly small: number; readonly large: number };
  readonly edges: { readonly small: number; readonly large: number };
  readonly restLengths: RestLengthCoverage;
  readonly training: TrainingSummary;
  readonly accelerationError: { readonly small: number; readonly large: number; readonly untrainedSmall: number; readonly untrainedLarge: number };
  /** Per mesh: the model's choice (name, reason), the solver used, and why the choice was refused (null if it was not). */
  readonly solver: MeshSolvers;
  readonly rollout: TransferRollout;
  /** The same rollout on the training disc. */
  readonly discRollout: TransferRollout;
}

/** The mesh experiment's metrics (REPORT.md's tables read them). */
export function meshMetrics(o: MeshOutcome) {
  const r = o.rollout;
  const T = r.times.length;
  const at = (xs: Float64Array, f: number) => finite(xs[Math.round(f * (T - 1))] as number);
  return {
    nodes: o.nodes,
    edges: o.edges,
    restLengths: o.restLengths,
    training: { steps: o.training.steps, seconds: o.training.seconds, skipped: o.training.skipped, resumedFrom: o.training.resumedFrom, heldOutL1: o.training.heldOut, keptStep: o.training.keptStep ?? null, candidates: o.training.candidates ?? null, chosen: o.training.chosen ?? null },
    accelerationError: {
      small: finite(o.accelerationError.small),
      large: finite(o.accelerationError.large),
      untrainedSmall: finite(o.accelerationError.untrainedSmall),
      untrainedLarge: finite(o.accelerationError.untrainedLarge),
    },
    solver: o.solver,
    discRollout: {
      status: o.discRollout.status,
      refusal: o.discRollout.refusal,
      reached: o.discRollout.times[lastReached(o.discRollout.positionError)] as number,
      positionErrorMax: finite(maxOf(o.discRollout.positionError)),
      trueEnergyDriftMax: finite(maxOf(o.discRollout.trueEnergyDrift)),
    },
    rollout: {
      status: r.status,
      /** The solver's first refusal on the way (why a rollout stopped), or null. */
      refusal: r.refusal,
      seconds: r.seconds,
      horizon: r.times[T - 1] as number,
      /** The last output time the learned rollout reached (the horizon on success). */
      reached: r.times[lastReached(r.positionError)] as number,
      positionError: { quarter: at(r.positionError, 0.25), half: at(r.positionError, 0.5), final: at(r.positionError, 1), max: finite(maxOf(r.positionError)) },
      trueEnergyDrift: { max: finite(maxOf(r.trueEnergyDrift)), final: at(r.trueEnergyDrift, 1) },
      truthEnergyDrift: { max: finite(maxOf(r.truthEnergyDrift)) },
      times: Array.from(r.times),
      positionErrorSeries: Array.from(r.positionError, finite),
      trueEnergyDriftSeries: Array.from(r.trueEnergyDrift, finite),
    },
  };
}
