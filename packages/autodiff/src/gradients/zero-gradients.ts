import { zeros, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';

// float32 even for bool inputs (LogicalAnd's): tfjs requires float32 gradients.
const zero = (x: Tensor) => zeros(x.shape, 'float32');

/** Comparison and logical kernels: piecewise constant, so their gradient is zero everywhere. */
const BINARY = ['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalXor'] as const;
const UNARY = ['LogicalNot'] as const;

/**
 * Zero gradient rules for the comparison and logical kernels tfjs leaves without one. They sit
 * inside other rules (masks in `where`, `max`, `min`, `pow`), so differentiating those rules again
 * crossed them and failed with "gradient function not found for Greater".
 */
export const zeroGradConfigs: readonly GradConfig[] = [
  ...BINARY.map(
    (kernelName): GradConfig => ({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => {
        const [a, b] = saved as [Tensor, Tensor];
        return { a: () => zero(a), b: () => zero(b) };
      },
    }),
  ),
  ...UNARY.map(
    (kernelName): GradConfig => ({
      kernelName,
      inputsToSave: ['x'],
      gradFunc: (_dy, saved) => ({ x: () => zero(saved[0] as Tensor) }),
    }),
  ),
];
