import * as tf from '@tensorflow/tfjs-core';
import { checkBatchInput, type TransformOptions } from '../transforms/batched';
import { checked } from '../transforms/finite-result';
import { Jet, JetTrace } from './jet';

/** Per-sample value `[B]`, gradient `[B, D]` and Hessian `[B, D, D]`. */
export interface JetResult {
  readonly value: tf.Tensor1D;
  readonly gradient: tf.Tensor2D;
  readonly hessian: tf.Tensor3D;
}

/** A function written with jet primitives: input jet (`[B, D]`) to a jet of one feature. */
export type JetFn = (x: Jet) => Jet;

/**
 * Runs the adjoint pass over a trace: δ flows from the output back through every node in reverse,
 * and each nonlinear node adds its `Jᵀ diag(f''(z) ⊙ δ) J` (products their symmetric cross term).
 */
function adjointPass(trace: JetTrace, output: Jet): { hessian: tf.Tensor3D; deltas: Map<number, tf.Tensor> } {
  const deltas = new Map<number, tf.Tensor>([[output.id, tf.onesLike(output.value)]]);
  const terms: tf.Tensor[] = [];
  for (let i = trace.nodes.length - 1; i >= 0; i--) {
    const node = trace.nodes[i]!;
    const delta = deltas.get(node.output.id);
    if (delta === undefined) continue; // does not reach the output
    const step = node.adjoint(delta as tf.Tensor2D);
    if (step.hessian !== undefined) terms.push(step.hessian);
    node.inputs.forEach((input, k) => {
      const d = step.deltas[k];
      if (d === undefined) return;
      const previous = deltas.get(input.id);
      deltas.set(input.id, previous === undefined ? d : tf.add(previous, d));
    });
  }
  const { batch, dim } = trace;
  const hessian = (terms.length === 0 ? tf.zeros([batch, dim, dim]) : terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Tensor3D;
  return { hessian, deltas };
}

function checkOutput(output: Jet, trace: JetTrace, where: string): void {
  if (!(output instanceof Jet) || output.trace !== trace) {
    throw new TypeError(`${where}: f must return a Jet computed from its input by the jets primitives.`);
  }
  if (output.size !== 1) {
    throw new TypeError(
      `${where}: f must return one feature per sample, received a jet of ${output.size}; end with jets.sum or a dense layer to 1.`,
    );
  }
}

/**
 * Per-sample value, gradient and Hessian of a function written with the jet primitives, in one
 * forward pass carrying first-order tangents and one adjoint pass: the fast path.
 *
 * The gradient is the output's tangent (forward mode); the Hessian is the sum, over the nonlinear
 * nodes, of `Jᵀ diag(f''(z) ⊙ δ) J`, plus the product-rule terms of `mul`. Every formula is an
 * ordinary first-order tfjs op, so training through the Hessian (third derivatives with respect
 * to the inputs, via gradients with respect to weights) needs only tfjs's first-order reverse mode.
 * Agrees with the general path `hessian(f)` to float32 rounding. x must be finite; a result that
 * overflows float32 is a RangeError, never a silent NaN or ±Infinity.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jetHessian, jets, type Jet } from '@lnn/autodiff';
 * await initBackend();
 * const [w1, b1] = [tf.randomNormal([3, 8], 0, 1, 'float32', 1) as tf.Tensor2D, tf.zeros([8]) as tf.Tensor1D];
 * const w2 = tf.randomNormal([8, 1], 0, 1, 'float32', 2) as tf.Tensor2D;
 * const mlp = (x: Jet) => jets.dense(jets.softplus(jets.dense(x, w1, b1)), w2);
 * const x = tf.randomNormal([5, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
 * const { value, gradient, hessian } = jetHessian(mlp)(x);
 * console.log(value.shape, gradient.shape, hessian.shape); // [5] [5, 3] [5, 3, 3]
 */
export function jetHessian(f: JetFn, options: TransformOptions = {}): (x: tf.Tensor2D) => JetResult {
  return (x) => {
    checkBatchInput(x, 'jetHessian', options.checkFinite);
    const [batch, dim] = x.shape;
    const result = tf.tidy(() => {
      const trace = new JetTrace(batch, dim);
      const output = f(trace.input(x));
      checkOutput(output, trace, 'jetHessian');
      return {
        value: tf.reshape(output.value, [batch]) as tf.Tensor1D,
        gradient: tf.reshape(output.tangent, [batch, dim]) as tf.Tensor2D,
        hessian: adjointPass(trace, output).hessian,
      };
    });
    return checked('jetHessian', result, [result.value, result.gradient, result.hessian], options.checkFinite);
  };
}

/** Per-sample value, full gradient, and first and second derivatives along chosen directions. */
export interface DirectionalJetResult {
  readonly value: tf.Tensor1D;
  /** ∇f, `[B, n]` (from the adjoint pass). */
  readonly gradient: tf.Tensor2D;
  /** `sᵢ·∇f` for each direction, `[B, D]`. */
  readonly directional: tf.Tensor2D;
  /** `sᵢᵀ H sⱼ`, `[B, D, D]`. */
  readonly hessian: tf.Tensor3D;
}

/**
 * Like {@link jetHessian}, but carries tangents along D chosen input directions `S` (`[B, D, n]`)
 * instead of all n unit vectors, and returns the projected Hessian `S H Sᵀ` with the full
 * gradient. Costs scale with D, so when only some blocks or products of the Hessian are needed —
 * the Euler–Lagrange equation needs `H_vv` and `H_vq q̇`, i.e. d + 1 directions out of 2d — this
 * does proportionally less work.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jetDirectional, jets, type Jet } from '@lnn/autodiff';
 * await initBackend();
 * // L(q, q̇) = ½ q̇² (1 + q²) for one coordinate: x = [q, q̇]
 * const lagrangian = (x: Jet) => jets.scale(jets.mul(jets.square(jets.slice(x, 1, 1)), jets.add(jets.square(jets.slice(x, 0, 1)), 1)), 0.5);
 * const x = tf.tensor2d([[0.5, 2]]);
 * // H_vv and H_vq·q̇ of L(q, q̇) in one pass: directions e_v and (q̇, 0)
 * const directions = tf.tensor3d([[[0, 1], [2, 0]]]);
 * const r = jetDirectional(lagrangian)(x, directions);
 * console.log(r.hessian.arraySync()); // [[[H_vv, H_vq·q̇], [H_vq·q̇, q̇ H_qq q̇]]] = [[[1.25, 4], [4, 16]]]
 */
export function jetDirectional(f: JetFn, options: TransformOptions = {}): (x: tf.Tensor2D, directions: tf.Tensor3D) => DirectionalJetResult {
  return (x, directions) => {
    checkBatchInput(x, 'jetDirectional', options.checkFinite);
    const [batch, n] = x.shape;
    if (directions == null || directions.rank !== 3 || directions.shape[0] !== batch || directions.shape[2] !== n || directions.shape[1] === 0) {
      throw new TypeError(
        `jetDirectional: directions must have shape [${batch}, D, ${n}] with D ≥ 1, received ${directions == null ? String(directions) : `[${directions.shape.join(', ')}]`}.`,
      );
    }
    const dim = directions.shape[1] as number;
    const result = tf.tidy(() => {
      const trace = new JetTrace(batch, dim);
      const input = trace.input(x, directions);
      const output = f(input);
      checkOutput(output, trace, 'jetDirectional');
      const { hessian, deltas } = adjointPass(trace, output);
      const delta = deltas.get(input.id);
      return {
        value: tf.reshape(output.value, [batch]) as tf.Tensor1D,
        gradient: (delta === undefined ? tf.zeros([batch, n]) : delta) as tf.Tensor2D,
        directional: tf.reshape(output.tangent, [batch, dim]) as tf.Tensor2D,
        hessian,
      };
    });
    return checked('jetDirectional', result, [result.value, result.gradient, result.directional, result.hessian], options.checkFinite);
  };
}
