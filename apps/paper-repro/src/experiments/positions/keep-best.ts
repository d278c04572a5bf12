import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel } from '@lnn/lagrangian';

/** What {@link keepBest} reports at the end. */
export interface KeptWeights {
  /** The step whose weights were kept (the lowest validation loss), and that loss. */
  readonly step: number;
  readonly loss: number;
}

/**
 * Keep-best in memory: `check(step)` scores the model (`score`, on validation data) and copies
 * its weights when the score is the lowest so far; `finish()` puts the best copy back (unless the
 * last check was the best) and frees it. A non-finite score never wins.
 */
export function keepBest(model: DynamicsModel, score: () => number) {
  let best: { step: number; loss: number; weights: tf.Tensor[] } | undefined;
  let last = -1;
  return {
    check(step: number): void {
      const loss = score();
      last = step;
      if (!Number.isFinite(loss) || (best !== undefined && loss >= best.loss)) return;
      best?.weights.forEach((w) => w.dispose());
      best = { step, loss, weights: model.variables.map((v) => tf.clone(v)) };
    },
    finish(): KeptWeights | undefined {
      if (best === undefined) return undefined;
      const { step, loss, weights } = best;
      if (step !== last) model.variables.forEach((v, i) => v.assign(weights[i]!));
      weights.forEach((w) => w.dispose());
      best = undefined;
      return { step, loss };
    },
  };
}
