import { getGradient, registerGradient } from '@tensorflow/tfjs-core';
import { tfjsGradConfigs } from 'virtual:tfjs-gradient-configs';

/**
 * Registers tfjs-core's own gradient rules with the engine, for every kernel that has none yet.
 *
 * tfjs-core registers no gradients by itself, and its `register_all_gradients` module cannot be
 * loaded by plain Node; `@lnn/autodiff` ships the rules in its own build and calls this when it is
 * imported, so `tf.grad` works after `import '@lnn/autodiff'`. Rules registered before (by
 * `@tensorflow/tfjs`, or by this package's corrected higher-order rules) are left in place.
 *
 * @returns the number of rules registered by this call (0 when all were already present).
 * @example
 * import { registerTfjsGradients, tfjsGradientKernelNames } from '@lnn/autodiff';
 * const added = registerTfjsGradients(); // idempotent: safe to call again
 * console.log(added, tfjsGradientKernelNames().length > 100); // 0 (importing @lnn/autodiff registered them) true
 */
export function registerTfjsGradients(): number {
  let registered = 0;
  for (const config of tfjsGradConfigs) {
    if (getGradient(config.kernelName) == null) {
      registerGradient(config);
      registered += 1;
    }
  }
  return registered;
}

/** Names of the kernels whose gradient rules tfjs-core defines (and this package ships). */
export function tfjsGradientKernelNames(): readonly string[] {
  return tfjsGradConfigs.map((config) => config.kernelName);
}
