import * as tf from '@tensorflow/tfjs-core';
import type { ConcreteBackend } from './backend-name';
import { BackendInitError, BackendUnavailableError } from './errors';

/** What a loaded backend reports about itself. */
export interface LoadedBackend {
  /** The name tfjs registered it under (both tfjs-node flavours register `'tensorflow'`). */
  readonly tfjsName: string;
  /** wasm only: whether the SIMD build is running. */
  readonly simd?: boolean;
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

/** Imports a backend's package, translating "not installed" into a `BackendUnavailableError`. */
async function importPackage(backend: ConcreteBackend): Promise<void> {
  const packageName = BACKEND_PACKAGES[backend];
  try {
    // A variable specifier keeps bundlers from resolving optional packages at build time.
    const specifier: string = packageName;
    await import(specifier);
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
export async function loadBackend(backend: ConcreteBackend): Promise<LoadedBackend> {
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
      await importPackage(backend);
      // Node has no browser workers, so tfjs-backend-wasm runs its single-threaded build there.
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      await activate(backend, 'wasm');
      return { tfjsName: 'wasm', simd };
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
