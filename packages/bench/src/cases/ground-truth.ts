import { dopri5, solve } from '@lnn/ode';
import { accelerationDataset, doublePendulum, sampleStates, secondOrderProblem } from '@lnn/systems';
import { time, type Timing } from '../timing';

/** Timings of the float64 ground truth. */
export interface GroundTruthResult {
  /** Generating `samples` double-pendulum (state, acceleration) pairs. */
  readonly dataset: Timing;
  readonly samples: number;
  /** 40 DOPRI5 trajectories over t ∈ [0, 100], at each tolerance. */
  readonly rollouts: readonly { readonly tolerance: number; readonly timing: Timing; readonly steps: number; readonly evaluations: number }[];
}

/**
 * Times the ground truth the paper's double-pendulum experiment needs: the 600,000-sample
 * training set, and the 40-trajectory energy-test rollout to t = 100 (adaptive Dormand–Prince,
 * each trajectory with its own steps).
 */
export function groundTruth(options: { samples?: number; repetitions?: number; tolerances?: readonly number[] } = {}): GroundTruthResult {
  const { samples = 600_000, repetitions = 3, tolerances = [1.49012e-8, 1e-10] } = options;
  const dp = doublePendulum();
  const dataset = time(() => void accelerationDataset(dp, { count: samples, seed: 0, sample: dp.sampleTrainingState }), repetitions, 1);
  const y0 = sampleStates(dp, dp.sampleEnergyTestState, 40, 1);
  const times = Array.from({ length: 101 }, (_, i) => i);
  const rollouts = tolerances.map((tolerance) => {
    let steps = 0;
    let evaluations = 0;
    const timing = time(
      () => {
        const r = solve(secondOrderProblem(dp), y0, times, dopri5({ rtol: tolerance, atol: tolerance }));
        if (!r.ok) throw new Error(`ground-truth rollout failed: ${r.message}`);
        steps = r.stats.steps;
        evaluations = r.stats.evaluations;
      },
      repetitions,
      1,
    );
    return { tolerance, timing, steps, evaluations };
  });
  return { dataset, samples, rollouts };
}
