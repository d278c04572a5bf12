import type { TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import type { DoublePendulumSettings } from './settings';

function dataset(count: number, seed: number): TrainingData {
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState });
  return { ...splitStates(ds.arrays.states?.data as Float64Array, 2), qdd: ds.arrays.accelerations?.data as Float64Array };
}

/** The double pendulum's data: states with their true accelerations. */
export interface DoublePendulumData {
  readonly train: TrainingData;
  readonly test: TrainingData;
  /** States for restarts and keep-best, separate from the test states. */
  readonly validation: TrainingData;
  /** Test MAE of predicting q̈ = 0. */
  readonly zeroLoss: number;
}

/** The data stage: training, test and validation states (seeds `1000·seed + 1`, `+ 2`, `+ 5`). */
export function doublePendulumData(context: ExperimentContext, s: DoublePendulumSettings): DoublePendulumData {
  const seed = context.seed;
  const task = context.progress.task('double pendulum: data', 2, 'sets');
  const train = dataset(s.trainCount, 1000 * seed + 1);
  task.update(1);
  const test = dataset(s.testCount, 1000 * seed + 2);
  task.finish(`${s.trainCount} training and ${s.testCount} test states`);
  const zeroLoss = meanAbs(test.qdd);
  const validation = dataset(s.validationCount, 1000 * seed + 5);
  return { train, test, validation, zeroLoss };
}
