import { summarize } from '../../stats';
import type { TrainingSummary } from '../training';
import type { DoublePendulumData } from './data';
import type { EnergyStats } from './energy-stats';
import type { DoublePendulumRollouts } from './rollout';
import type { DoublePendulumSettings } from './settings';
import type { DoublePendulumTraining } from './training';

/** One model's metrics: its training, acceleration MAE, energy errors (summarised) and held-out curve. */
function modelMetrics(trainings: Record<string, TrainingSummary>, energy: Record<string, EnergyStats>, name: string) {
  return {
    training: {
      steps: trainings[name]?.steps ?? null,
      seconds: trainings[name]?.seconds ?? null,
      skipped: trainings[name]?.skipped ?? null,
      resumedFrom: trainings[name]?.resumedFrom ?? null,
      restartCandidates: trainings[name]?.candidates ?? null,
      restartChosen: trainings[name]?.chosen ?? null,
      keptStep: trainings[name]?.keptStep ?? null,
    },
    accelerationMae: trainings[name]?.heldOut ?? null,
    energy: {
      final: { ...summarize(energy[name]?.final ?? []) },
      trajectoryMean: { ...summarize(energy[name]?.trajectory ?? []) },
      stopped: energy[name]?.stopped ?? null,
      perInitialCondition: energy[name]?.final ?? [],
    },
    heldOutHistory: (trainings[name]?.evaluations ?? []).map(([step, loss]) => [step, loss]),
  };
}

/** The length check: both LNNs' steps, final held-out MAE and curves; null without one. */
function lengthCheckMetrics(s: DoublePendulumSettings, { trainings, lengthSteps }: DoublePendulumTraining) {
  const twin = trainings['lnn-length-check'];
  if (twin === undefined || lengthSteps === undefined) return null;
  return {
    steps: [s.lnn.steps, lengthSteps],
    heldOut: [trainings.lnn?.heldOut ?? null, twin.heldOut],
    /** Whether the run with more steps ended with a held-out MAE no higher than the other's. */
    longerIsBetter: lengthSteps > s.lnn.steps ? twin.heldOut <= (trainings.lnn?.heldOut ?? Number.NaN) : (trainings.lnn?.heldOut ?? Number.NaN) <= twin.heldOut,
    heldOutHistory: [trainings.lnn?.evaluations ?? [], twin.evaluations],
  };
}

/** The double pendulum's metrics, as metrics.json holds them. */
export type DoublePendulumMetrics = ReturnType<typeof doublePendulumMetrics>;

/** The analysis stage: the double pendulum's metrics (metrics.json's `experiments.double-pendulum.metrics`; REPORT.md's tables read them). */
export function doublePendulumMetrics(s: DoublePendulumSettings, data: DoublePendulumData, training: DoublePendulumTraining, rollouts: DoublePendulumRollouts) {
  const { trainings } = training;
  const { floor, energy } = rollouts;
  return {
    zeroPredictorMae: data.zeroLoss,
    lengthCheck: lengthCheckMetrics(s, training),
    lnn: modelMetrics(trainings, energy, 'lnn'),
    mlp: modelMetrics(trainings, energy, 'mlp'),
    integratorFloor: { final: { ...summarize(floor.final) }, trajectoryMean: { ...summarize(floor.trajectory) } },
    paper: { lnnEnergy: 0.004, mlpEnergy: 0.08, lnnAccelerationMae: 7.3e-2, mlpAccelerationMae: 7.4e-2 },
  };
}
