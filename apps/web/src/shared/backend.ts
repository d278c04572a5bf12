/**
 * Starts the tfjs backend of a page: `@lnn/autodiff`'s `initBackend` (wasm with SIMD by default,
 * threaded where the page is cross-origin isolated), with the wasm binaries bundled by Vite and
 * handed to tfjs by URL. `?backend=cpu|webgl` and `?threads=N` in the page's address choose
 * otherwise, to compare (webgl is not one of initBackend's: the page registers it itself).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import plainWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import { parseBackendChoice, type BackendChoice } from './backend-choice';

/** What a page runs on, in words (shown on every page and read by the browser test). */
export interface PageBackend {
  readonly choice: BackendChoice;
  readonly description: string;
}

let wasmPathsSet = false;

function describeWasm(info: { simd?: boolean; threads?: number }): string {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const threaded = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = info.threads ?? 1;
  const build = threaded ? `threaded build, ${threads} thread${threads === 1 ? '' : 's'}` : 'single-threaded build';
  return `wasm (${info.simd === true ? 'SIMD' : 'no SIMD'}, ${build}${isolated ? '' : '; page not cross-origin isolated'})`;
}

/**
 * Starts the backend asked for by `search` (a page's `location.search`), else wasm.
 *
 * @example
 * const { description } = await startPageBackend(location.search);
 */
export async function startPageBackend(search: string): Promise<PageBackend> {
  const { backend: choice, threads } = parseBackendChoice(search);
  if (!wasmPathsSet) {
    // Imported here, not at the top: @lnn/autodiff imports the package lazily too, so it stays one chunk loaded on demand.
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths({ 'tfjs-backend-wasm.wasm': plainWasm, 'tfjs-backend-wasm-simd.wasm': simdWasm, 'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm });
    wasmPathsSet = true;
  }
  if (choice === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
    if (!(await tf.setBackend('webgl'))) throw new Error("startPageBackend: tf.setBackend('webgl') returned false: this browser has no usable WebGL.");
    await tf.ready();
    return { choice, description: 'webgl' };
  }
  const info = await initBackend({ backend: choice, ...(threads === undefined ? {} : { threads }) });
  return { choice, description: info.backend === 'wasm' ? describeWasm(info) : info.backend };
}
