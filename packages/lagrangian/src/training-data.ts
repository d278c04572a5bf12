import * as tf from '@tensorflow/tfjs-core';

/**
 * Supervised dynamics data: states `q`, `q̇` and target accelerations `q̈`, each `[N, d]`
 * row-major, plus optional per-sample `extra` inputs `[N, p]` — plain arrays (float64 from
 * `@lnn/systems` is fine; it is stored as float32 on the backend).
 */
export interface TrainingData {
  readonly q: ArrayLike<number>;
  readonly qdot: ArrayLike<number>;
  readonly qdd: ArrayLike<number>;
  readonly extra?: ArrayLike<number>;
  /**
   * Optional per-sample loss weights `[N]` (finite, ≥ 0, not all 0): the loss of a batch becomes
   * `Σ wᵢ·lossᵢ / Σ wᵢ`, with `lossᵢ` the sample's mean over its components — e.g. the official
   * relativistic notebook weights each sample by `1 + γ`. Without them every sample counts alike.
   */
  readonly weight?: ArrayLike<number>;
}

/** The data on the backend as one `[N, 3d + p]` tensor, for gathering batches. */
export interface PackedData {
  readonly rows: number;
  readonly table: tf.Tensor2D;
  readonly dof: number;
  readonly extraDim: number;
  /** Whether the last column holds per-sample loss weights. */
  readonly weighted: boolean;
}

/** Validates and uploads training data; throws naming the array and the expected size. */
export function packData(data: TrainingData, dof: number, extraDim: number, where: string): PackedData {
  if (data == null || typeof data !== 'object') throw new TypeError(`${where}: data must be { q, qdot, qdd, extra? }, received ${String(data)}.`);
  const rows = (data.q?.length ?? 0) / dof;
  if (!Number.isInteger(rows) || rows < 1) throw new TypeError(`${where}: data.q must hold N·${dof} numbers (N ≥ 1), received ${data.q?.length}.`);
  for (const name of ['qdot', 'qdd'] as const) {
    if (data[name]?.length !== rows * dof) throw new TypeError(`${where}: data.${name} must hold ${rows}·${dof} numbers like data.q, received ${data[name]?.length}.`);
  }
  if (extraDim > 0 && data.extra?.length !== rows * extraDim) {
    throw new TypeError(`${where}: data.extra must hold ${rows}·${extraDim} numbers (the model takes ${extraDim} extra inputs), received ${data.extra?.length}.`);
  }
  const weighted = data.weight !== undefined;
  if (weighted) {
    if (data.weight?.length !== rows) throw new TypeError(`${where}: data.weight must hold one number per sample (${rows}), received ${data.weight?.length}.`);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const w = (data.weight as ArrayLike<number>)[r] as number;
      if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`${where}: data.weight must be finite and ≥ 0, received ${w} in row ${r}.`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError(`${where}: data.weight must not be all zero.`);
  }
  const width = 3 * dof + extraDim + (weighted ? 1 : 0);
  const table = new Float32Array(rows * width);
  const parts: [ArrayLike<number>, number, number][] = [
    [data.q, 0, dof],
    [data.qdot, dof, dof],
    [data.qdd, 2 * dof, dof],
    ...(extraDim > 0 ? [[data.extra as ArrayLike<number>, 3 * dof, extraDim] as [ArrayLike<number>, number, number]] : []),
    ...(weighted ? [[data.weight as ArrayLike<number>, 3 * dof + extraDim, 1] as [ArrayLike<number>, number, number]] : []),
  ];
  for (const [array, column, count] of parts) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < count; c++) {
        const value = array[r * count + c] as number;
        if (!Number.isFinite(value)) throw new RangeError(`${where}: the data hold a non-finite value (${value}) in row ${r}; clean the data set first.`);
        table[r * width + column + c] = value;
      }
    }
  }
  return { rows, dof, extraDim, weighted, table: tf.tensor2d(table, [rows, width]) };
}

/** One batch of packed data on the backend. */
export interface Batch {
  readonly q: tf.Tensor2D;
  readonly qdot: tf.Tensor2D;
  readonly qdd: tf.Tensor2D;
  readonly extra?: tf.Tensor2D;
  /** `[B, 1]` per-sample loss weights, when the data have them. */
  readonly weight?: tf.Tensor2D;
}

/** Splits a gathered `[B, 3d + p (+ 1)]` batch into q, q̇, q̈, extra and weight. */
export function unpack(batch: tf.Tensor2D, packed: Pick<PackedData, 'dof' | 'extraDim' | 'weighted'>): Batch {
  const { dof, extraDim, weighted } = packed;
  const [q, qdot, qdd] = [0, 1, 2].map((k) => tf.slice(batch, [0, k * dof], [-1, dof]) as tf.Tensor2D) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  return {
    q,
    qdot,
    qdd,
    ...(extraDim > 0 ? { extra: tf.slice(batch, [0, 3 * dof], [-1, extraDim]) as tf.Tensor2D } : {}),
    ...(weighted ? { weight: tf.slice(batch, [0, 3 * dof + extraDim], [-1, 1]) as tf.Tensor2D } : {}),
  };
}
