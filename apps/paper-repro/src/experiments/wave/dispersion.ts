import * as tf from '@tensorflow/tfjs-core';
import type { GraphLagrangian } from '@lnn/graph-lagrangian';

/** ω²(k) of each Fourier mode k = 0…n/2, learned and true. */
export interface Dispersion {
  readonly k: number[];
  readonly learned: number[];
  readonly truth: number[];
}

/**
 * The linearised dynamics about rest, mode by mode: a small cosine of wavenumber k (0…n/2) gives
 * φ̈ = −ω²(k) φ; the true discrete wave has ω² = 4 sin²(πk/n) (Δx = c = 1). Unlike the density
 * itself, ω(k) does not depend on which of the equivalent Lagrangians was learned.
 */
export function dispersion(model: GraphLagrangian, amplitude = 1e-2): Dispersion {
  const n = model.dof;
  const modes = Math.floor(n / 2) + 1;
  const q = new Float32Array((modes + 1) * n);
  for (let k = 0; k < modes; k++) for (let i = 0; i < n; i++) q[(k + 1) * n + i] = amplitude * Math.cos((2 * Math.PI * k * i) / n);
  const out = tf.tidy(() => model.accelerations(tf.tensor2d(q, [modes + 1, n]), tf.zeros([modes + 1, n])));
  const a = out.dataSync();
  out.dispose();
  const k = Array.from({ length: modes }, (_, m) => m);
  const learned = k.map((m) => {
    let [num, den] = [0, 0];
    for (let i = 0; i < n; i++) {
      const c = Math.cos((2 * Math.PI * m * i) / n);
      num += ((a[(m + 1) * n + i] as number) - (a[i] as number)) * c;
      den += amplitude * c * c;
    }
    return -num / den;
  });
  return { k, learned, truth: k.map((m) => 4 * Math.sin((Math.PI * m) / n) ** 2) };
}
