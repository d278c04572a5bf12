import { createRequire } from 'node:module';
import { CONCRETE_BACKENDS, type ConcreteBackend } from './backend-name';
import { BACKEND_PACKAGES } from './loaders';

/**
 * The backends whose packages can be found from here, best first. Finding a package does not
 * prove the backend starts (a native binary can still be missing); `initBackend` reports that.
 *
 * @example
 * import { availableBackends, initBackend } from '@lnn/autodiff';
 * for (const backend of availableBackends()) {
 *   const info = await initBackend({ backend }); // each installed one, best first
 *   console.log(info.backend); // wasm, cpu (and tensorflow when @tensorflow/tfjs-node is installed)
 * }
 */
export function availableBackends(): ConcreteBackend[] {
  const require = createRequire(import.meta.url);
  return CONCRETE_BACKENDS.filter((backend) => {
    try {
      require.resolve(BACKEND_PACKAGES[backend]);
      return true;
    } catch {
      return false;
    }
  });
}
