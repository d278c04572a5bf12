/**
 * @lnn/ode — integrators on `Float64Array`, batched over many initial conditions, behind one
 * `solve(problem, y0, times, method)`. Methods are values: adaptive Dormand–Prince 5(4) and
 * Bogacki–Shampine 3(2), any embedded Butcher tableau of yours, RK4, Störmer–Verlet, a variational
 * integrator, and fixed steps of any `Integrator` of yours.
 */
export type { FirstOrderProblem, LagrangianProblem, Problem, Rhs, SecondOrderProblem } from './problem';
export { stateDim } from './problem';
export type { Integrator, IntegratorState, Step } from './integrator';
export type { ButcherTableau } from './tableau';
export { RK4 } from './tableaus/rk4';
export { DOPRI5, DOPRI5_DENSE } from './tableaus/dopri5';
export { BS23 } from './tableaus/bs23';
export { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
export { rk4Integrator } from './rk4';
export { dopri5Integrator } from './dopri5';
export { bs23Integrator } from './bs23';
export { verletIntegrator, type VerletState } from './verlet';
export { variationalIntegrator, type VariationalOptions, type VariationalState } from './variational';
export { lagrangianAcceleration, toFirstOrder } from './first-order';
export { DEFAULT_MAX_STEPS, type IntegratorFactory, type MethodRun, type SolveMethod } from './method';
export { rk4 } from './methods/rk4';
export { dopri5 } from './methods/dopri5';
export { bs23 } from './methods/bs23';
export { verlet } from './methods/verlet';
export { variational, type VariationalMethodOptions } from './methods/variational';
export { embeddedRungeKutta, type EmbeddedRungeKuttaOptions, type ResolvedEmbeddedOptions } from './methods/embedded-runge-kutta';
export { fixedStep, type FixedStepOptions } from './methods/fixed-step';
export { solve, type Method, type SolveOptions, type SolveResult, type SolveStats, type TrajectoryStatus } from './solve';
export { version } from './version';
