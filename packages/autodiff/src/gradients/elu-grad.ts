import { exp, greater, minimum, mul, onesLike, where, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';

/**
 * Gradient rule of `Elu`, differentiable to any order: `ȳ · (x > 0 ? 1 : eˣ)`.
 *
 * tfjs's rule calls the `EluGrad` kernel, which has no gradient of its own, so a second
 * derivative of `elu` threw. The exponential is taken of `min(x, 0)` so that the branch `where`
 * discards never overflows (its zero weight would otherwise meet an infinity and give NaN).
 */
export const eluGradConfig: GradConfig = {
  kernelName: 'Elu',
  inputsToSave: ['x'],
  gradFunc: (dyIn, saved) => {
    const dy = dyIn as Tensor;
    const [x] = saved as [Tensor];
    return { x: () => mul(dy, where(greater(x, 0), onesLike(x), exp(minimum(x, 0)))) };
  },
};
