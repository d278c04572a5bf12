import * as tf from '@tensorflow/tfjs-core';

/**
 * A constant 0/1 matrix S (`[nOut, nIn]`, each row a list of column indices, repeats allowed)
 * applied along axis 1 of `[B, nIn]` tensors: `y[b, r] = Σ_{j ∈ row r} x[b, j]`. Gathers, scatters
 * and the assembly of sparse matrices from local blocks are all of this form.
 *
 * Computed as one gather and a sum over a fixed row width (short rows point at a zero appended
 * to x). tf.gather's own gradient needs UnsortedSegmentSum, which wasm lacks; here the gradient
 * of S is Sᵀ — another Selection — so derivatives of every order work on every backend.
 */
export class Selection {
  private readonly width: number;
  private readonly index: Int32Array;
  private readonly padded: boolean;
  /** nOut, the number of rows. */
  readonly nOut: number;
  private transposed: Selection | undefined;
  private readonly kernel: (x: tf.Tensor) => tf.Tensor;

  constructor(
    readonly nIn: number,
    rows: readonly (readonly number[])[] | { readonly table: Int32Array; readonly width: number },
  ) {
    if (Array.isArray(rows)) {
      const list = rows as readonly (readonly number[])[];
      this.width = list.reduce((w, r) => Math.max(w, r.length), 1); // no spread: rows can number millions
      this.nOut = list.length;
      this.index = new Int32Array(list.length * this.width).fill(nIn);
      (rows as readonly (readonly number[])[]).forEach((row, r) => row.forEach((j, c) => (this.index[r * this.width + c] = j)));
    } else {
      // A fixed-width table (typed, for millions of rows): entries < 0 are empty.
      const { table, width } = rows as { table: Int32Array; width: number };
      this.width = width;
      this.nOut = table.length / width;
      this.index = table.map((j) => (j < 0 ? nIn : j));
    }
    this.padded = this.index.some((j) => j === nIn);
    this.kernel = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const x = args[0] as tf.Tensor2D;
      return { value: this.forward(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => this.transpose().apply(dy as tf.Tensor2D) };
    });
  }

  /** A selection from a fixed-width table `[nOut·width]` of input indices, −1 for none (typed arrays only: for millions of rows). */
  static fromTable(nIn: number, table: Int32Array, width: number): Selection {
    return new Selection(nIn, { table, width });
  }

  /** `S x` along axis 1: `[B, nIn]` → `[B, nOut]`. Differentiable (gradient Sᵀ). */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.kernel(x) as tf.Tensor2D;
  }

  /** Sᵀ (built once, by counting: typed arrays only). */
  transpose(): Selection {
    if (this.transposed === undefined) {
      const { nIn, nOut, width, index } = this;
      const count = new Int32Array(nIn + 1);
      for (const j of index) count[j]! += 1;
      let w = 1;
      for (let j = 0; j < nIn; j++) w = Math.max(w, count[j]!);
      const table = new Int32Array(nIn * w).fill(-1);
      const fill = new Int32Array(nIn);
      for (let r = 0; r < nOut; r++) {
        for (let c = 0; c < width; c++) {
          const j = index[r * width + c]!;
          if (j < nIn) table[j * w + fill[j]!++] = r;
        }
      }
      this.transposed = Selection.fromTable(nOut, table, w);
      this.transposed.transposed = this;
    }
    return this.transposed;
  }

  private forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const batch = x.shape[0];
      const source = this.padded ? tf.pad(x, [[0, 0], [0, 1]]) : x;
      const gathered = tf.gather(source, tf.tensor1d(this.index, 'int32'), 1);
      if (this.width === 1) return gathered as tf.Tensor2D;
      return tf.sum(tf.reshape(gathered, [batch, this.nOut, this.width]), 2) as tf.Tensor2D;
    });
  }
}
