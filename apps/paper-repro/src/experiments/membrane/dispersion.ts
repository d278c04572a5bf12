import * as tf from '@tensorflow/tfjs-core';
import { hessian } from '@lnn/autodiff';
import type { Wave2d } from '@lnn/systems';

/**
 * The grid offsets (dx, dy) of a `periodicGridGraph` term's slots, in its order (self, left,
 * right, up, down): node (r, c) is coordinate r·cols + c, x along a row, y down the rows (as
 * `wave2d`'s node (ix, iy) at iy·nx + ix).
 */
export const SLOT_OFFSETS: readonly (readonly [number, number])[] = [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]];

/**
 * The density's Hessian at rest (all 2k inputs 0), `[2k][2k]` in its input order (φ slots, then φ̇
 * slots), by reverse over reverse mode (`@lnn/autodiff`'s `hessian`).
 *
 * @param density - `[N, 2k]` → `[N]` (a `DensityMlp`'s `tensor`, or a closed form).
 */
export function restHessian(density: (local: tf.Tensor2D) => tf.Tensor1D, inputs: number): number[][] {
  const h = tf.tidy(() => hessian((x) => density(x))(tf.zeros([1, inputs]) as tf.Tensor2D));
  const values = (h.arraySync() as number[][][])[0] as number[][];
  h.dispose();
  return values;
}

/** The dispersion of every mode of an nx × ny periodic grid, `[ny·nx]` each, mode (mx, my) at my·nx + mx. */
export interface GridDispersion {
  readonly nx: number;
  readonly ny: number;
  /** ω² of the travelling wave cos(k·x − ωt) of the learned linearised dynamics (NaN where ω is not real: an unstable mode). */
  readonly learned: Float64Array;
  /** `wave2d`'s exact discrete ω²(k) = 4 (sin²(kx/2) + sin²(ky/2)) (c = h = 1). */
  readonly truth: Float64Array;
  /** K(k)/M(k): stiffness over mass of the mode (ω² when the gyroscopic term is 0). */
  readonly stiffnessOverMass: Float64Array;
  /** γ(k)/M(k): the gyroscopic term (ω² + (γ/M) ω − K/M = 0), 0 for a density symmetric under reflections. */
  readonly gyroscopic: Float64Array;
}

/** Σ_ab H[r0 + a][c0 + b] e^{i k·(d_b − d_a)}: one block's Fourier symbol, `[re, im]`. */
function symbol(h: number[][], r0: number, c0: number, kx: number, ky: number): [number, number] {
  let [re, im] = [0, 0];
  SLOT_OFFSETS.forEach(([ax, ay], a) =>
    SLOT_OFFSETS.forEach(([bx, by], b) => {
      const phase = kx * (bx - ax) + ky * (by - ay);
      const value = h[r0 + a]?.[c0 + b] as number;
      re += value * Math.cos(phase);
      im += value * Math.sin(phase);
    }),
  );
  return [re, im];
}

/**
 * The linearised dynamics about rest of `L = Σ_terms density`, mode by mode: the total Hessian is
 * a convolution on the grid, so each plane wave e^{i(k·x − ωt)} is an eigenvector and
 * `M(k) q̈ = −K(k) q + S(k) q̇` with M the symbol of H_vv, −K that of H_qq and S = 2i Im(symbol of
 * H_qv) that of H_qv − H_vq; hence `M ω² + γ ω − K = 0` (γ = 2 Im Ĥ_qv) and the wave along +k has
 * ω = (−γ/M + √((γ/M)² + 4K/M)) / 2. For the true density ½φ̇² − ½((φ_right − φ)² + (φ_down − φ)²)
 * this is exactly ω² = 4 (sin²(kx/2) + sin²(ky/2)). The constant force at rest (∂L/∂q at 0) does
 * not enter; it is reported apart.
 *
 * @param h - the density's Hessian at rest ({@link restHessian}), inputs (φ slots, φ̇ slots) of the 5-point stencil.
 * @param wave - the grid (periodic `wave2d`), whose `modeWavevector` and `modeFrequency` give k and the true ω.
 */
export function gridDispersion(h: number[][], wave: Pick<Wave2d, 'nx' | 'ny' | 'modeWavevector' | 'modeFrequency'>): GridDispersion {
  const k = SLOT_OFFSETS.length;
  if (h.length !== 2 * k || h.some((row) => row.length !== 2 * k)) {
    throw new TypeError(`gridDispersion: h must be the ${2 * k} × ${2 * k} Hessian of a 5-point density (φ then φ̇ of self, left, right, up, down), received ${h.length} rows.`);
  }
  const { nx, ny } = wave;
  const [learned, truth, stiffnessOverMass, gyroscopic] = [0, 0, 0, 0].map(() => new Float64Array(nx * ny)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let my = 0; my < ny; my++) {
    for (let mx = 0; mx < nx; mx++) {
      const [kx, ky] = wave.modeWavevector(mx, my);
      const stiffness = -symbol(h, 0, 0, kx, ky)[0];
      const mass = symbol(h, k, k, kx, ky)[0];
      const gamma = 2 * symbol(h, 0, k, kx, ky)[1];
      const [w, g] = [stiffness / mass, gamma / mass];
      const discriminant = g * g + 4 * w;
      const omega = discriminant >= 0 ? (-g + Math.sqrt(discriminant)) / 2 : Number.NaN;
      const at = my * nx + mx;
      learned[at] = omega * omega;
      truth[at] = wave.modeFrequency(mx, my) ** 2;
      stiffnessOverMass[at] = w;
      gyroscopic[at] = g;
    }
  }
  return { nx, ny, learned, truth, stiffnessOverMass, gyroscopic };
}
