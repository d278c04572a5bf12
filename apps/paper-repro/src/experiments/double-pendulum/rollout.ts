import { dopri5, solve } from '@lnn/ode';
import { doublePendulum, energies, sampleStates, secondOrderProblem } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { rolloutWithProgress } from '../rollout-with-progress';
import { energyErrors, energyStats, type EnergyStats } from './energy-stats';
import type { DoublePendulumSettings } from './settings';
import { DOUBLE_PENDULUM_MODELS, type DoublePendulumTraining } from './training';

/**
 * A rollout stop: a trajectory whose true energy has moved by more than `bound` × 29.4 from its
 * initial one (the true dynamics conserve it) has left any plausible range.
 */
function energyLeftRange(y0: Float64Array, bound: number): (t: number, state: Float64Array, trajectory: number) => string | undefined {
  const dp = doublePendulum();
  const initial = energies(dp, y0);
  return (_t, state, trajectory) => {
    const moved = Math.abs((energies(dp, state)[0] as number) - (initial[trajectory] as number)) / dp.potentialBound;
    return moved > bound || !Number.isFinite(moved) ? `its true energy moved by ${moved.toPrecision(3)} × 29.4 (stop above ${bound})` : undefined;
  };
}

/** The energy rollouts, summarised: the integrator's floor and each model's (by name). */
export interface DoublePendulumRollouts {
  readonly times: Float64Array;
  readonly floor: EnergyStats;
  readonly energy: Record<string, EnergyStats>;
}

/**
 * The rollout stage: `count` initial conditions (seed `1000·seed + 4`) rolled out to `tEnd` by
 * the truth (DOPRI5 at 1e-10, stage `truth`), by the true equations at the models' tolerance
 * (stage `integrator-floor`) and by each model (stages `energy-lnn`, `energy-mlp`); each set's
 * energy errors against the truth are summarised inside its stage.
 */
export function doublePendulumRollouts(context: ExperimentContext, s: DoublePendulumSettings, training: DoublePendulumTraining): DoublePendulumRollouts {
  const dp = doublePendulum();
  const { count, tEnd, outputs, rtol, atol, maxSteps, stopAbove } = s.energy;
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const y0 = sampleStates(dp, dp.sampleEnergyTestState, count, 1000 * context.seed + 4);
  const truth = context.stage('truth', () => Array.from(solve(secondOrderProblem(dp), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 })).states));
  const truthStates = Float64Array.from(truth);
  // The integrator's own floor: the true equations at the tolerance the learned models get.
  const floor = context.stage('integrator-floor', () => {
    const r = solve(secondOrderProblem(dp), y0, times, dopri5({ rtol, atol }));
    return energyStats(energyErrors(r.states, truthStates, outputs, count), outputs, count, r.status);
  });
  const energy: Record<string, EnergyStats> = {};
  for (const [name, label] of DOUBLE_PENDULUM_MODELS) {
    const model = training[name];
    energy[name] = context.stage(`energy-${name}`, () => {
      const r = rolloutWithProgress(context.progress, `double pendulum: ${count} rollouts of the ${label} to t = ${tEnd}`, model, y0, times, dopri5({ rtol, atol, maxSteps }), stopAbove === null ? {} : { stop: energyLeftRange(y0, stopAbove) });
      return energyStats(energyErrors(r.states, truthStates, outputs, count), outputs, count, r.status);
    });
  }
  return { times, floor, energy };
}
