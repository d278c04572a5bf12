/**
 * Jet primitives: write a function once with these and `jetHessian` gives its value, gradient and
 * Hessian in one forward and one adjoint pass. Use them for networks, analytic Lagrangians and
 * graph densities alike.
 */
export { add, mul, neg, scale, sub, type Constant } from './arithmetic';
export { dense } from './dense';
export { cos, exp, log, pow, sigmoid, sin, softplus, sqrt, square, tanh } from './elementwise';
export { sum } from './reduce';
export { concat, slice } from './structure';
