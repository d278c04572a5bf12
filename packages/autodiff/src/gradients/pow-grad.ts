import {
  backend_util,
  cast,
  greater,
  log,
  mul,
  onesLike,
  pow,
  reshape,
  scalar,
  sub,
  sum,
  where,
  zerosLike,
  type GradConfig,
  type Tensor,
} from '@tensorflow/tfjs-core';

/** Sums `grad` over the axes along which `shape` was broadcast, back to `shape`. */
function unbroadcast(grad: Tensor, shape: number[], outShape: number[]): Tensor {
  const axes = backend_util.getReductionAxes(shape, outShape);
  return reshape(axes.length > 0 ? sum(grad, axes) : grad, shape);
}

/**
 * Gradient rule of `Pow` (`y = a^b`), differentiable to any order.
 *
 * tfjs's rule reuses the saved output `y` (lost at higher order, see recompute-outputs.ts) and
 * takes `log(a)` for every `a` before masking the result with `where(a > 0, …, 0)`; a second
 * derivative then multiplies the mask's zero by `1/a = ∞` where `a ≤ 0` and returns NaN. Here
 * `y` is recomputed from `a` and `b`, and the logarithm is taken of `where(a > 0, a, 1)`, so the
 * masked branch has finite derivatives of every order. Values are those of tfjs's rule.
 */
export const powGradConfig: GradConfig = {
  kernelName: 'Pow',
  inputsToSave: ['a', 'b'],
  gradFunc: (dyIn, saved) => {
    const dy = dyIn as Tensor;
    const [a, b] = saved as [Tensor, Tensor];
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    return {
      a: () => {
        const exponent = cast(b, 'float32');
        const da = mul(dy, mul(exponent, pow(a, sub(exponent, scalar(1)))));
        return unbroadcast(da, a.shape, outShape);
      },
      b: () => {
        const positive = greater(a, 0);
        const logA = where(positive, log(where(positive, a, onesLike(a))), zerosLike(a));
        const db = mul(dy, mul(pow(a, b), logA));
        return unbroadcast(db, b.shape, outShape);
      },
    };
  },
};
