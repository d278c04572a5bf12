import { createRequire } from 'node:module';
import { CONCRETE_BACKENDS, type ConcreteBackend } from './backend-name';
import { BACKEND_PACKAGES } from './loaders';

/**
 * The backends whose packages can be found from here, best first. Finding a package does not
 * prove the backend starts (a native binary can still be missing); `initBackend` reports that.
 *
 * @example
 * for (const backend of availableBackends()) await initBackend({ backend });
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
