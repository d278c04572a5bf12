/**
 * A Vite plugin that lets tfjs's threaded wasm build start in a minified bundle.
 *
 * tfjs-backend-wasm hands each pthread worker the source of its Emscripten module factory as
 * `wasmFactoryThreadedSimd.toString()`. That function reads variables of the code around it
 * (`_scriptDir`), guarded only by `typeof`; once a minifier renames or folds them (any bundle
 * minified as usual), every worker throws "… is not defined" and the backend never starts (tfjs
 * issue 4539). This plugin makes tfjs hand the workers the factory's own file, untouched
 * (`wasm-out/tfjs-backend-wasm-threaded-simd.js`, imported `?raw`), which defines the factory
 * with everything it needs. The main thread still runs the bundled copy.
 */
import type { Plugin } from 'vite';

const BACKEND_FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const FACTORY_SOURCE = /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/;
const RAW_IMPORT = "import lnnThreadedFactorySource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';\n";

/**
 * tfjs-backend-wasm's backend_wasm.js with the worker's factory source replaced by the raw file;
 * throws if the expression is not there (a tfjs version this plugin does not know).
 */
export function replaceWorkerFactorySource(code: string, id: string): string {
  if (!FACTORY_SOURCE.test(code)) {
    throw new Error(`tfjs-threaded-worker-source: ${id} no longer builds its pthread workers' source from wasmFactoryThreadedSimd.toString(); check this plugin against the installed @tensorflow/tfjs-backend-wasm.`);
  }
  return RAW_IMPORT + code.replace(FACTORY_SOURCE, 'lnnThreadedFactorySource');
}

/** The plugin (build and dev server alike). */
export function tfjsThreadedWorkerSource(): Plugin {
  return {
    name: 'lnn-tfjs-threaded-worker-source',
    enforce: 'pre',
    transform(code, id) {
      return BACKEND_FILE.test(id.split('?')[0] ?? id) ? { code: replaceWorkerFactorySource(code, id), map: null } : undefined;
    },
  };
}
