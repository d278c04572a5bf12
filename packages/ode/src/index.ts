/**
 * @lnn/ode — integrators on `Float64Array`.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { version } from './version';
