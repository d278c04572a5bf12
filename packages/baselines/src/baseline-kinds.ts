import type { ModelKind } from '@lnn/lagrangian';
import { delanKind } from './delan';
import { hnnKind } from './hnn';
import { mlpDynamicsKind } from './mlp-dynamics';
import { neuralOdeKind } from './neural-ode';

/**
 * The four baselines' kinds, for `loadModel(dir, { kinds: baselineKinds })`: `mlp-dynamics`,
 * `neural-ode`, `hnn`, `delan`. Frozen: extend it by spreading, `[...baselineKinds, myKind]`.
 *
 * @example
 * import { baselineKinds } from '@lnn/baselines';
 * console.log(baselineKinds.map((k) => k.kind)); // [ 'mlp-dynamics', 'neural-ode', 'hnn', 'delan' ]
 */
export const baselineKinds: readonly ModelKind[] = Object.freeze([mlpDynamicsKind, neuralOdeKind, hnnKind, delanKind]);
