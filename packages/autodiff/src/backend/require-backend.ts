import * as tf from '@tensorflow/tfjs-core';
import { NoBackendError } from './errors';

/**
 * Throws a {@link NoBackendError} naming `where` when no tfjs backend is running or registered —
 * the mistake of forgetting `initBackend()` — instead of letting tfjs fail later with "No backend
 * found in registry". A registered but not yet started backend passes: tfjs starts it itself.
 *
 * @example
 * import { initBackend, NoBackendError, requireBackend } from '@lnn/autodiff';
 * try {
 *   requireBackend('MyModel'); // first thing in a constructor that makes tensors
 * } catch (e) {
 *   if (e instanceof NoBackendError) console.log(e.message); // names MyModel; says to call initBackend()
 * }
 * await initBackend();
 * requireBackend('MyModel'); // now passes
 */
export function requireBackend(where: string): void {
  const engine = tf.engine() as unknown as { backendName?: string | null; registryFactory?: Record<string, unknown> };
  if (engine.backendName != null) return;
  if (Object.keys(engine.registryFactory ?? {}).length > 0) return;
  throw new NoBackendError(where);
}
