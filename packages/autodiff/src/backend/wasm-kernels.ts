import * as tf from '@tensorflow/tfjs-core';

/** A backend that counts references to its data (tfjs-backend-wasm's `BackendWasm` does). */
interface RefCountingBackend {
  incRef(dataId: tf.DataId): void;
}

type Inputs = { x: tf.TensorInfo };

/** Shares x's data instead of copying it (x's count of references goes up, as `Reshape` does). */
function share(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  (backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

let registered = false;

/**
 * Replaces two wasm kernels that copy data they could share: `Identity`, and `Cast` to the
 * dtype a tensor already has. tfjs clones every input it saves for a gradient (Identity) and
 * tfjs's gradient rules cast float32 to float32 freely: 211 Identity and 41 Cast kernels in one
 * training step of the quick double-pendulum LNN, each a full copy on wasm. Shared data is safe
 * because tensors are immutable (a `Variable.assign` swaps the data, it does not write into it):
 * the cpu backend's Identity shares the same way. Other casts, and string tensors, go to the
 * original kernels. Registered once; the kernels outlive any restart of the wasm backend.
 */
export function registerWasmSharingKernels(): void {
  if (registered) return;
  const identity = tf.getKernel('Identity', 'wasm');
  const cast = tf.getKernel('Cast', 'wasm');
  if (identity === undefined || cast === undefined) return;
  registered = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...identity,
    kernelFunc: (args) => {
      const { x } = args.inputs as Inputs;
      return x.dtype === 'string' ? identity.kernelFunc(args) : share(x, args.backend);
    },
  });
  tf.unregisterKernel('Cast', 'wasm');
  tf.registerKernel({
    ...cast,
    kernelFunc: (args) => {
      const { x } = args.inputs as Inputs;
      const { dtype } = args.attrs as unknown as { dtype: tf.DataType };
      return x.dtype === dtype && dtype !== 'string' ? share(x, args.backend) : cast.kernelFunc(args);
    },
  });
}
