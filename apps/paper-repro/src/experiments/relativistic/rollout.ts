import { dopri5, solve } from '@lnn/ode';
import { relativisticAcceleration } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { rolloutWithProgress } from '../rollout-with-progress';
import { ownEnergyDrift, trueEnergyDrift } from './energy-drift';
import { TRAJECTORIES, type RelativisticSettings } from './settings';
import type { TrainedModel } from './training';

/** One model's rollouts from {@link TRAJECTORIES}, as its stage caches them. */
export interface Rollouts {
  /** q̇ at every output, `[T, B]`. */
  readonly velocity: number[];
  readonly ownDrift: number | null;
  readonly trueDrift: number;
  readonly stopped: number;
}

/** The true velocities and each model's rollouts (by name). */
export interface RelativisticRollouts {
  readonly times: Float64Array;
  /** q̇ of the truth at every output, `[T, B]`. */
  readonly truth: number[];
  readonly rollouts: Record<string, Rollouts>;
}

/**
 * The rollout stage: the truth (DOPRI5 at 1e-10, stage `truth`) and each model (stages
 * `rollout-<name>`) from the trajectory figure's initial conditions to `tEnd`; the drift of each
 * model's own energy and of the true energy is measured inside its stage.
 */
export function relativisticRollouts(context: ExperimentContext, s: RelativisticSettings, models: readonly TrainedModel[]): RelativisticRollouts {
  const { tEnd, outputs, rtol, maxSteps } = s.rollout;
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const B = TRAJECTORIES.length;
  const y0 = Float64Array.from(TRAJECTORIES.flatMap(([q, v]) => [q, v]));
  const g = Float64Array.from(TRAJECTORIES.map(([, , gi]) => gi));
  const truth = context.stage('truth', () => {
    const r = solve({ kind: 'second-order', dof: 1, acceleration: (_t, _q, v, out) => v.forEach((vi, b) => (out[b] = relativisticAcceleration(vi, g[b] as number))) }, y0, times, dopri5({ rtol: 1e-10, atol: 1e-10, batching: 'shared' })); // shared: the acceleration sees the whole batch, so b indexes g
    return Array.from({ length: outputs * B }, (_, i) => r.states[2 * i + 1] as number);
  });
  const rollouts: Record<string, Rollouts> = {};
  for (const [name, label, model] of models) {
    rollouts[name] = context.stage(`rollout-${name}`, () => {
      const r = rolloutWithProgress(context.progress, `relativistic: rollouts of the ${label}`, model, y0, times, dopri5({ rtol, atol: rtol, maxSteps }), { extra: g, segments: 4 });
      return {
        velocity: Array.from({ length: outputs * B }, (_, i) => r.states[2 * i + 1] as number),
        ownDrift: ownEnergyDrift(model, r.states, outputs, B, g),
        trueDrift: trueEnergyDrift(r.states, outputs, B, g),
        stopped: r.status.filter((st) => st !== 'success').length,
      };
    });
  }
  return { times, truth, rollouts };
}
