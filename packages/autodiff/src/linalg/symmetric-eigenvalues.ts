import * as tf from '@tensorflow/tfjs-core';
import { readSystem } from './batched-system';
import { symmetricEigen } from './host/symmetric-eigen';
import { LinalgError } from './linalg-error';

/**
 * Eigenvalues of a batch of symmetric matrices (`[B, d, d]` → `[B, d]`, ascending), in float64 on
 * the host, reading `(A + Aᵀ)/2`. A diagnostic (conditioning of `H_vv`, definiteness), with no
 * gradient.
 *
 * @throws {LinalgError} `non-finite-input`, `no-convergence`.
 * @example
 * const λ = symmetricEigenvalues(hvv); // condition number: max|λ| / min|λ|
 */
export function symmetricEigenvalues(a: tf.Tensor): tf.Tensor2D {
  if (a == null || a.rank !== 3 || a.shape[1] !== a.shape[2] || a.dtype !== 'float32') {
    throw new TypeError(
      `symmetricEigenvalues: A must be a float32 tensor of shape [batch, d, d], received ${a == null ? String(a) : `[${a.shape.join(', ')}] ${a.dtype}`}.`,
    );
  }
  const [batch, d] = a.shape as [number, number, number];
  const noRhs = tf.zeros([batch, d]);
  let system;
  try {
    system = readSystem('symmetricEigenvalues', a, noRhs);
  } finally {
    noRhs.dispose();
  }
  const values = new Float64Array(batch * d);
  const vectors = new Float64Array(d * d);
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) {
    const ok = symmetricEigen(system.a.subarray(s * d * d, (s + 1) * d * d), d, values.subarray(s * d, (s + 1) * d), vectors);
    if (!ok) bad.push(s);
  }
  if (bad.length > 0) throw new LinalgError('symmetricEigenvalues', 'no-convergence', bad, batch, 'the eigenvalue iteration did not converge');
  return tf.tensor2d(Float32Array.from(values), [batch, d]);
}
