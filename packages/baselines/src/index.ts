/**
 * @lnn/baselines — the models the paper compares against.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { version } from './version';
