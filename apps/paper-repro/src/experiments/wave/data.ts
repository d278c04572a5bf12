import type { TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, wave1d, type Random, type Wave1d } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import type { WaveSettings } from './settings';
import { waveStateSampler, waveTrainingData } from './wave-data';

/** Training states (see {@link WaveSettings.sampler}). */
function trainingSampler(wave: Wave1d, s: WaveSettings['sampler']): (rng: Random, q: Float64Array, v: Float64Array) => void {
  const base = waveStateSampler(wave, { modes: s.modes, amplitude: 1, velocityAmplitude: 1 });
  return (rng, q, v) => {
    base(rng, q, v);
    for (const x of [q, v]) {
      const scale = rng.uniform(s.minScale, 1);
      const offset = rng.uniform(-s.offset, s.offset);
      const noise = rng.uniform(0, s.noise);
      for (let i = 0; i < x.length; i++) x[i] = scale * (x[i] as number) + offset + noise * rng.normal();
    }
  };
}

function dataset(wave: Wave1d, s: WaveSettings['sampler'], count: number, seed: number): TrainingData {
  return waveTrainingData(accelerationDataset(wave, { count, seed, sample: trainingSampler(wave, s) }));
}

/** The wave experiment's data, all on the small training ring. */
export interface WaveData {
  readonly train: TrainingData;
  readonly heldOut: TrainingData;
  /** States the seed candidates are compared on (neither training nor held-out). */
  readonly validation: TrainingData;
  /** Held-out loss of predicting φ̈ = 0. */
  readonly zeroLoss: number;
}

/**
 * The data stage: training, held-out and validation states on the `trainRing`-point ring (seeds
 * `1000·seed + 1`, `+ 2`, `+ 4`).
 */
export function waveData(context: ExperimentContext, s: WaveSettings): WaveData {
  const seed = context.seed;
  const small = wave1d({ n: s.trainRing, dx: 1 });
  const task = context.progress.task('wave: data', 2, 'sets');
  const train = dataset(small, s.sampler, s.trainCount, 1000 * seed + 1);
  task.update(1);
  const heldOut = dataset(small, s.sampler, s.testCount, 1000 * seed + 2);
  task.finish(`${s.trainCount} training and ${s.testCount} held-out states on a ${s.trainRing}-point ring`);
  const zeroLoss = meanAbs(heldOut.qdd);
  const validation = dataset(small, s.sampler, s.testCount, 1000 * seed + 4);
  return { train, heldOut, validation, zeroLoss };
}
