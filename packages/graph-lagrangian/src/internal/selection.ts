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
  private transposed: Selection | undefined;
  private readonly kernel: (x: tf.Tensor) => tf.Tensor;

  constructor(
    readonly nIn: number,
    private readonly rows: readonly (readonly number[])[],
  ) {
    this.width = rows.reduce((w, r) => Math.max(w, r.length), 1); // no spread: rows can number millions
    this.index = new Int32Array(rows.length * this.width).fill(nIn);
    rows.forEach((row, r) => row.forEach((j, c) => (this.index[r * this.width + c] = j)));
    this.padded = rows.some((r) => r.length < this.width);
    this.kernel = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const x = args[0] as tf.Tensor2D;
      return { value: this.forward(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => this.transpose().apply(dy as tf.Tensor2D) };
    });
  }

  /** nOut, the number of rows. */
  get nOut(): number {
    return this.rows.length;
  }

  /** `S x` along axis 1: `[B, nIn]` → `[B, nOut]`. Differentiable (gradient Sᵀ). */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.kernel(x) as tf.Tensor2D;
  }

  /** Sᵀ (built once). */
  transpose(): Selection {
    if (this.transposed === undefined) {
      const columns: number[][] = Array.from({ length: this.nIn }, () => []);
      this.rows.forEach((row, r) => row.forEach((j) => columns[j]!.push(r)));
      this.transposed = new Selection(this.nOut, columns);
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
