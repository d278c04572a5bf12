import type { TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, wave2d, type Random, type Wave2d } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import { waveStateSampler, waveTrainingData } from '../wave/wave-data';
import type { MembraneSettings } from './settings';

/** Training states (see {@link MembraneSettings.sampler}): the 1D wave's recipe on the 2D grid. */
export function membraneSampler(wave: Wave2d, s: MembraneSettings['sampler']): (rng: Random, q: Float64Array, v: Float64Array) => void {
  const base = waveStateSampler(wave, { modes: s.modes, amplitude: 1, velocityAmplitude: 1 });
  return (rng, q, v) => {
    base(rng, q, v);
    const rest = rng.next() < s.nearRest ? s.restScale : 1;
    for (const x of [q, v]) {
      const scale = rng.uniform(s.minScale, 1);
      const offset = rng.uniform(-s.offset, s.offset);
      const noise = rng.uniform(0, s.noise);
      for (let i = 0; i < x.length; i++) x[i] = rest * (scale * (x[i] as number) + noise * rng.normal()) + offset;
    }
  };
}

function dataset(wave: Wave2d, s: MembraneSettings['sampler'], count: number, seed: number): TrainingData {
  return waveTrainingData(accelerationDataset(wave, { count, seed, sample: membraneSampler(wave, s) }));
}

/** The membrane experiment's data, all on the small training grid. */
export interface MembraneData {
  readonly train: TrainingData;
  readonly heldOut: TrainingData;
  /** States the seed candidates are compared on (neither training nor held-out). */
  readonly validation: TrainingData;
  /** Held-out loss of predicting φ̈ = 0. */
  readonly zeroLoss: number;
}

/**
 * The data stage: training, held-out and validation states on the `trainGrid` × `trainGrid`
 * periodic grid (Δx = c = 1; seeds `1000·seed + 1`, `+ 2`, `+ 4`), targets the exact discrete
 * accelerations of `wave2d`.
 */
export function membraneData(context: ExperimentContext, s: MembraneSettings): MembraneData {
  const seed = context.seed;
  const small = wave2d({ nx: s.trainGrid, ny: s.trainGrid, boundary: 'periodic' });
  const task = context.progress.task('membrane: data', 2, 'sets');
  const train = dataset(small, s.sampler, s.trainCount, 1000 * seed + 1);
  task.update(1);
  const heldOut = dataset(small, s.sampler, s.testCount, 1000 * seed + 2);
  task.finish(`${s.trainCount} training and ${s.testCount} held-out states on the ${s.trainGrid} × ${s.trainGrid} grid`);
  const validation = dataset(small, s.sampler, s.testCount, 1000 * seed + 4);
  return { train, heldOut, validation, zeroLoss: meanAbs(heldOut.qdd) };
}
