import { engine, getGradient, type GradConfig, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';

/**
 * Input names of the tfjs kernels whose gradient rules reuse the kernel's output
 * (`outputsToSave`). The rest of a kernel's inputs are all named `x`.
 */
const INPUT_NAMES: Readonly<Record<string, readonly string[]>> = {
  Softmax: ['logits'],
  LogSoftmax: ['logits'],
  Pow: ['a', 'b'],
};

/** Rules made by {@link recomputeOutputs}, so it never wraps twice. */
const WRAPPED = new WeakSet<GradConfig>();

/**
 * Makes a kernel's gradient rule differentiable again when it reuses the kernel's output.
 *
 * Why tfjs gets these wrong: a rule with `outputsToSave` receives a clone of the output `y`, and
 * tfjs records that clone on the tape *before* the node that produced `y`. When a gradient is
 * itself differentiated, tfjs's tape walk (inputs → outputs, in recording order) therefore finds
 * no path from `x` to the clone, and drops every term that goes through it: silently wrong
 * second and third derivatives of sigmoid, tanh, exp, elu, softmax, pow, max, …
 *
 * The fix: save the inputs instead, and recompute `y = kernel(inputs)` inside the gradient. The
 * recomputation runs during the backward pass, after `x` is on the tape, so it is recorded with
 * its dependence on `x`. The rule's formula is unchanged (tfjs's own `gradFunc` is called with
 * the recomputed output), at the price of one extra forward kernel per backward use.
 *
 * @returns the wrapped rule, or `config` itself when it saves no outputs.
 */
export function recomputeOutputs(config: GradConfig): GradConfig {
  const outputsToSave = config.outputsToSave ?? [];
  if (WRAPPED.has(config) || !outputsToSave.some(Boolean)) return config;
  if (config.saveAllInputs) {
    throw new Error(`recomputeOutputs: kernel ${config.kernelName} saves all inputs; its input names are unknown.`);
  }
  const names = INPUT_NAMES[config.kernelName] ?? ['x'];
  const originalInputs = config.inputsToSave ?? [];
  const wrapped: GradConfig = {
    kernelName: config.kernelName,
    inputsToSave: [...names],
    gradFunc: (dy, saved, attrs) => {
      const inputs: NamedTensorMap = {};
      names.forEach((name, i) => {
        inputs[name] = saved[i] as Tensor;
      });
      const recomputed = engine().runKernel(config.kernelName, inputs, attrs) as Tensor | Tensor[];
      const outputs = Array.isArray(recomputed) ? recomputed : [recomputed];
      const layout = [
        ...originalInputs.map((name) => inputs[name] as Tensor),
        ...outputs.filter((_, i) => outputsToSave[i]),
      ];
      return config.gradFunc(dy, layout, attrs);
    },
  };
  WRAPPED.add(wrapped);
  return wrapped;
}

/** Whether the rule registered for `kernelName` is safe to differentiate (it saves no outputs). */
export function isHigherOrderSafe(kernelName: string): boolean {
  const config = getGradient(kernelName);
  return config != null && (WRAPPED.has(config) || !(config.outputsToSave ?? []).some(Boolean));
}
