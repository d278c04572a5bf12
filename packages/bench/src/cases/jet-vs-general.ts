import * as tf from '@tensorflow/tfjs-core';
import { hessian, initialParameters, jetHessian, mlpForward, mlpForwardJet, type Jet } from '@lnn/autodiff';
import { timePair, type Timing } from '../timing';

/** Options of {@link jetVsGeneral}. */
export interface JetVsGeneralOptions {
  /** @default [4, 500, 500, 500, 1] (the paper's double-pendulum network) */
  readonly widths?: readonly number[];
  /** @default 32 */
  readonly batch?: number;
  /** @default 15 */
  readonly repetitions?: number;
  /** @default 0 */
  readonly seed?: number;
}

/** The four timings, and the jet path's speed-up over the general path for each task. */
export interface JetVsGeneralResult {
  readonly widths: readonly number[];
  readonly batch: number;
  readonly hessian: { readonly jet: Timing; readonly general: Timing; readonly speedup: number };
  readonly weightGradient: { readonly jet: Timing; readonly general: Timing; readonly speedup: number };
}

/** The softplus MLP with weights `w` and biases `b` on plain tensors, `[B, n₀]` → `[B]` (the general path differentiates this). */
const mlpTensor = (w: readonly tf.Tensor[], b: readonly tf.Tensor[]) => (x: tf.Tensor2D) => tf.reshape(mlpForward({ weights: w as tf.Tensor2D[], biases: b as tf.Tensor1D[] }, x), [-1]) as tf.Tensor1D;

/** The same MLP on a jet (the fast path). */
const mlpJet = (w: readonly tf.Tensor[], b: readonly tf.Tensor[]) => (x: Jet) => mlpForwardJet({ weights: w as tf.Tensor2D[], biases: b as tf.Tensor1D[] }, x);

/**
 * Times one per-sample Hessian of a softplus MLP (`@lnn/autodiff`'s network block, the paper's
 * initialisation), and one gradient of a loss of that Hessian with respect to all weights (the
 * third-order step that LNN training takes), by the jet path and by the general path
 * (`jacobian(grad(f))`), in the same run on the current backend.
 */
export function jetVsGeneral(options: JetVsGeneralOptions = {}): JetVsGeneralResult {
  const { widths = [4, 500, 500, 500, 1], batch = 32, repetitions = 15, seed = 0 } = options;
  const { weights, biases } = initialParameters(widths, 'paper', seed);
  const x = tf.randomNormal([batch, widths[0] as number], 0, 1, 'float32', seed + 99) as tf.Tensor2D;
  const params = [...weights, ...biases.slice(0, -1)]; // the output bias does not reach the Hessian
  const lastBias = biases[biases.length - 1] as tf.Tensor1D;
  const split = (ps: tf.Tensor[]) => ({ w: ps.slice(0, weights.length), b: [...ps.slice(weights.length), lastBias] });

  const jetHess = () => jetHessian(mlpJet(weights, biases))(x).hessian;
  const generalHess = () => hessian(mlpTensor(weights, biases))(x);
  const loss = (h: tf.Tensor) => tf.mean(tf.square(h));
  const jetStep = () =>
    tf.grads((...ps: tf.Tensor[]) => {
      const { w, b } = split(ps);
      return loss(jetHessian(mlpJet(w, b))(x).hessian);
    })(params);
  const generalStep = () =>
    tf.grads((...ps: tf.Tensor[]) => {
      const { w, b } = split(ps);
      return loss(hessian(mlpTensor(w, b))(x));
    })(params);

  const run = (make: () => tf.Tensor | tf.Tensor[]) => () => {
    const out = tf.tidy(make);
    for (const t of Array.isArray(out) ? out : [out]) t.dataSync();
    tf.dispose(out);
  };
  // Jet and general runs alternate, so machine noise slows both alike.
  const h = timePair(run(jetHess), run(generalHess), repetitions);
  const g = timePair(run(jetStep), run(generalStep), repetitions);
  tf.dispose([x, ...weights, ...biases]);
  return {
    widths,
    batch,
    hessian: { jet: h.a, general: h.b, speedup: h.ratio },
    weightGradient: { jet: g.a, general: g.b, speedup: g.ratio },
  };
}
