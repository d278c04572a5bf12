import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's `BackendWasm` used here. */
interface WasmBackend {
  /** Counts one more reference to the data. */
  incRef(dataId: tf.DataId): void;
  /** Allocates an output on the wasm heap. */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view (no copy) of a tensor's data on the wasm heap; stale once the heap grows. */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Inputs = { x: tf.TensorInfo };

/** Shares x's data instead of copying it (x's count of references goes up, as `Reshape` does). */
function share(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  (backend as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * `Slice` reading its input in place. tfjs-backend-wasm's kernel first copies the whole input off
 * the heap (`readSync`), then copies the slice out of that copy: slicing one direction out of a
 * `[256, 3, 128]` tangent cost 0.25 ms. This one copies only the slice, run by run along the last
 * axis, straight from a heap view.
 */
function slice(args: Parameters<tf.KernelFunc>[0], original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { x } = args.inputs as Inputs;
  if (x.dtype === 'string') return original(args);
  const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
  const [start, extent] = tf.slice_util.parseSliceParams(x as tf.TensorInfo as tf.Tensor, begin, size) as [number[], number[]];
  // As the cpu backend does (the wasm kernel does not): a slice past the input's end is an error,
  // not a read of whatever lies beyond it on the heap.
  tf.slice_util.assertParamsValid(x, start, extent);
  const backend = args.backend as WasmBackend;
  // Allocate first: growing the heap makes earlier views stale.
  const out = backend.makeOutput(extent, x.dtype);
  const count = tf.util.sizeFromShape(extent);
  if (count === 0) return out;
  const input = backend.typedArrayFromHeap(x);
  const output = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  if (rank === 0 || tf.slice_util.isSliceContinous(x.shape, start, extent)) {
    const offset = rank === 0 ? 0 : tf.slice_util.computeFlatOffset(start, strides);
    output.set(input.subarray(offset, offset + count));
    return out;
  }
  const run = extent[rank - 1] as number;
  const index = new Array<number>(rank - 1).fill(0);
  for (let written = 0; written < count; written += run) {
    let from = start[rank - 1] as number;
    for (let axis = 0; axis < rank - 1; axis++) from += ((start[axis] as number) + (index[axis] as number)) * (strides[axis] as number);
    if (run < 16) for (let i = 0; i < run; i++) output[written + i] = input[from + i] as number;
    else output.set(input.subarray(from, from + run), written);
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis] = (index[axis] as number) + 1;
      if ((index[axis] as number) < (extent[axis] as number)) break;
      index[axis] = 0;
    }
  }
  return out;
}

let registered = false;

/**
 * Replaces three wasm kernels that copy more than they need: {@link slice}, and two that copy
 * data they could share: `Identity`, and `Cast` to the dtype a tensor already has. tfjs clones every input it saves for a gradient (Identity) and
 * tfjs's gradient rules cast float32 to float32 freely: 211 Identity and 41 Cast kernels in one
 * training step of the quick double-pendulum LNN, each a full copy on wasm. Shared data is safe
 * because tensors are immutable (a `Variable.assign` swaps the data, it does not write into it):
 * the cpu backend's Identity shares the same way. Other casts, and string tensors, go to the
 * original kernels. Registered once; the kernels outlive any restart of the wasm backend.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  const identity = tf.getKernel('Identity', 'wasm');
  const cast = tf.getKernel('Cast', 'wasm');
  const sliceKernel = tf.getKernel('Slice', 'wasm');
  if (identity === undefined || cast === undefined || sliceKernel === undefined) return;
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
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({ ...sliceKernel, kernelFunc: (args) => slice(args, sliceKernel.kernelFunc) });
}
