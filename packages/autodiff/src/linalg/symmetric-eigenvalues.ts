import { symmetricEigen } from '@lnn/linalg';
import * as tf from '@tensorflow/tfjs-core';
import { readSystem } from './batched-system';
import { LinalgError } from './linalg-error';

const eigenvalues = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const [batch, d] = a.shape as [number, number, number];
  const noRhs = tf.zeros([batch, d]);
  let system;
  try {
    system = readSystem('symmetricEigenvalues', a, noRhs);
  } finally {
    noRhs.dispose();
  }
  const values = new Float64Array(batch * d);
  const vectors = new Float64Array(batch * d * d);
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) {
    const failed = symmetricEigen(system.a.subarray(s * d * d, (s + 1) * d * d), d, values.subarray(s * d, (s + 1) * d), vectors.subarray(s * d * d, (s + 1) * d * d));
    if (failed >= 0) bad.push(s);
  }
  if (bad.length > 0) throw new LinalgError('symmetricEigenvalues', 'no-convergence', bad, batch, 'the eigenvalue iteration did not converge');
  const v = tf.tensor3d(Float32Array.from(vectors), [batch, d, d]);
  save([v]);
  return {
    value: tf.tensor2d(Float32Array.from(values), [batch, d]),
    // dλⱼ/dA = vⱼ vⱼᵀ (symmetric A, distinct eigenvalues): Ā = V diag(λ̄) Vᵀ.
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const vs = saved[0] as tf.Tensor3D;
      return tf.matMul(tf.mul(vs, tf.expandDims(dy as tf.Tensor, 1)), tf.transpose(vs, [0, 2, 1]));
    },
  };
});

/**
 * Eigenvalues of a batch of symmetric matrices (`[B, d, d]` → `[B, d]`, ascending), in float64 on
 * the host, reading `(A + Aᵀ)/2`: a diagnostic (conditioning of `H_vv`, definiteness), and
 * differentiable once — `Ā = V diag(λ̄) Vᵀ`, exact where the eigenvalues are distinct — so a loss
 * may depend on them (a guard on `H_vv`'s definiteness, say). Not differentiable twice.
 *
 * @throws {LinalgError} `non-finite-input`, `no-convergence`.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, symmetricEigenvalues } from '@lnn/autodiff';
 * await initBackend();
 * const hvv = tf.tensor3d([[[2, 1], [1, 2]]]);
 * const λ = symmetricEigenvalues(hvv); // [[1, 3]], ascending
 * const [min, max] = λ.dataSync();
 * console.log(Math.abs(max) / Math.abs(min)); // ≈ 3: the condition number
 */
export function symmetricEigenvalues(a: tf.Tensor): tf.Tensor2D {
  if (a == null || a.rank !== 3 || a.shape[1] !== a.shape[2] || a.dtype !== 'float32') {
    throw new TypeError(
      `symmetricEigenvalues: A must be a float32 tensor of shape [batch, d, d], received ${a == null ? String(a) : `[${a.shape.join(', ')}] ${a.dtype}`}.`,
    );
  }
  return eigenvalues(a) as tf.Tensor2D;
}
