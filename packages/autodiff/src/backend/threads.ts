import { logicalCores } from './logical-cores';

/** The environment variable that sets the wasm backend's thread count when no option does. */
export const THREADS_ENV_VAR = 'LNN_THREADS';

/**
 * The most threads the wasm backend's pool can run: tfjs-backend-wasm's C side caps its XNNPACK
 * thread pool at 8 (`max_num_threads` in its backend.cc), the size of the worker pool it starts.
 */
export const MAX_WASM_THREADS = 8;

/** Where a thread count came from. */
export type ThreadsSource = 'option' | 'environment' | 'default';

/** Narrows a thread count to a positive integer, or throws a `TypeError` naming where it came from. */
export function parseThreads(value: unknown, where: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1) return n;
  throw new TypeError(`${where}: received ${JSON.stringify(value)}, expected a positive integer number of threads (1 runs the single-threaded build).`);
}

/**
 * The wasm thread count to ask for: the option, else `LNN_THREADS`, else every logical core; at
 * most {@link MAX_WASM_THREADS}.
 */
export async function resolveThreads(option: number | undefined): Promise<{ readonly threads: number; readonly source: ThreadsSource }> {
  if (option !== undefined) return { threads: Math.min(parseThreads(option, 'initBackend: options.threads'), MAX_WASM_THREADS), source: 'option' };
  const fromEnv = globalThis.process?.env?.[THREADS_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') {
    return { threads: Math.min(parseThreads(fromEnv, `initBackend: environment variable ${THREADS_ENV_VAR}`), MAX_WASM_THREADS), source: 'environment' };
  }
  return { threads: Math.min(await logicalCores(), MAX_WASM_THREADS), source: 'default' };
}
