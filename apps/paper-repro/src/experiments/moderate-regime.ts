import type { Random } from '@lnn/systems';

/** A state sampler in the form `@lnn/systems`' datasets take. */
export type StateSampler = (rng: Random, q: Float64Array, v: Float64Array) => void;

/**
 * The moderate regime of the double-pendulum experiments beyond the paper (positions, damped):
 * states uniform in the box (both angles ±maxAngle, both rates ±maxSpeed), kept only when their
 * energy is at most `ceiling` (rejection; the box's centre, at rest, must be below it, so this ends).
 */
export function boxBelowEnergy(energy: (q: ArrayLike<number>, v: ArrayLike<number>) => number, box: { readonly maxAngle: number; readonly maxSpeed: number }, ceiling: number): StateSampler {
  if (!(energy([0, 0], [0, 0]) <= ceiling)) throw new RangeError(`boxBelowEnergy: the ceiling ${ceiling} is below the rest state's energy ${energy([0, 0], [0, 0])}; no state would be kept.`);
  return (rng, q, v) => {
    do {
      q[0] = rng.uniform(-box.maxAngle, box.maxAngle);
      q[1] = rng.uniform(-box.maxAngle, box.maxAngle);
      v[0] = rng.uniform(-box.maxSpeed, box.maxSpeed);
      v[1] = rng.uniform(-box.maxSpeed, box.maxSpeed);
    } while (energy(q, v) > ceiling);
  };
}
