/**
 * @lnn/autodiff — the differentiation core of lnn, and the backend set-up every @lnn package shares.
 *
 * Importing this module registers tfjs-core's gradient rules with the engine (tfjs-core alone
 * registers none in Node), with the rules that tfjs gets wrong at higher order replaced, so
 * `tf.grad` and friends work, to third order, on whichever backend `initBackend` starts.
 */
import { registerGradients } from './gradients/register-gradients';

registerGradients();

export {
  BACKEND_ENV_VAR,
  BACKEND_NAMES,
  CONCRETE_BACKENDS,
  DEFAULT_BACKEND,
  type BackendName,
  type ConcreteBackend,
} from './backend/backend-name';
export { BackendInitError, BackendUnavailableError, NoBackendError } from './backend/errors';
export { requireBackend } from './backend/require-backend';
export { MAX_WASM_THREADS, THREADS_ENV_VAR } from './backend/threads';
export { BACKEND_PACKAGES } from './backend/loaders';
export {
  currentBackend,
  initBackend,
  type BackendInfo,
  type InitBackendOptions,
  type PassedOver,
} from './backend/init-backend';
export { availableBackends } from './backend/available-backends';
export { inPlaceViews } from './backend/in-place-views';
export { registerGradients } from './gradients/register-gradients';
export { isHigherOrderSafe } from './gradients/recompute-outputs';
export { registerTfjsGradients, tfjsGradientKernelNames } from './gradients/register-tfjs-gradients';
export type { BatchedScalarFn, BatchedVectorFn, TransformOptions } from './transforms/batched';
export { grad } from './transforms/grad';
export { valueAndGrad, type ValueAndGrad } from './transforms/value-and-grad';
export { jacobian, type JacobianOptions } from './transforms/jacobian';
export { hessian } from './transforms/hessian';
export { assertFinite } from './transforms/finite-result';
export * as jets from './jet/index';
export { Jet, JetTrace, type AdjointStep, type JetNode } from './jet/jet';
export { TransposeCache } from './jet/transpose-cache';
export { jetDirectional, jetHessian, type DirectionalJetResult, type JetFn, type JetResult } from './jet/jet-hessian';
export { layerSeed, EXTRA_INPUTS_INDEX } from './network/seeds';
export { INITIALISATIONS, glorotInitStd, initialExtraWeight, initialParameters, initialStd, initialWeight, paperInitStd, type Initialisation } from './network/initialisation';
export { ACTIVATIONS, SMOOTH_ACTIVATIONS, jetActivation, tensorActivation, type Activation, type SmoothActivation } from './network/activations';
export { ANGLE_TRANSFORMS, angleFeatureWidth, angleFeatures, angleFeaturesJet, checkAngles, type AngleTransform } from './network/angle-features';
export { mlpForward, mlpForwardJet, type MlpForwardOptions, type MlpParameters } from './network/mlp-forward';
export { Mlp, type MlpConfig } from './network/mlp';
export { solve, type SolveOptions } from './linalg/solve';
export { dampedSolve, type DampedSolveOptions } from './linalg/damped-solve';
export { pinvSolve, type PinvSolveOptions } from './linalg/pinv-solve';
export { symmetricEigenvalues } from './linalg/symmetric-eigenvalues';
export { LinalgError, type LinalgFailure } from './linalg/linalg-error';
export { SOLVER_NAMES, checkSolverOptions, type Solver, type SolverJson, type SolverName } from './linalg/solvers/solver';
export { pinv, type PinvOptions } from './linalg/solvers/pinv';
export { damped, type DampedOptions } from './linalg/solvers/damped';
export { lu } from './linalg/solvers/lu';
export { cholesky } from './linalg/solvers/cholesky';
export { solverFromJson } from './linalg/solvers/solver-from-json';
export { version } from './version';
