/**
 * @lnn/baselines — the models the paper compares against, behind `@lnn/lagrangian`'s
 * `DynamicsModel` interface: trained by its `train`, rolled out by its `rollout`, saved and loaded
 * by its `saveModel` / `loadModel` (importing this package registers the kinds).
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { MlpDynamics, type MlpDynamicsConfig } from './mlp-dynamics';
export { NeuralOde, type NeuralOdeConfig } from './neural-ode';
export { Hnn, type HnnConfig, type HnnOptions, type MomentumMode } from './hnn';
export { Delan, type DelanConfig } from './delan';
export type { Activation, AngleTransform, SmoothActivation } from '@lnn/autodiff';
export type { BaseConfig } from './internal/config';
export type { DirectConfig } from './internal/direct-network';
export { version } from './version';
