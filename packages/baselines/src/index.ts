/**
 * @lnn/baselines — the models the paper compares against, behind `@lnn/lagrangian`'s
 * `DynamicsModel` interface: trained by its `train`, rolled out by its `rollout`, saved and loaded
 * by its `saveModel` / `loadModel` (given their kinds: `loadModel(dir, { kinds: baselineKinds })`;
 * importing this package registers nothing).
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { MlpDynamics, mlpDynamicsKind, type MlpDynamicsConfig } from './mlp-dynamics';
export { NeuralOde, neuralOdeKind, type NeuralOdeConfig } from './neural-ode';
export { Hnn, hnnKind, type HnnConfig, type HnnOptions, type MomentumMode } from './hnn';
export { Delan, delanKind, type DelanConfig } from './delan';
export { baselineKinds } from './baseline-kinds';
export type { Activation, AngleTransform, SmoothActivation } from '@lnn/autodiff';
export type { BaseConfig } from './internal/config';
export type { DirectConfig } from './internal/direct-network';
export { version } from './version';
