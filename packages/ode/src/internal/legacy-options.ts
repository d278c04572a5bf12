import type { SolveMethod } from '../method';
import { dopri5 } from '../methods/dopri5';
import { rk4 } from '../methods/rk4';
import { variational } from '../methods/variational';
import { verlet } from '../methods/verlet';
import type { SolveOptions } from '../solve';

/**
 * The one mapping of the deprecated options object (`{ method: 'dopri5', rtol, … }`) to a method
 * value: each method gets the fields it read (the others were ignored, and still are), so that the
 * old and the new form run the same arithmetic.
 */
export function methodFromOptions(options: SolveOptions): SolveMethod {
  const { method = 'dopri5', rtol, atol, dt, adaptive, batching, maxSteps, newton } = options;
  const step = { dt: dt as number, maxSteps };
  switch (method) {
    case 'rk4':
      return rk4(step);
    case 'verlet':
      return verlet(step);
    case 'variational':
      return variational({ ...step, newton });
    case 'dopri5':
      return dopri5({ rtol, atol, dt, adaptive, batching, maxSteps });
    default:
      throw new TypeError(`solve: options.method must be 'rk4', 'dopri5', 'verlet' or 'variational' (deprecated: pass a method value, e.g. dopri5({ rtol, atol })), received ${JSON.stringify(method)}.`);
  }
}
