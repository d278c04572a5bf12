/**
 * @lnn/autodiff/testing — helpers for testing numerical code, for this repository and for yours:
 * tolerance comparisons, float64 finite differences, a gradient checker at orders 1–3, and a
 * check of a loss's gradient in its variables (a model's weights) against its own differences.
 * Importing it registers the same gradient rules as `@lnn/autodiff` does.
 */
import { registerGradients } from '../gradients/register-gradients';

registerGradients();

export { allClose, assertAllClose, compareClose, type AllCloseOptions, type CloseReport } from './all-close';
export { checkGradients, type CheckGradientsOptions, type OrderCheck } from './check-gradients';
export { checkVariableGradients, type CheckVariableGradientsOptions, type DirectionalCheck } from './check-variable-gradients';
export { DEFAULT_STEPS, finiteDifference, type HostScalarFn } from './finite-difference';
