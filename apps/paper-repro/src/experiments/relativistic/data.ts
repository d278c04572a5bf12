import type { TrainingData } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import { relativisticData } from '../relativistic-data';
import type { RelativisticSettings } from './settings';

/** The relativistic experiment's samples: (q, q̇) with g as the extra input, and their accelerations. */
export interface RelativisticSamples {
  readonly train: TrainingData & { extra: Float64Array };
  readonly test: TrainingData & { extra: Float64Array };
  /** The test samples weighted by 1 + γ, as the official notebook's loss. */
  readonly weightedTest: TrainingData & { extra: Float64Array; weight: number[] };
  /** Samples for restarts and keep-best, separate from the test samples. */
  readonly validation: TrainingData & { extra: Float64Array };
  /** Test MAE of predicting q̈ = 0, plain and weighted. */
  readonly zeroLoss: number;
  readonly zeroWeighted: number;
}

/** The data stage: training, test and validation samples (seeds `1000·seed + 11`, `+ 12`, `+ 14`). */
export function relativisticSamples(context: ExperimentContext, s: RelativisticSettings): RelativisticSamples {
  const seed = context.seed;
  const task = context.progress.task('relativistic: data', 2, 'sets');
  const train = relativisticData(s.trainCount, 1000 * seed + 11);
  task.update(1);
  const test = relativisticData(s.testCount, 1000 * seed + 12);
  task.finish(`${s.trainCount} training and ${s.testCount} test samples`);
  const zeroLoss = meanAbs(test.qdd);
  // The official notebook's loss weights each sample by 1 + γ: its numbers are in that metric.
  const weightedTest = { ...test, weight: Array.from(test.qdot, (v) => 1 + 1 / Math.sqrt(1 - v * v)) };
  const zeroWeighted = weightedTest.weight.reduce((sum, w, i) => sum + w * Math.abs(test.qdd[i] as number), 0) / weightedTest.weight.reduce((sum, w) => sum + w, 0);
  const validation = relativisticData(Math.max(256, Math.round(s.testCount / 2)), 1000 * seed + 14);
  return { train, test, weightedTest, validation, zeroLoss, zeroWeighted };
}
