import * as tf from '@tensorflow/tfjs-core';
import type { ConcreteBackend } from './backend-name';
import { BackendInitError, BackendUnavailableError } from './errors';
import { importOptional } from './optional-import';
import { registerWasmKernels } from './wasm-kernels';
import { prepareWasm, type TfjsWasmPackage } from './wasm-threads';

/** What a loaded backend reports about itself. */
export interface LoadedBackend {
  /** The name tfjs registered it under (both tfjs-node flavours register `'tensorflow'`). */
  readonly tfjsName: string;
  /** wasm only: whether the SIMD build is running. */
  readonly simd?: boolean;
  /** wasm only: the threads its pool runs (1: the single-threaded build). */
  readonly threads?: number;
  /** wasm only: why fewer threads run than were asked for, when the threaded build could not start. */
  readonly threadsFallback?: string;
}

/** How to load a backend. */
export interface LoadOptions {
  /** wasm only: the threads to run (1: the single-threaded build). @default 1 */
  readonly threads?: number;
}

/** The npm package that provides each backend. */
export const BACKEND_PACKAGES: Readonly<Record<ConcreteBackend, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

function isMissingPackage(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // Node (ESM and CJS) sets a code; vite/vitest and bundlers only say so in the message.
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (module|package)|Could not resolve|Can't resolve/.test(error.message);
  return notFound && error.message.includes(packageName);
}

/**
 * How each backend's package is imported. The two embedded backends are this package's own
 * dependencies: literal specifiers, so that a bundler includes them (a browser app has no
 * `node_modules` to look in at run time). tfjs-node's are optional: a variable specifier keeps
 * bundlers from resolving them at build time.
 */
const IMPORTS: Readonly<Record<ConcreteBackend, () => Promise<unknown>>> = {
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  tensorflow: () => importOptional(BACKEND_PACKAGES.tensorflow),
  'tensorflow-gpu': () => importOptional(BACKEND_PACKAGES['tensorflow-gpu']),
};

/** Imports a backend's package, translating "not installed" into a `BackendUnavailableError`. */
async function importPackage(backend: ConcreteBackend): Promise<unknown> {
  const packageName = BACKEND_PACKAGES[backend];
  try {
    return await IMPORTS[backend]();
  } catch (error) {
    if (isMissingPackage(error, packageName)) throw new BackendUnavailableError(backend, packageName, { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackendInitError(backend, `importing ${packageName} threw: ${reason}`, { cause: error });
  }
}

async function activate(backend: ConcreteBackend, tfjsName: string): Promise<void> {
  const ok = await tf.setBackend(tfjsName);
  if (!ok) throw new BackendInitError(backend, `tf.setBackend('${tfjsName}') returned false (tfjs logged why above).`);
  await tf.ready();
}

/** The plain JS backend prints a "use tfjs-node" banner on its first write in Node: switch it off. */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu != null && 'firstUse' in cpu) cpu.firstUse = false;
}

/** Imports, registers and activates one backend. Throws `BackendUnavailableError` / `BackendInitError`. */
export async function loadBackend(backend: ConcreteBackend, options: LoadOptions = {}): Promise<LoadedBackend> {
  switch (backend) {
    case 'cpu': {
      await importPackage(backend);
      await activate(backend, 'cpu');
      silenceCpuBanner();
      return { tfjsName: 'cpu' };
    }
    case 'wasm': {
      if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') {
        throw new BackendInitError(backend, 'this JavaScript runtime has no WebAssembly.');
      }
      const wasm = (await importPackage(backend)) as TfjsWasmPackage;
      registerWasmKernels();
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      // The threaded build is SIMD only.
      const plan = simd ? await prepareWasm(wasm, options.threads ?? 1) : { fallback: 'this runtime has no WebAssembly SIMD, which the threaded build needs' };
      await activate(backend, 'wasm');
      const threads = wasm.getThreadsCount();
      return { tfjsName: 'wasm', simd, threads, ...((options.threads ?? 1) > threads && plan.fallback !== undefined ? { threadsFallback: plan.fallback } : {}) };
    }
    case 'tensorflow':
    case 'tensorflow-gpu': {
      // libtensorflow logs CPU-feature notices to stderr unless told otherwise.
      const env = globalThis.process?.env;
      if (env !== undefined) env.TF_CPP_MIN_LOG_LEVEL ??= '2';
      await importPackage(backend);
      await activate(backend, 'tensorflow');
      return { tfjsName: 'tensorflow' };
    }
  }
}
