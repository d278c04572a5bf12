/**
 * A `DynamicsModel` whose accelerations come from a float64 function on the host — the true
 * equations, or anything else a test wants in a learned model's place. For tests: it reads its
 * inputs back from the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel } from '@lnn/lagrangian';

export function hostModel(dof: number, acceleration: (q: Float64Array, v: Float64Array, out: Float64Array) => void): DynamicsModel {
  return {
    kind: 'host-model',
    dof,
    extraDim: 0,
    variables: [],
    config: {},
    dispose: () => undefined,
    accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D {
      const rows = q.shape[0];
      const [qs, vs] = [Float64Array.from(q.dataSync()), Float64Array.from(qdot.dataSync())];
      const out = new Float64Array(rows * dof);
      for (let r = 0; r < rows; r++) acceleration(qs.subarray(r * dof, (r + 1) * dof), vs.subarray(r * dof, (r + 1) * dof), out.subarray(r * dof, (r + 1) * dof));
      return tf.tensor2d(Float32Array.from(out), [rows, dof]);
    },
  };
}
