import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel } from '@lnn/lagrangian';

/**
 * K(k)/M(k) of every mode of an nx × ny periodic grid from the model's own accelerations (its
 * sparse solve included): the response to a point displacement ±ε at node 0 from rest, central
 * difference (a(εδ) − a(−εδ)) / 2ε (even orders cancel: error O(ε²)), is the impulse response of
 * M⁻¹H_qq, whose discrete Fourier transform is −K/M at each mode. `[ny·nx]`, mode (mx, my) at
 * my·nx + mx — the layout of {@link GridDispersion}, whose `stiffnessOverMass` it should equal.
 */
export function impulseStiffnessOverMass(model: DynamicsModel, nx: number, ny: number, epsilon: number): Float64Array {
  const n = nx * ny;
  if (model.dof !== n) throw new TypeError(`impulseStiffnessOverMass: the model has ${model.dof} coordinates, the ${nx} × ${ny} grid ${n}.`);
  const q = new Float32Array(2 * n);
  q[0] = epsilon;
  q[n] = -epsilon;
  const out = tf.tidy(() => model.accelerations(tf.tensor2d(q, [2, n]), tf.zeros([2, n])));
  const a = out.dataSync();
  out.dispose();
  const response = Float64Array.from({ length: n }, (_, i) => ((a[i] as number) - (a[n + i] as number)) / (2 * epsilon));
  // ŝ(k) = Σ_z r(z) e^{−i k·z}; r is real, and K/M real for a Lagrangian (symmetric H_qq, H_vv): the real part.
  const [cx, cy] = [cosTable(nx), cosTable(ny)];
  const [sx, sy] = [sinTable(nx), sinTable(ny)];
  const result = new Float64Array(n);
  for (let my = 0; my < ny; my++) {
    for (let mx = 0; mx < nx; mx++) {
      let re = 0;
      for (let iy = 0; iy < ny; iy++) {
        const [c2, s2] = [cy[(my * iy) % ny] as number, sy[(my * iy) % ny] as number];
        for (let ix = 0; ix < nx; ix++) {
          const [c1, s1] = [cx[(mx * ix) % nx] as number, sx[(mx * ix) % nx] as number];
          re += (response[iy * nx + ix] as number) * (c1 * c2 - s1 * s2); // cos(kx·ix + ky·iy)
        }
      }
      result[my * nx + mx] = -re;
    }
  }
  return result;
}

const cosTable = (n: number) => Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * j) / n));
const sinTable = (n: number) => Float64Array.from({ length: n }, (_, j) => Math.sin((2 * Math.PI * j) / n));
