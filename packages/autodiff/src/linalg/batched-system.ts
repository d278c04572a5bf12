import { FLOAT32_MAX } from '@lnn/linalg';
import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from './linalg-error';

/** A batch of linear systems `A X = B` read to float64 on the host. */
export interface HostSystem {
  readonly batch: number;
  /** d, the size of each matrix. */
  readonly d: number;
  /** k, the number of right-hand sides (1 when b is `[B, d]`). */
  readonly k: number;
  /** `[B, d, d]` row-major. */
  readonly a: Float64Array;
  /** `[B, d, k]` row-major. */
  readonly b: Float64Array;
}

/** Throws unless A is `[B, d, d]` and b is `[B, d]` or `[B, d, k]`, all float32. */
export function checkSystem(op: string, a: tf.Tensor, b: tf.Tensor): void {
  const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  for (const [name, t] of [['A', a], ['b', b]] as const) {
    if (t == null || typeof (t as tf.Tensor).rank !== 'number') {
      throw new TypeError(`${op}: ${name} must be a tf.Tensor, received ${String(t)}.`);
    }
    if (t.dtype !== 'float32') throw new TypeError(`${op}: ${name} must be float32, received ${t.dtype}.`);
  }
  const [batch, rows, cols] = a.shape;
  if (a.rank !== 3 || rows !== cols || rows === 0 || batch === 0) {
    throw new TypeError(`${op}: A must have shape [batch, d, d] with d ≥ 1, received ${shape(a)}.`);
  }
  if ((b.rank !== 2 && b.rank !== 3) || b.shape[0] !== batch || b.shape[1] !== rows || (b.rank === 3 && b.shape[2] === 0)) {
    throw new TypeError(`${op}: b must have shape [${batch}, ${rows}] or [${batch}, ${rows}, k], received ${shape(b)}.`);
  }
}

/** Reads A and b to float64, reporting samples with non-finite entries. */
export function readSystem(op: string, a: tf.Tensor, b: tf.Tensor): HostSystem {
  const [batch, d] = a.shape as [number, number, number];
  const k = b.rank === 3 ? (b.shape[2] as number) : 1;
  const system = { batch, d, k, a: Float64Array.from(a.dataSync()), b: Float64Array.from(b.dataSync()) };
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) {
    if (!allFinite(system.a, s * d * d, d * d) || !allFinite(system.b, s * d * k, d * k)) bad.push(s);
  }
  if (bad.length > 0) throw new LinalgError(op, 'non-finite-input', bad, batch, 'A or b is not finite there');
  return system;
}

function allFinite(v: Float64Array, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (!Number.isFinite(v[i] as number)) return false;
  return true;
}

/** Throws a `non-finite-result` error naming the samples whose solution does not fit float32. */
export function checkResult(op: string, x: Float64Array, system: HostSystem): void {
  const { batch, d, k } = system;
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) {
    for (let i = s * d * k; i < (s + 1) * d * k; i++) {
      if (!(Math.abs(x[i] as number) <= FLOAT32_MAX)) {
        bad.push(s);
        break;
      }
    }
  }
  if (bad.length > 0) throw new LinalgError(op, 'non-finite-result', bad, batch, 'the solution overflows float32');
}

/** `−Σ_c u[·, i, c] v[·, j, c]` per sample: the `−U Vᵀ` term of a solve's matrix gradient, `[B, d, d]`. */
export function negOuter(u: Float64Array, v: Float64Array, batch: number, d: number, k: number): Float64Array {
  const out = new Float64Array(batch * d * d);
  for (let s = 0; s < batch; s++) {
    const o = s * d * k;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += (u[o + i * k + c] as number) * (v[o + j * k + c] as number);
        out[s * d * d + i * d + j] = -sum;
      }
    }
  }
  return out;
}

/** `(G + Gᵀ)/2` per sample, in place. */
export function symmetrizeHost(g: Float64Array, batch: number, d: number): Float64Array {
  for (let s = 0; s < batch; s++) {
    const o = s * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        const m = 0.5 * ((g[o + i * d + j] as number) + (g[o + j * d + i] as number));
        g[o + i * d + j] = m;
        g[o + j * d + i] = m;
      }
    }
  }
  return g;
}

/** `(G + Gᵀ)/2` over the last two axes, as tensor ops. */
export function symmetrize(g: tf.Tensor): tf.Tensor {
  return tf.mul(0.5, tf.add(g, tf.transpose(g, [0, 2, 1])));
}

/** `[B, d]` → `[B, d, 1]`; `[B, d, k]` unchanged. */
export function asColumns(t: tf.Tensor): tf.Tensor3D {
  return (t.rank === 2 ? tf.expandDims(t, 2) : t) as tf.Tensor3D;
}

/**
 * Whether gradient operations are being recorded right now, i.e. a gradient rule is running
 * inside another differentiation. The solvers then build their gradients from differentiable
 * ops (so higher derivatives are right) instead of reusing their float64 factorisations.
 */
export function isRecordingGradients(): boolean {
  const state = (tf.engine() as unknown as { state: { gradientDepth: number } }).state;
  return state.gradientDepth > 0;
}
