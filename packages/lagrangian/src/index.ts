/**
 * @lnn/lagrangian — the Lagrangian Neural Network.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { version } from './version';
