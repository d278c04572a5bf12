import { finiteSeed, sampleCount } from './internal/check';
import type { Dataset } from './dataset';
import { createRandom } from './random';
import { relativisticAcceleration, relativisticMomentum, relativisticParticle } from './relativistic-particle';

/**
 * The paper's relativistic-particle data: `states` `[N, 2]` (q, q̇), each sample with its own field
 * `g` `[N]`, targets `accelerations` `[N, 1]`, and the canonical `momenta` `[N]` (for the HNN
 * given the true momentum). Same seed, same data.
 *
 * @example
 * import { relativisticDataset } from '@lnn/systems';
 * const ds = relativisticDataset({ count: 1000, seed: 0 });
 * console.log(Object.keys(ds.arrays)); // states, g, accelerations, momenta
 */
export function relativisticDataset(options: { readonly count: number; readonly seed: number }): Dataset {
  const count = sampleCount('relativisticDataset', 'options.count', options.count);
  const rng = createRandom(finiteSeed('relativisticDataset', 'options.seed', options.seed));
  const particle = relativisticParticle();
  const states = new Float64Array(2 * count);
  const g = new Float64Array(count);
  const acc = new Float64Array(count);
  const momenta = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    const s = particle.sample(rng);
    states[2 * b] = s.q;
    states[2 * b + 1] = s.v;
    g[b] = s.g;
    acc[b] = relativisticAcceleration(s.v, s.g);
    momenta[b] = relativisticMomentum(s.v);
  }
  return {
    kind: 'accelerations',
    system: 'relativistic-particle',
    seed: options.seed,
    parameters: {},
    arrays: {
      states: { shape: [count, 2], data: states },
      g: { shape: [count], data: g },
      accelerations: { shape: [count, 1], data: acc },
      momenta: { shape: [count], data: momenta },
    },
  };
}
