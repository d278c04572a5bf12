/**
 * @lnn/graph-lagrangian — Lagrangian graph networks in linear time.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { version } from './version';
