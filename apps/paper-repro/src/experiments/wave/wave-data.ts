import type { TrainingData } from '@lnn/lagrangian';

/** What {@link waveStateSampler} needs of `@lnn/systems`' `wave1d`. */
export interface WaveFieldSource<R> {
  readonly dof: number;
  smoothRandomField(rng: R, phi: Float64Array, phiDot: Float64Array, options?: { modes?: number; amplitude?: number }): void;
}

/**
 * A state sampler for `@lnn/systems`' `accelerationDataset`: φ and φ̇ are independent smooth
 * random fields (the first `modes` Fourier modes, peaks `amplitude` and `velocityAmplitude`).
 * (`wave1d`'s own field has φ̇ = 0, which would never show the model a velocity.)
 *
 * @example
 * const wave = wave1d({ n: 16, dx: 1 });
 * const data = waveTrainingData(accelerationDataset(wave, { count: 2000, seed: 1, sample: waveStateSampler(wave) }));
 */
export function waveStateSampler<R>(
  wave: WaveFieldSource<R>,
  options: { readonly modes?: number; readonly amplitude?: number; readonly velocityAmplitude?: number } = {},
): (rng: R, q: Float64Array, v: Float64Array) => void {
  const { modes = 3, amplitude = 1, velocityAmplitude = 1 } = options;
  const scratch = new Float64Array(wave.dof);
  return (rng, q, v) => {
    wave.smoothRandomField(rng, q, scratch, { modes, amplitude });
    wave.smoothRandomField(rng, v, scratch, { modes, amplitude: velocityAmplitude });
  };
}

/** An acceleration data set of `@lnn/systems` (`states` `[N, 2n]`, `accelerations` `[N, n]`) as training data. */
export function waveTrainingData(dataset: { readonly arrays: Readonly<Record<string, { readonly shape: readonly number[]; readonly data: Float64Array }>> }): TrainingData {
  const states = dataset?.arrays?.states;
  const accelerations = dataset?.arrays?.accelerations;
  if (states === undefined || accelerations === undefined || states.shape.length !== 2 || accelerations.shape[0] !== states.shape[0]) {
    throw new TypeError('waveTrainingData: dataset must be an acceleration data set with arrays states [N, 2n] and accelerations [N, n] (accelerationDataset of @lnn/systems).');
  }
  const [count, width] = states.shape as [number, number];
  const n = width / 2;
  const q = new Float64Array(count * n);
  const qdot = new Float64Array(count * n);
  for (let r = 0; r < count; r++) {
    q.set(states.data.subarray(r * width, r * width + n), r * n);
    qdot.set(states.data.subarray(r * width + n, (r + 1) * width), r * n);
  }
  return { q, qdot, qdd: accelerations.data };
}
