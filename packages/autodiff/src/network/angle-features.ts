import * as tf from '@tensorflow/tfjs-core';
import type { Jet } from '../jet/jet';
import * as jets from '../jet/index';

/**
 * How angular coordinates enter a network: `'none'`, as they are; `'wrap'`, mapped to [−π, π)
 * (derivative 1, so jets pass through unchanged); `'features'`, each replaced by (cos q, sin q).
 */
export type AngleTransform = 'none' | 'wrap' | 'features';

/** Every {@link AngleTransform}. */
export const ANGLE_TRANSFORMS: readonly AngleTransform[] = ['none', 'wrap', 'features'];

/**
 * Checks angle indices among `dof` coordinates and a transform, naming `where` and the config
 * fields `angles` and `angleTransform`.
 *
 * @example
 * import { checkAngles } from '@lnn/autodiff';
 * checkAngles('MlpDynamics', 2, [0, 1], 'wrap'); // fine
 * try {
 *   checkAngles('MlpDynamics', 2, [2], 'wrap');
 * } catch (e) {
 *   console.log((e as TypeError).message); // MlpDynamics: config.angles must be distinct coordinate indices in [0, 2), received [2].
 * }
 */
export function checkAngles(where: string, dof: number, angles: readonly number[], transform: AngleTransform): void {
  if (!Array.isArray(angles) || !angles.every((i) => Number.isInteger(i) && i >= 0 && i < dof) || new Set(angles).size !== angles.length) {
    throw new TypeError(`${where}: config.angles must be distinct coordinate indices in [0, ${dof}), received ${JSON.stringify(angles)}.`);
  }
  if (!ANGLE_TRANSFORMS.includes(transform)) {
    throw new TypeError(`${where}: config.angleTransform must be 'none', 'wrap' or 'features', received ${JSON.stringify(transform)}.`);
  }
}

/**
 * How many features `dof` coordinates become: one more per angle with `'features'`.
 *
 * @example
 * import { angleFeatureWidth } from '@lnn/autodiff';
 * console.log(angleFeatureWidth(2, [0, 1], 'features'), angleFeatureWidth(2, [0, 1], 'wrap')); // 4 2
 */
export function angleFeatureWidth(dof: number, angles: readonly number[], transform: AngleTransform): number {
  return transform === 'features' ? dof + angles.length : dof;
}

/**
 * `−2π·round(q/2π)` for the angles among q's columns, `−0` for the others: what wraps angles into
 * [−π, π) when added, a constant as far as derivatives go. (Adding it is exactly `q − 2π·round(q/2π)`.)
 */
function wrapOffsets(q: tf.Tensor2D, angles: readonly number[]): tf.Tensor2D {
  const scale = tf.tensor1d(Array.from({ length: q.shape[1] }, (_, i) => (angles.includes(i) ? -2 * Math.PI : -0)));
  return tf.mul(tf.round(tf.div(q, 2 * Math.PI)), scale) as tf.Tensor2D;
}

/**
 * The network's view of coordinates `q` (`[B, d]`): angles wrapped to [−π, π), or each replaced by
 * (cos, sin) in place (`[B, d + angles]`); `q` itself for `'none'` or no angles.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { angleFeatures, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const q = tf.tensor2d([[0, Math.PI / 2]]);
 * const features = angleFeatures(q, [0, 1], 'features'); // [B, 4]: cos q₀, sin q₀, cos q₁, sin q₁
 * console.log(features.arraySync()); // ≈ [[1, 0, 0, 1]]
 */
export function angleFeatures(q: tf.Tensor2D, angles: readonly number[], transform: AngleTransform): tf.Tensor2D {
  if (transform === 'none' || angles.length === 0) return q;
  if (transform === 'wrap') return tf.add(q, wrapOffsets(q, angles)) as tf.Tensor2D;
  const parts: tf.Tensor[] = [];
  for (let i = 0; i < q.shape[1]; i++) {
    const qi = tf.slice(q, [0, i], [-1, 1]);
    parts.push(...(angles.includes(i) ? [tf.cos(qi), tf.sin(qi)] : [qi]));
  }
  return tf.concat(parts, 1) as tf.Tensor2D;
}

/**
 * {@link angleFeatures} on a jet whose first `dof` features are the coordinates; the features after
 * them (q̇, say) pass through unchanged. Wrapping adds a constant; `'features'` differentiates
 * cos and sin.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { angleFeaturesJet, initBackend, JetTrace } from '@lnn/autodiff';
 * await initBackend();
 * const x = tf.tensor2d([[0, Math.PI / 2, 1, 2]]); // [q, q̇], d = 2
 * const h = angleFeaturesJet(new JetTrace(1, 4).input(x), 2, [0, 1], 'features'); // x = [q, q̇] (4) → [cos q₀, sin q₀, cos q₁, sin q₁, q̇] (6)
 * console.log(h.size, h.value.arraySync()); // 6 ≈ [[1, 0, 0, 1, 1, 2]]
 */
export function angleFeaturesJet(x: Jet, dof: number, angles: readonly number[], transform: AngleTransform): Jet {
  if (transform === 'none' || angles.length === 0) return x;
  const rest = x.size - dof;
  if (transform === 'wrap') {
    const offsets = wrapOffsets(tf.slice(x.value, [0, 0], [-1, dof]) as tf.Tensor2D, angles);
    return jets.add(x, rest > 0 ? tf.pad(offsets, [[0, 0], [0, rest]]) : offsets);
  }
  const parts: Jet[] = [];
  for (let i = 0; i < dof; i++) {
    const qi = jets.slice(x, i, 1);
    parts.push(...(angles.includes(i) ? [jets.cos(qi), jets.sin(qi)] : [qi]));
  }
  if (rest > 0) parts.push(jets.slice(x, dof, rest));
  return jets.concat(parts);
}
