import * as tf from '@tensorflow/tfjs-core';

/** How angular coordinates enter a network (as in `MlpLagrangian`). */
export type AngleTransform = 'none' | 'wrap' | 'features';

/** Validates angle indices and the transform. */
export function checkAngles(where: string, dof: number, angles: readonly number[], transform: AngleTransform): void {
  if (!Array.isArray(angles) || !angles.every((i) => Number.isInteger(i) && i >= 0 && i < dof) || new Set(angles).size !== angles.length) {
    throw new TypeError(`${where}: config.angles must be distinct coordinate indices in [0, ${dof}), received ${JSON.stringify(angles)}.`);
  }
  if (!['none', 'wrap', 'features'].includes(transform)) {
    throw new TypeError(`${where}: config.angleTransform must be 'none', 'wrap' or 'features', received ${JSON.stringify(transform)}.`);
  }
}

/** Width of the network input for `q` after the transform. */
export function angleFeatureWidth(dof: number, angles: readonly number[], transform: AngleTransform): number {
  return transform === 'features' ? dof + angles.length : dof;
}

/** `q` `[B, d]` → the network's view of it: angles wrapped to [−π, π), or replaced by (cos, sin). */
export function angleFeatures(q: tf.Tensor2D, angles: readonly number[], transform: AngleTransform): tf.Tensor2D {
  if (transform === 'none' || angles.length === 0) return q;
  const d = q.shape[1];
  if (transform === 'wrap') {
    const scale = tf.tensor1d(Array.from({ length: d }, (_, i) => (angles.includes(i) ? 2 * Math.PI : 0)));
    return tf.sub(q, tf.mul(tf.round(tf.div(q, 2 * Math.PI)), scale)) as tf.Tensor2D;
  }
  const parts: tf.Tensor[] = [];
  for (let i = 0; i < d; i++) {
    const qi = tf.slice(q, [0, i], [-1, 1]);
    parts.push(...(angles.includes(i) ? [tf.cos(qi), tf.sin(qi)] : [qi]));
  }
  return tf.concat(parts, 1) as tf.Tensor2D;
}
