import type { DynamicsModel } from '@lnn/lagrangian';
import { dopri5 } from '@lnn/ode';
import type { ExperimentContext } from '../../experiment';
import { trueEnergyDrift } from '../relativistic/energy-drift';
import { rolloutWithProgress } from '../rollout-with-progress';
import type { TrainingSummary } from '../training';
import type { PropertyTableData } from './data';
import type { OwnModel } from './training';

/** True-energy drift of rollouts from (q, q̇, g) states; NaN once a rollout reaches |q̇| ≥ 1. */
function trueDrift(context: ExperimentContext, label: string, model: DynamicsModel): number {
  const y0 = Float64Array.from([0, 0, 0, 0.6]);
  const g = Float64Array.from([2, -5]);
  const T = 41;
  const times = Float64Array.from({ length: T }, (_, i) => (4 * i) / (T - 1));
  const r = rolloutWithProgress(context.progress, `property table: rollouts of the ${label}`, model, y0, times, dopri5({ rtol: 1e-7, atol: 1e-7, maxSteps: 5_000 }), { extra: g, segments: 4 });
  return trueEnergyDrift(r.states, T, 2, g);
}

/** An own model's error ratio to the zero predictor and true-energy drift, as its stage caches them. */
export interface OwnMeasurement {
  readonly ratio: number;
  readonly trueDrift: number;
}

/**
 * The rollout stage of one own model: rolled out by DOPRI5 (rtol 1e-7) from the relativistic
 * experiment's two initial conditions to t = 4 (stage `drift-<name>`, which also keeps the model's
 * held-out error ÷ the zero predictor's).
 */
export function measureOwnModel(context: ExperimentContext, data: PropertyTableData, { name, label, model }: OwnModel, training: TrainingSummary): OwnMeasurement {
  return context.stage(`drift-${name}`, () => ({ ratio: training.heldOut / data.zero, trueDrift: trueDrift(context, label, model) }));
}
