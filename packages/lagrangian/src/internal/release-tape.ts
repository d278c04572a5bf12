import * as tf from '@tensorflow/tfjs-core';

interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: tf.Tensor[] }[] | null;
}

/**
 * After an exception thrown inside `tf.variableGrads`' forward pass, tfjs-core (4.x) leaves the
 * tensors its tape saved for the backward pass alive (kept clones, out of every `tidy`): this
 * disposes them. A no-op while a gradient is still being recorded, or when nothing is left.
 */
export function releaseTape(): void {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  if (state.gradientDepth !== 0 || state.activeTape == null) return;
  for (const node of state.activeTape) tf.dispose(node.saved ?? []);
  state.activeTape = null;
}
