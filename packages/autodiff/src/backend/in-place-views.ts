import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's `BackendWasm` used here. */
interface WasmBackend {
  refCount(dataId: tf.DataId): number;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * Float32Array views of float32 tensors' data where they live, for an update done in place on the
 * host — an optimiser step, say, fused into one loop instead of a dozen kernels per variable — or
 * `undefined` when that is not possible: on a backend whose memory the host does not own (only
 * wasm's heap qualifies), for a tensor that is not float32 or is disposed, or when a tensor to
 * write shares its data with another tensor (a clone), which writing would change too.
 *
 * The views (those of `write`, then those of `read`) are valid until the next tensor operation,
 * which may grow and move the heap. Writing through one changes that tensor in place: use them
 * only on tensors you own and no kernel has cached — an optimiser's moments, or fresh outputs to
 * `assign` to the variables afterwards. Never write a tensor a matMul has multiplied by: wasm
 * keeps a matMul's right operand packed in a cache under its data, and would go on using the old
 * values.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, inPlaceViews } from '@lnn/autodiff';
 * await initBackend({ backend: 'wasm' });
 * const lr = 0.1;
 * const variable = tf.variable(tf.tensor1d([1, 2, 3]));
 * const gradient = tf.tensor1d([1, 1, 1]);
 * const next = tf.zerosLike(variable);
 * const views = inPlaceViews([next], [variable, gradient]);
 * if (views !== undefined) {
 *   const [out, v, g] = views;
 *   for (let i = 0; i < v.length; i++) out[i] = v[i] - lr * g[i];
 *   variable.assign(next);
 * }
 * next.dispose();
 * console.log(variable.dataSync()); // ≈ [0.9, 1.9, 2.9]
 */
export function inPlaceViews(write: readonly tf.Tensor[], read: readonly tf.Tensor[] = []): Float32Array[] | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackend;
  if (typeof backend.typedArrayFromHeap !== 'function' || typeof backend.refCount !== 'function') return undefined;
  for (const t of [...write, ...read]) if (t.isDisposed || t.dtype !== 'float32') return undefined;
  for (const t of write) if (backend.refCount(t.dataId) !== 1) return undefined;
  // Views only after every check: nothing here allocates, so none goes stale before it is used.
  return [...write, ...read].map((t) => backend.typedArrayFromHeap(t));
}
