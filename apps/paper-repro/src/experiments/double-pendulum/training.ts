import { MlpDynamics } from '@lnn/baselines';
import { MlpLagrangian } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithCheckpoints, trainWithRestarts, type TrainingSummary } from '../training';
import type { DoublePendulumData } from './data';
import type { DoublePendulumSettings } from './settings';

/** The trained models (the caller disposes them) and each training's summary (`lnn`, `mlp`, and `lnn-length-check` when there is one). */
export interface DoublePendulumTraining {
  readonly lnn: MlpLagrangian;
  readonly mlp: MlpDynamics;
  readonly trainings: Record<string, TrainingSummary>;
  /** Steps of the length check's LNN; undefined without one. */
  readonly lengthSteps: number | undefined;
}

/**
 * The training stage: the LNN by the recipe (`lnn`), the length check's twin when the scale has
 * one (`lnn-length-check`, disposed at once), then the MLP baseline (`mlp`), in that order.
 */
export function trainDoublePendulum(context: ExperimentContext, s: DoublePendulumSettings, data: DoublePendulumData): DoublePendulumTraining {
  const seed = context.seed;
  const { train, test, validation } = data;
  const common = { loss: 'l1' as const, weightDecay: s.weightDecay, seed: 1000 * seed + 3 };
  const trainings: Record<string, TrainingSummary> = {};
  const makeLnn = (candidate: number) => new MlpLagrangian({ dof: 2, hidden: s.hidden, angles: [0, 1], angleTransform: s.lnn.angleTransform, seed: 10 * seed + 1 + 100 * candidate });
  /** Trains an LNN by the recipe for `steps` steps (its own one-cycle schedule over them). */
  const trainLnn = (name: string, label: string, steps: number): { model: MlpLagrangian; summary: TrainingSummary } => {
    const r = s.lnn;
    const options = {
      ...common,
      steps,
      batchSize: r.batchSize,
      adam: { beta2: r.beta2 },
      schedule: { kind: 'one-cycle' as const, peak: r.peak, total: steps },
      ...(r.clipNorm === null ? {} : { clipNorm: r.clipNorm }),
      ...(r.lossCap === null ? {} : { lossCap: r.lossCap }),
      ...(r.definiteness === null ? {} : { definiteness: { weight: r.definiteness } }),
      ...(r.keepBest ? { keepBest: { data: validation } } : {}),
    };
    if (r.restarts !== null) return trainWithRestarts(context, name, label, makeLnn, train, test, { ...r.restarts, validation }, options);
    const model = makeLnn(0);
    return { model, summary: trainWithCheckpoints(context, name, label, model, train, test, options) };
  };
  const lnnRun = trainLnn('lnn', 'double pendulum: training LNN', s.lnn.steps);
  trainings.lnn = lnnRun.summary;
  // Does training keep improving with length? The same recipe over another number of steps.
  const lengthSteps = s.lengthCheck === null ? undefined : Math.round(s.lnn.steps * s.lengthCheck.factor);
  if (lengthSteps !== undefined) {
    const twin = trainLnn('lnn-length-check', `double pendulum: training LNN for ${lengthSteps.toLocaleString('en')} steps (length check)`, lengthSteps);
    trainings['lnn-length-check'] = twin.summary;
    twin.model.dispose();
  }
  const mlp = new MlpDynamics({ dof: 2, hidden: s.hidden, angles: [0, 1], angleTransform: 'wrap', seed: 10 * seed + 2 });
  trainings.mlp = trainWithCheckpoints(context, 'mlp', 'double pendulum: training MLP baseline', mlp, train, test, {
    ...common,
    steps: s.mlp.steps,
    batchSize: s.mlp.batchSize,
    schedule: { kind: 'one-cycle', peak: s.mlp.peak, total: s.mlp.steps },
  });
  return { lnn: lnnRun.model, mlp, trainings, lengthSteps };
}

/** The models compared, by name (as in metrics.json) and label (as in the report), in report order. */
export const DOUBLE_PENDULUM_MODELS = [
  ['lnn', 'LNN'],
  ['mlp', 'MLP baseline'],
] as const;
