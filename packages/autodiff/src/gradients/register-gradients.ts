import { getGradient, registerGradient } from '@tensorflow/tfjs-core';
import { batchMatMulGradConfig } from './batch-mat-mul-grad';
import { eluGradConfig } from './elu-grad';
import { powGradConfig } from './pow-grad';
import { recomputeOutputs } from './recompute-outputs';
import { registerTfjsGradients, tfjsGradientKernelNames } from './register-tfjs-gradients';
import { zeroGradConfigs } from './zero-gradients';

/**
 * Registers every gradient rule `@lnn/autodiff` relies on; idempotent, and called on import and
 * by `initBackend`:
 * 1. tfjs-core's own rules, for kernels that have none (tfjs-core registers none in Node);
 * 2. `Pow`, `Elu` and `BatchMatMul` replaced by this package's rules (differentiable to any
 *    order; explicit transposes instead of the matMul flags that are slow on wasm), and zero rules
 *    for the comparison and logical kernels that tfjs's own rules use as masks;
 * 3. every other rule that reuses its kernel's output made differentiable again by recomputing
 *    that output (Sigmoid, Tanh, Exp, Elu, Softmax, LogSoftmax, Max, Min, MaxPool, LRN, …), which
 *    also repairs rules built on them (Softplus's rule uses Sigmoid).
 *
 * Not repairable by a rule: ops that tfjs builds with `customGrad` and whose custom gradient saves
 * the op's output — `tf.logSoftmax` is the one in common use. Its third derivative is wrong; write
 * `tf.sub(x, tf.logSumExp(x, -1, true))` instead when you need higher derivatives.
 *
 * Call it again if another library (for example `@tensorflow/tfjs`) registered tfjs's rules after
 * `@lnn/autodiff` was imported.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, registerGradients } from '@lnn/autodiff';
 * registerGradients(); // again, after importing a library (e.g. @tensorflow/tfjs) that registers its own rules
 * await initBackend();
 * const third = tf.grad(tf.grad(tf.grad((x) => tf.sum(tf.tanh(x)))));
 * console.log(third(tf.tensor1d([0.5])).dataSync()); // tanh‴(0.5) ≈ −0.565
 */
export function registerGradients(): void {
  registerTfjsGradients();
  for (const config of [powGradConfig, batchMatMulGradConfig, eluGradConfig]) {
    if (getGradient(config.kernelName) !== config) registerGradient(config);
  }
  for (const config of zeroGradConfigs) {
    if (getGradient(config.kernelName) == null) registerGradient(config);
  }
  for (const kernelName of tfjsGradientKernelNames()) {
    const config = getGradient(kernelName);
    if (config == null) continue;
    const safe = recomputeOutputs(config);
    if (safe !== config) registerGradient(safe);
  }
}
