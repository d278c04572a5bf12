import { backend_util, matMul, reshape, sum, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { matMulAT, matMulBT, transposeLast } from '../internal/mat-mul-transposed';

/** `op(x) = xᵀ` (last two axes) when `t`, else `x`: an explicit transpose, never a matMul flag. */
function maybeT(x: Tensor, t: boolean): Tensor {
  return t ? transposeLast(x) : x;
}

/** Sums a gradient over the batch axes that `shape` was broadcast along, back to `shape`. */
function unbroadcastBatch(grad: Tensor, shape: number[]): Tensor {
  if (grad.rank === shape.length && grad.shape.every((n, i) => n === shape[i])) return grad;
  const batch = shape.slice(0, -2);
  const gradBatch = grad.shape.slice(0, -2);
  const lead = gradBatch.length - batch.length;
  const aligned = [...new Array<number>(lead).fill(1), ...batch];
  const axes = backend_util.getReductionAxes(aligned, gradBatch);
  return reshape(axes.length > 0 ? sum(grad, axes) : grad, shape);
}

/** Whether a and b have the same batch axes (no broadcasting between them). */
function sameBatch(a: Tensor, b: Tensor): boolean {
  return a.rank === b.rank && a.shape.slice(0, -2).every((n, i) => n === b.shape[i]);
}

/**
 * Gradient rule of `BatchMatMul` that multiplies only untransposed operands.
 *
 * tfjs's rule calls `matMul` with `transposeA` / `transposeB` set, which the wasm backend runs
 * about 13× slower than an explicit `transpose` followed by a plain `matMul`. This rule computes
 * the same products — for `y = op(a)·op(b)`: `ā = op⁻¹(ȳ·op(b)ᵀ)`, `b̄ = op⁻¹(op(a)ᵀ·ȳ)` — with
 * explicit transposes, choosing which operands to transpose by size (`matMulBT`, `matMulAT`),
 * and also sums over broadcast batch axes (tfjs's rule returns a gradient of the broadcast shape
 * there, which tfjs then rejects).
 */
export const batchMatMulGradConfig: GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dyIn, saved, attrs) => {
    const dy = dyIn as Tensor;
    const [a, b] = saved as [Tensor, Tensor];
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    return {
      a: () => {
        // d op(a) = dy · op(b)ᵀ; a = op⁻¹ of that.
        const opB = maybeT(b, transposeB);
        const dOpA = sameBatch(dy, opB) ? matMulBT(dy, opB) : matMul(dy, transposeLast(opB));
        return unbroadcastBatch(maybeT(dOpA, transposeA), a.shape);
      },
      b: () => {
        const opA = maybeT(a, transposeA);
        const dOpB = sameBatch(opA, dy) ? matMulAT(opA, dy) : matMul(transposeLast(opA), dy);
        return unbroadcastBatch(maybeT(dOpB, transposeB), b.shape);
      },
    };
  },
};
