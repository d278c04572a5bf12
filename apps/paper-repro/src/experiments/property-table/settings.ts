import type { Scale } from '../../experiment';

/** The size of one scale: the two models this experiment trains itself (on the relativistic data). */
export interface PropertyTableSettings {
  readonly trainCount: number;
  readonly testCount: number;
  readonly hidden: readonly number[];
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  /** A ratio to the zero predictor below this counts as "learned". */
  readonly learnedBelow: number;
}

const BY_SCALE: Record<Exclude<Scale, 'long'>, PropertyTableSettings> = {
  test: { trainCount: 512, testCount: 256, hidden: [16, 16], steps: 20, batchSize: 32, peak: 1e-3, learnedBelow: 0.2 },
  quick: { trainCount: 50_000, testCount: 5_000, hidden: [64, 64], steps: 3_000, batchSize: 64, peak: 3e-3, learnedBelow: 0.2 },
  full: { trainCount: 600_000, testCount: 20_000, hidden: [500, 500], steps: 30_000, batchSize: 512, peak: 1e-3, learnedBelow: 0.2 },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const PROPERTY_TABLE_SETTINGS: Record<Scale, PropertyTableSettings> = { ...BY_SCALE, long: BY_SCALE.quick };
