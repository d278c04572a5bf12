import type { TrainingData } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import { relativisticData } from '../relativistic-data';
import type { PropertyTableSettings } from './settings';

/** The relativistic samples the property table's own models train on. */
export interface PropertyTableData {
  readonly train: TrainingData & { extra: Float64Array };
  readonly test: TrainingData & { extra: Float64Array };
  /** Test MAE of predicting q̈ = 0. */
  readonly zero: number;
}

/** The data stage: the relativistic experiment's training and test samples (same seeds, `1000·seed + 11` and `+ 12`), at this experiment's counts. */
export function propertyTableData(context: ExperimentContext, s: PropertyTableSettings): PropertyTableData {
  const train = relativisticData(s.trainCount, 1000 * context.seed + 11);
  const test = relativisticData(s.testCount, 1000 * context.seed + 12);
  return { train, test, zero: meanAbs(test.qdd) };
}
