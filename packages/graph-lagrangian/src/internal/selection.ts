import * as tf from '@tensorflow/tfjs-core';

/** Rows of one width: which output rows, and their `[rows·width]` input indices (nIn = the appended zero). */
interface Bucket {
  readonly rows: Int32Array;
  readonly width: number;
  readonly index: Int32Array;
}

/**
 * A constant 0/1 matrix S (`[nOut, nIn]`, each row a list of column indices, repeats allowed)
 * applied along axis 1 of `[B, nIn]` tensors: `y[b, r] = Σ_{j ∈ row r} x[b, j]`. Gathers, scatters
 * and the assembly of sparse matrices from local blocks are all of this form.
 *
 * Computed as gathers and sums over fixed row widths (short rows point at a zero appended to x).
 * Rows are grouped by length into power-of-two widths, so that a few long rows (a mesh node's
 * diagonal entry, summed from all its edges) do not pad every row to their length: the work and
 * memory stay within 2× the entries. tf.gather's own gradient needs UnsortedSegmentSum, which wasm
 * lacks; here the gradient of S is Sᵀ — another Selection — so derivatives of every order work on
 * every backend. Typed arrays only: millions of rows fit.
 */
export class Selection {
  /** nOut, the number of rows. */
  readonly nOut: number;
  /** Compressed rows: row r's inputs are `entries[offsets[r] … offsets[r + 1])`. */
  private readonly offsets: Int32Array;
  private readonly entries: Int32Array;
  private readonly buckets: readonly Bucket[];
  /** Where each output row sits in the buckets' concatenated results (undefined: in order). */
  private readonly order: Int32Array | undefined;
  private readonly padded: boolean;
  private transposed: Selection | undefined;
  private readonly kernel: (x: tf.Tensor) => tf.Tensor;

  constructor(
    readonly nIn: number,
    rows: readonly (readonly number[])[] | { readonly table: Int32Array; readonly width: number } | { readonly offsets: Int32Array; readonly entries: Int32Array },
  ) {
    if (Array.isArray(rows)) {
      const list = rows as readonly (readonly number[])[];
      this.offsets = new Int32Array(list.length + 1);
      list.forEach((row, r) => (this.offsets[r + 1] = this.offsets[r]! + row.length));
      this.entries = new Int32Array(this.offsets[list.length]!);
      list.forEach((row, r) => this.entries.set(row, this.offsets[r]!));
    } else if ('table' in rows) {
      // A fixed-width table: entries < 0 are empty.
      const { table, width } = rows;
      const count = table.length / width;
      this.offsets = new Int32Array(count + 1);
      for (let r = 0; r < count; r++) {
        let n = 0;
        for (let c = 0; c < width; c++) if (table[r * width + c]! >= 0) n++;
        this.offsets[r + 1] = this.offsets[r]! + n;
      }
      this.entries = new Int32Array(this.offsets[count]!);
      let at = 0;
      for (const j of table) if (j >= 0) this.entries[at++] = j;
    } else {
      ({ offsets: this.offsets, entries: this.entries } = rows as { offsets: Int32Array; entries: Int32Array });
    }
    this.nOut = this.offsets.length - 1;
    ({ buckets: this.buckets, order: this.order, padded: this.padded } = bucketsOf(this.offsets, this.entries, nIn));
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
      const { nIn, nOut, offsets, entries } = this;
      const start = new Int32Array(nIn + 1);
      for (const j of entries) start[j + 1]! += 1;
      for (let j = 0; j < nIn; j++) start[j + 1]! += start[j]!;
      const fill = start.slice(0, nIn);
      const list = new Int32Array(entries.length);
      for (let r = 0; r < nOut; r++) for (let x = offsets[r]!; x < offsets[r + 1]!; x++) list[fill[entries[x]!]!++] = r;
      this.transposed = new Selection(nOut, { offsets: start, entries: list });
      this.transposed.transposed = this;
    }
    return this.transposed;
  }

  private forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const batch = x.shape[0];
      const source = this.padded ? tf.pad(x, [[0, 0], [0, 1]]) : x;
      const parts = this.buckets.map(({ rows, width, index }) => {
        const gathered = tf.gather(source, tf.tensor1d(index, 'int32'), 1);
        return width === 1 ? gathered : tf.sum(tf.reshape(gathered, [batch, rows.length, width]), 2);
      });
      const joined = (parts.length === 1 ? parts[0]! : tf.concat(parts, 1)) as tf.Tensor2D;
      return this.order === undefined ? joined : (tf.gather(joined, tf.tensor1d(this.order, 'int32'), 1) as tf.Tensor2D);
    });
  }
}

/** Rows grouped by power-of-two width (empty rows in the width-1 bucket, pointing at the zero). */
function bucketsOf(offsets: Int32Array, entries: Int32Array, nIn: number): { buckets: Bucket[]; order: Int32Array | undefined; padded: boolean } {
  const nOut = offsets.length - 1;
  const widthOf = (r: number) => {
    const n = offsets[r + 1]! - offsets[r]!;
    let w = 1;
    while (w < n) w *= 2;
    return w;
  };
  const counts = new Map<number, number>();
  for (let r = 0; r < nOut; r++) counts.set(widthOf(r), (counts.get(widthOf(r)) ?? 0) + 1);
  const widths = [...counts.keys()].sort((a, b) => a - b);
  const buckets = widths.map((width) => ({ rows: new Int32Array(counts.get(width)!), width, index: new Int32Array(counts.get(width)! * width).fill(nIn) }));
  const byWidth = new Map(widths.map((w, b) => [w, b]));
  const fill = new Int32Array(widths.length);
  const base = new Int32Array(widths.length);
  for (let b = 1; b < widths.length; b++) base[b] = base[b - 1]! + buckets[b - 1]!.rows.length;
  const order = new Int32Array(nOut);
  let padded = false;
  for (let r = 0; r < nOut; r++) {
    const b = byWidth.get(widthOf(r))!;
    const bucket = buckets[b]!;
    const at = fill[b]!++;
    bucket.rows[at] = r;
    bucket.index.set(entries.subarray(offsets[r]!, offsets[r + 1]!), at * bucket.width);
    if (offsets[r + 1]! - offsets[r]! < bucket.width) padded = true;
    order[r] = base[b]! + at;
  }
  return { buckets, order: buckets.length === 1 ? undefined : order, padded };
}
