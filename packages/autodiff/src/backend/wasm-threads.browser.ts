import * as tf from '@tensorflow/tfjs-core';
import type { TfjsWasmPackage, WasmThreadsPlan } from './wasm-threads';

/** tfjs's flag that picks its threaded build in browsers (true where the page is cross-origin isolated). */
const MULTITHREAD_FLAG = 'WASM_HAS_MULTITHREAD_SUPPORT';
/** The flag as tfjs detected it, before this module first set it. */
let detected: boolean | undefined;

/**
 * The browser build's `prepareWasm`. One thread: tfjs's single-threaded SIMD build, even where the
 * page could run the threaded one. More: tfjs's own factory starts its threaded build where the
 * page is cross-origin isolated (COOP/COEP headers), else its single-threaded one; its C side
 * sizes the pool at half of `navigator.hardwareConcurrency` whatever is asked. (The Node build
 * starts the threaded build itself, see `wasm-threads.ts`.)
 */
export async function prepareWasm(wasm: TfjsWasmPackage, threads: number): Promise<WasmThreadsPlan> {
  detected ??= (await tf.env().getAsync(MULTITHREAD_FLAG)) === true;
  tf.env().set(MULTITHREAD_FLAG, threads > 1 && detected);
  wasm.setThreadsCount(threads);
  return {};
}
