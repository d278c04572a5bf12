import * as tf from '@tensorflow/tfjs-core';
import { symmetricEigenvalues } from '@lnn/autodiff';

/**
 * Which sign of `H_vv` the definiteness guard accepts. `'either'`: any definite `H_vv` (L and −L
 * give the same conservative dynamics). `'positive'`: only a positive-definite one — needed once
 * the model has a dissipation D ≥ 0 (a `QuadraticDissipation`): q̈ is unchanged by
 * (L, D) → (cL, cD) only for c > 0 there, so an L with a negative-definite `H_vv` could only be
 * paired with D ≤ 0, which such a D cannot represent, and the dissipation could not be fitted.
 */
export type DefinitenessSign = 'either' | 'positive';

/** `train`'s and `trainFromPositions`' guard on the velocity Hessian `H_vv` of a Lagrangian model. */
export interface DefinitenessGuard {
  /** The guard's weight in the loss (≥ 0). */
  readonly weight: number;
  /** @default 'either' */
  readonly sign?: DefinitenessSign;
}

/** Throws a TypeError naming `where`'s argument when a guard is malformed; the sign, defaults resolved. */
export function checkDefiniteness(where: string, guard: DefinitenessGuard | undefined): DefinitenessSign {
  if (guard === undefined) return 'either';
  if (!(guard?.weight >= 0 && Number.isFinite(guard.weight))) {
    throw new TypeError(`${where}: options.definiteness.weight must be a finite number ≥ 0, received ${String(guard?.weight)}.`);
  }
  const sign = guard.sign ?? 'either';
  if (sign !== 'either' && sign !== 'positive') throw new TypeError(`${where}: options.definiteness.sign must be 'either' or 'positive', received ${JSON.stringify(sign)}.`);
  return sign;
}

/** The guard as a checkpoint remembers it: `{ weight }` for the default sign (as before the sign existed), else `{ weight, sign }`. */
export function guardFingerprint(guard: DefinitenessGuard | undefined): Record<string, unknown> | null {
  if (guard === undefined) return null;
  return (guard.sign ?? 'either') === 'either' ? { weight: guard.weight } : { weight: guard.weight, sign: guard.sign };
}

/**
 * The guard's term, the batch mean over the matrices `hvv` (`[B, d, d]`, read as `(A + Aᵀ)/2`) of:
 *
 * - `'either'`: the share of the eigenvalue mass Σ|λ| on the minority sign — 0 where the matrix is
 *   definite (of either sign), ½ where it is evenly indefinite.
 * - `'positive'`: the share of the eigenvalue mass that is negative, Σ max(−λ, 0) / Σ|λ|, plus
 *   max(−λ_max, 0) / Σ|λ| — 0 where the matrix is positive definite, up to 1 where it is
 *   indefinite, 1 + |λ_max|/Σ|λ| (at most 1 + 1/d) where it is negative definite. The second term
 *   is 0 unless every eigenvalue is negative; it is there because the share alone is 1 and flat on
 *   negative-definite matrices (no gradient), while this term pulls the top eigenvalue up through 0.
 *   Both terms are unchanged when the matrix is scaled by c > 0, so the guard does not fix L's
 *   scale. For d = 1 no such term can have a gradient (a scale-free function of one number is its
 *   sign): the guard then only counts.
 *
 * Differentiable once (through the eigenvalues); call inside `tf.tidy` (training does).
 */
export function indefiniteness(hvv: tf.Tensor3D, sign: DefinitenessSign = 'either'): tf.Scalar {
  const eigenvalues = symmetricEigenvalues(hvv);
  const positive = tf.sum(tf.relu(eigenvalues), 1);
  const negative = tf.sum(tf.relu(tf.neg(eigenvalues)), 1);
  if (sign === 'either') return tf.mean(tf.div(tf.minimum(positive, negative), tf.add(tf.add(positive, negative), 1e-30))) as tf.Scalar;
  const below = tf.relu(tf.neg(tf.max(eigenvalues, 1)));
  return tf.mean(tf.div(tf.add(negative, below), tf.add(tf.add(positive, negative), 1e-30))) as tf.Scalar;
}
