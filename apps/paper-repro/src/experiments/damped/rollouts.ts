import { rollout, type DynamicsModel } from '@lnn/lagrangian';
import { dopri5, rk4, solve, type SolveResult } from '@lnn/ode';
import { forcedProblem, type DampedDoublePendulum } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { trueEnergies } from './decay';
import { DAMPED_INITIAL_STATES, type DampedSettings } from './settings';

/** The true motion from the damped experiments' states at rest, and both models' rollouts from them. */
export interface DampedRollouts {
  readonly times: number[];
  /** The true energy along the true motion, `[time][state]`. */
  readonly truthEnergy: number[][];
  readonly withD: SolveResult;
  readonly withoutD: SolveResult;
  /** The true motion sampled 10× finer, for Simpson's rule on the dissipated power (it oscillates at up to ~10 rad/s), and its true energy. */
  readonly fineTruth: SolveResult;
  readonly fineEnergy: number[][];
}

/** Rolls both models out (RK4) from the states at rest beside the true motion (Dormand–Prince at 1e-10). */
export function dampedRollouts(context: ExperimentContext, label: string, system: DampedDoublePendulum, settings: DampedSettings['rollout'], withD: DynamicsModel, withoutD: DynamicsModel): DampedRollouts {
  const { tEnd, every, dt } = settings;
  const times = Array.from({ length: Math.round(tEnd / every) + 1 }, (_, k) => k * every);
  const y0 = DAMPED_INITIAL_STATES.flat();
  const truth = solve(forcedProblem(system), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
  const task = context.progress.task(`${label}: rollouts`, 2);
  const rolled = (model: DynamicsModel) => rollout(model, y0, times, rk4({ dt }));
  const rD = rolled(withD);
  task.update(1);
  const r = rolled(withoutD);
  task.finish();
  const fineTimes = Array.from({ length: 10 * (times.length - 1) + 1 }, (_, k) => (k * every) / 10);
  const fineTruth = solve(forcedProblem(system), y0, fineTimes, dopri5({ rtol: 1e-10, atol: 1e-10 }));
  return { times, truthEnergy: trueEnergies(system, truth), withD: rD, withoutD: r, fineTruth, fineEnergy: trueEnergies(system, fineTruth) };
}
