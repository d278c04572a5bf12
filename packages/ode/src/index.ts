/**
 * @lnn/ode — integrators on `Float64Array`, batched over many initial conditions: RK4, adaptive
 * Dormand–Prince 5(4), Störmer–Verlet and a variational integrator, behind one `solve`.
 */
export type { FirstOrderProblem, LagrangianProblem, Problem, Rhs, SecondOrderProblem } from './problem';
export { stateDim } from './problem';
export type { Integrator, IntegratorState, Step } from './integrator';
export type { ButcherTableau } from './tableau';
export { RK4 } from './tableaus/rk4';
export { DOPRI5, DOPRI5_DENSE } from './tableaus/dopri5';
export { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
export { rk4 } from './rk4';
export { dopri5 } from './dopri5';
export { verlet, type VerletState } from './verlet';
export { variational, type VariationalOptions, type VariationalState } from './variational';
export { lagrangianAcceleration, toFirstOrder } from './first-order';
export { solve, type Method, type SolveOptions, type SolveResult, type SolveStats, type TrajectoryStatus } from './solve';
export { version } from './version';
