import * as tf from '@tensorflow/tfjs-core';

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
 * A value together with its first derivatives with respect to the D inputs of a trace:
 * `value` is `[B, n]`, `tangent` is `∂value/∂x`, `[B, D, n]`. Jets are made by the primitives in
 * `jets` (dense, softplus, mul, …), each of which records how to run its adjoint, so that
 * `jetHessian` can add up the Hessian after one forward pass.
 */
export class Jet {
  readonly id: number;
  constructor(
    readonly value: tf.Tensor2D,
    readonly tangent: tf.Tensor3D,
    readonly trace: JetTrace,
  ) {
    this.id = trace.nextId();
  }

  /** n, the number of features. */
  get size(): number {
    return this.value.shape[1];
  }

  /** B, the batch size. */
  get batch(): number {
    return this.value.shape[0];
  }
}

/** The record of one jet computation: its input dimension and the primitives in order. */
export class JetTrace {
  readonly nodes: JetNode[] = [];
  private ids = 0;

  constructor(
    /** B */
    readonly batch: number,
    /** D, the number of inputs derivatives are taken with respect to. */
    readonly dim: number,
  ) {}

  /**
   * The input jet: value `x` (`[B, n]`) and tangent the identity (`n = D`), or the given
   * `directions` (`[B, D, n]`), whose rows are the input directions derivatives are taken along.
   */
  input(x: tf.Tensor2D, directions?: tf.Tensor3D): Jet {
    if (directions !== undefined) return new Jet(x, directions, this);
    const eye = tf.reshape(tf.eye(this.dim), [1, this.dim, this.dim]);
    return new Jet(x, tf.tile(eye, [this.batch, 1, 1]) as tf.Tensor3D, this);
  }

  nextId(): number {
    return this.ids++;
  }

  /** Makes the output jet of a primitive and records its adjoint. */
  record(value: tf.Tensor, tangent: tf.Tensor, inputs: readonly Jet[], adjoint: JetNode['adjoint']): Jet {
    const output = new Jet(value as tf.Tensor2D, tangent as tf.Tensor3D, this);
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

/** Sums a δ of `[B, m]` back to `[B, n]` when the input had one feature broadcast over m. */
export function unbroadcastDelta(delta: tf.Tensor, size: number): tf.Tensor {
  return size === 1 && delta.shape[1] !== 1 ? tf.sum(delta, 1, true) : delta;
}
