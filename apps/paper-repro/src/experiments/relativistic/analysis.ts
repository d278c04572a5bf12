import type { TrainingSummary } from '../training';
import type { RelativisticSamples } from './data';
import type { RelativisticRollouts } from './rollout';
import type { RelativisticTraining } from './training';

/** Largest |q̇ − q̇ true| over every output of every trajectory (NaN where a rollout stopped counts as NaN). */
function maxVelocityError(velocity: readonly number[], truth: readonly number[]): number {
  let worst = 0;
  truth.forEach((v, i) => (worst = Math.max(worst, Math.abs((velocity[i] ?? Number.NaN) - v))));
  return worst;
}

/**
 * The analysis stage: the relativistic experiment's metrics (metrics.json's
 * `experiments.relativistic.metrics`; REPORT.md's tables and the property table read them).
 */
export function relativisticMetrics(data: RelativisticSamples, { models, trainings, weighted }: RelativisticTraining, { truth, rollouts }: RelativisticRollouts) {
  const { zeroLoss, zeroWeighted } = data;
  const perModel = Object.fromEntries(
    models.map(([name]) => {
      const t = trainings[name] as TrainingSummary;
      return [
        name,
        {
          heldOutMae: t.heldOut,
          relativeToZero: t.heldOut / zeroLoss,
          weightedMae: weighted[name] as number,
          restartCandidates: t.candidates ?? null,
          restartChosen: t.chosen ?? null,
          keptStep: t.keptStep ?? null,
          weightedRelativeToZero: (weighted[name] as number) / zeroWeighted,
          training: { steps: t.steps, seconds: t.seconds, skipped: t.skipped, resumedFrom: t.resumedFrom },
          ownEnergyDrift: rollouts[name]?.ownDrift ?? null,
          velocityError: maxVelocityError(rollouts[name]?.velocity ?? [], truth),
          trueEnergyDrift: rollouts[name]?.trueDrift ?? null,
          heldOutHistory: t.evaluations.map(([step, loss]) => [step, loss]),
        },
      ];
    }),
  );
  return { zeroPredictorMae: zeroLoss, zeroPredictorWeightedMae: zeroWeighted, ...perModel, paper: { lnn: 8e-4, hnnCanonical: 2e-4, hnnVelocity: 0.4 } };
}
