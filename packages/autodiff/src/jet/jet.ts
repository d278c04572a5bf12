import * as tf from '@tensorflow/tfjs-core';
import { matMulBT } from '../internal/mat-mul-transposed';

/** What a primitive's adjoint step returns for its inputs, given δ of its output. */
export interface AdjointStep {
  /** δ of each input (`[B, nᵢ]`), in the order of the node's inputs; undefined for no contribution. */
  readonly deltas: readonly (tf.Tensor | undefined)[];
  /** This node's term of the Hessian with respect to the trace's inputs, `[B, D, D]`. */
  readonly hessian?: tf.Tensor;
}

/** One recorded primitive. */
export interface JetNode {
  readonly output: Jet;
  readonly inputs: readonly Jet[];
  /** The node's adjoint: δ of the output (`[B, n]`) to δ of the inputs plus a Hessian term. */
  readonly adjoint: (delta: tf.Tensor2D) => AdjointStep;
}

/**
 * A value together with its first derivatives along the D input directions of a trace, stored as
 * one stacked tensor `[B, 1 + D, n]`: row 0 is the value, rows 1…D the tangents. Keeping them
 * together lets a dense layer push the value and all tangents through ONE matMul (and its
 * gradient through one), which measured a third faster than separate products. `value`
 * (`[B, n]`) and `tangent` (`[B, D, n]`) are views made on demand. Jets are made by the
 * primitives in `jets` (dense, softplus, mul, …), each of which records how to run its adjoint,
 * so that `jetHessian` can add up the Hessian after one forward pass.
 */
export class Jet {
  readonly id: number;
  private valueView?: tf.Tensor2D;
  private tangentView?: tf.Tensor3D;

  constructor(
    /** `[B, 1 + D, n]`: value in row 0, tangents below. */
    readonly stacked: tf.Tensor3D,
    readonly trace: JetTrace,
  ) {
    this.id = trace.nextId();
  }

  /** The value, `[B, n]`. */
  get value(): tf.Tensor2D {
    this.valueView ??= tf.reshape(tf.slice(this.stacked, [0, 0, 0], [this.batch, 1, this.size]), [this.batch, this.size]) as tf.Tensor2D;
    return this.valueView;
  }

  /** The tangents `∂value/∂x · sᵢ` along the trace's directions, `[B, D, n]`. */
  get tangent(): tf.Tensor3D {
    this.tangentView ??= tf.slice(this.stacked, [0, 1, 0], [this.batch, this.trace.dim, this.size]) as tf.Tensor3D;
    return this.tangentView;
  }

  /** n, the number of features. */
  get size(): number {
    return this.stacked.shape[2];
  }

  /** B, the batch size. */
  get batch(): number {
    return this.stacked.shape[0];
  }
}

/** The record of one jet computation: its input dimension and the primitives in order. */
export class JetTrace {
  readonly nodes: JetNode[] = [];
  private ids = 0;
  private masks?: { value: tf.Tensor3D; tangent: tf.Tensor3D };

  constructor(
    /** B */
    readonly batch: number,
    /** D, the number of directions derivatives are taken along. */
    readonly dim: number,
  ) {}

  /**
   * The input jet: value `x` (`[B, n]`) and tangent the identity (`n = D`), or the given
   * `directions` (`[B, D, n]`), whose rows are the input directions derivatives are taken along.
   */
  input(x: tf.Tensor2D, directions?: tf.Tensor3D): Jet {
    const tangent = directions ?? (tf.tile(tf.reshape(tf.eye(this.dim), [1, this.dim, this.dim]), [this.batch, 1, 1]) as tf.Tensor3D);
    return new Jet(tf.concat([tf.expandDims(x, 1), tangent], 1) as tf.Tensor3D, this);
  }

  nextId(): number {
    return this.ids++;
  }

  /** `[1, 1 + D, 1]` masks selecting the value row and the tangent rows. */
  rowMasks(): { value: tf.Tensor3D; tangent: tf.Tensor3D } {
    if (this.masks === undefined) {
      const rows = Array.from({ length: 1 + this.dim }, (_, i) => (i === 0 ? 1 : 0));
      const value = tf.tensor3d(rows, [1, 1 + this.dim, 1]);
      this.masks = { value, tangent: tf.sub(1, value) as tf.Tensor3D };
    }
    return this.masks;
  }

  /** A stacked tensor whose value row is `value` (`[B, n]` or broadcastable) and tangent rows those of `rows`. */
  combine(value: tf.Tensor, rows: tf.Tensor): tf.Tensor3D {
    const { value: vMask, tangent: tMask } = this.rowMasks();
    return tf.add(tf.mul(vMask, overInputs(value)), tf.mul(tMask, rows)) as tf.Tensor3D;
  }

  /** Makes the output jet of a primitive and records its adjoint. */
  record(stacked: tf.Tensor, inputs: readonly Jet[], adjoint: JetNode['adjoint']): Jet {
    const output = new Jet(stacked as tf.Tensor3D, this);
    this.nodes.push({ output, inputs, adjoint });
    return output;
  }
}

/** Throws unless every jet belongs to one trace; returns that trace. */
export function sameTrace(where: string, ...jets: Jet[]): JetTrace {
  const [first] = jets;
  if (first === undefined || !(first instanceof Jet)) {
    throw new TypeError(`${where}: expected a Jet, received ${String(first)}.`);
  }
  for (const j of jets) {
    if (!(j instanceof Jet)) throw new TypeError(`${where}: expected a Jet, received ${String(j)}.`);
    if (j.trace !== first.trace) {
      throw new Error(`${where}: the jets come from different jetHessian calls; a jet cannot cross into another.`);
    }
  }
  return first.trace;
}

/** `[B, n]` → `[B, 1, n]`, to scale a tangent `[B, D, n]` feature-wise (scalars pass through). */
export function overInputs(t: tf.Tensor): tf.Tensor {
  return t.rank === 0 ? t : tf.expandDims(t, 1);
}

/**
 * `Jᵀ diag(w) K` per sample from stacked jets (`[B, 1+D, n]`): the tangent block of
 * `(A ⊙ w) Bᵀ`, `[B, D, D]`; `w` is `[B, n]` (or broadcastable).
 */
export function weightedGram(a: Jet, w: tf.Tensor, b: Jet = a): tf.Tensor3D {
  const { batch, dim } = a.trace;
  const full = matMulBT(tf.mul(a.stacked, overInputs(w)), b.stacked);
  return tf.slice(full, [0, 1, 1], [batch, dim, dim]) as tf.Tensor3D;
}

/** Sums a δ of `[B, m]` back to `[B, n]` when the input had one feature broadcast over m. */
export function unbroadcastDelta(delta: tf.Tensor, size: number): tf.Tensor {
  return size === 1 && delta.shape[1] !== 1 ? tf.sum(delta, 1, true) : delta;
}
