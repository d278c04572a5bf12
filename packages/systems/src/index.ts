/**
 * @lnn/systems — ground-truth physics in float64.
 *
 * The public API is the explicit list below; internals live in `src/internal/`.
 */
export { version } from './version';
