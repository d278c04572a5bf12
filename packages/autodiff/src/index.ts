/**
 * @lnn/autodiff — the differentiation core of lnn, and the backend set-up every @lnn package shares.
 *
 * Importing this module registers tfjs-core's gradient rules with the engine (tfjs-core alone
 * registers none in Node), so `tf.grad` and friends work on whichever backend `initBackend` starts.
 */
import { registerTfjsGradients } from './gradients/register-tfjs-gradients';

registerTfjsGradients();

export {
  BACKEND_ENV_VAR,
  BACKEND_NAMES,
  CONCRETE_BACKENDS,
  DEFAULT_BACKEND,
  type BackendName,
  type ConcreteBackend,
} from './backend/backend-name';
export { BackendInitError, BackendUnavailableError } from './backend/errors';
export { BACKEND_PACKAGES } from './backend/loaders';
export {
  currentBackend,
  initBackend,
  type BackendInfo,
  type InitBackendOptions,
  type PassedOver,
} from './backend/init-backend';
export { availableBackends } from './backend/available-backends';
export { registerTfjsGradients, tfjsGradientKernelNames } from './gradients/register-tfjs-gradients';
export { version } from './version';
