import * as tf from '@tensorflow/tfjs-core';
import { checkBatchInput } from '../transforms/batched';
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
function adjointHessian(trace: JetTrace, output: Jet): tf.Tensor3D {
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
  if (terms.length === 0) return tf.zeros([batch, dim, dim]);
  return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Tensor3D;
}

/**
 * Per-sample value, gradient and Hessian of a function written with the jet primitives, in one
 * forward pass carrying first-order tangents and one adjoint pass: the fast path.
 *
 * The gradient is the output's tangent (forward mode); the Hessian is the sum, over the nonlinear
 * nodes, of `Jᵀ diag(f''(z) ⊙ δ) J`, plus the product-rule terms of `mul`. Every formula is an
 * ordinary first-order tfjs op, so training through the Hessian (third derivatives with respect
 * to the inputs, via gradients with respect to weights) needs only tfjs's first-order reverse mode.
 * Agrees with the general path `hessian(f)` to float32 rounding.
 *
 * @example
 * import { jets, jetHessian } from '@lnn/autodiff';
 * const mlp = (x) => jets.dense(jets.softplus(jets.dense(x, w1, b1)), w2);
 * const { value, gradient, hessian } = jetHessian(mlp)(x); // [B], [B, D], [B, D, D]
 */
export function jetHessian(f: JetFn): (x: tf.Tensor2D) => JetResult {
  return (x) => {
    checkBatchInput(x, 'jetHessian');
    const [batch, dim] = x.shape;
    return tf.tidy(() => {
      const trace = new JetTrace(batch, dim);
      const output = f(trace.input(x));
      if (!(output instanceof Jet) || output.trace !== trace) {
        throw new TypeError('jetHessian: f must return a Jet computed from its input by the jets primitives.');
      }
      if (output.size !== 1) {
        throw new TypeError(
          `jetHessian: f must return one feature per sample, received a jet of ${output.size}; end with jets.sum or a dense layer to 1.`,
        );
      }
      return {
        value: tf.reshape(output.value, [batch]) as tf.Tensor1D,
        gradient: tf.reshape(output.tangent, [batch, dim]) as tf.Tensor2D,
        hessian: adjointHessian(trace, output),
      };
    });
  };
}
