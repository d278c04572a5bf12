import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { SolveMethod } from './method';
import { bs23 } from './methods/bs23';
import { dopri5 } from './methods/dopri5';
import { rk4 } from './methods/rk4';
import { variational } from './methods/variational';
import { verlet } from './methods/verlet';
import type { FirstOrderProblem, SecondOrderProblem } from './problem';
import { solve } from './solve';

// Any number, the awkward ones included.
const anyNumber = fc.oneof(
  fc.double({ noNaN: false, noDefaultInfinity: false }),
  fc.constantFrom(0, -0, 1, -1, 1e-300, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Linear problems y' = a·y (first order) or q̈ = a·q + c·v (second order), with any coefficients. */
const problems = fc.oneof(
  fc.record({ a: anyNumber, dim: fc.integer({ min: 1, max: 3 }) }).map(({ a, dim }): FirstOrderProblem => ({ kind: 'first-order', dim, rhs: (_t, y, dy) => y.forEach((v, i) => (dy[i] = a * v)) })),
  fc.record({ a: anyNumber, c: anyNumber, dof: fc.integer({ min: 1, max: 2 }) }).map(
    ({ a, c, dof }): SecondOrderProblem => ({ kind: 'second-order', dof, acceleration: (_t, q, v, out) => q.forEach((x, i) => (out[i] = a * x + c * (v[i] as number))) }),
  ),
);

const FACTORIES: Readonly<Record<string, (options: never) => SolveMethod>> = { rk4, dopri5, bs23, verlet, variational };
const NAMES = ['solve', ...Object.keys(FACTORIES)];

/** A factory and options for it (any fields, the awkward values included): built inside the contract. */
const methods = fc.record({
  factory: fc.constantFrom(...Object.keys(FACTORIES)),
  options: fc.record(
    {
      rtol: maybe(anyNumber),
      atol: maybe(anyNumber),
      dt: maybe(fc.oneof(anyNumber, fc.double({ min: 1e-3, max: 1, noNaN: true }))),
      adaptive: maybe(fc.boolean()),
      batching: maybe(fc.constantFrom('independent', 'shared')),
      maxSteps: maybe(fc.oneof(fc.integer({ min: -2, max: 2_000 }), fc.constantFrom(1.5, Number.NaN))),
    },
    { requiredKeys: [] },
  ),
});

/** Mostly well-formed inputs (whole states, increasing times) with awkward values, sometimes not. */
const inputs = problems.chain((problem) => {
  const dim = problem.kind === 'first-order' ? problem.dim : 2 * problem.dof;
  const value = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }, { weight: 1, arbitrary: anyNumber });
  const y0 = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 4 }).chain((b) => fc.array(value, { minLength: b * dim, maxLength: b * dim })) }, { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 9 }) });
  const times = fc.oneof(
    { weight: 8, arbitrary: fc.uniqueArray(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }).map((t) => t.sort((x, y) => x - y)) },
    { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 4 }) },
  );
  return fc.tuple(fc.constant(problem), y0, times, methods);
});

describe('@lnn/ode fuzz: solve keeps its contract under any input', () => {
  it('returns states (NaN only where a trajectory did not reach) or throws a TypeError naming solve or the method; never hangs', () => {
    const seen = { returned: 0, threw: 0 };
    fc.assert(
      fc.property(inputs, ([problem, y0, times, { factory, options }]) => {
        // The fixed-step methods are given their own fields only (an unknown one is refused at once, which the unit tests cover).
        const own = factory === 'dopri5' || factory === 'bs23' ? options : { dt: options.dt, maxSteps: options.maxSteps };
        const outcome = expectContract(NAMES, () => solve(problem, y0, times, FACTORIES[factory]!(own as never)).states, { errors: [TypeError], allowNaN: true, maxMs: 5_000 });
        seen[outcome.kind]++;
      }),
      fuzzSettings(300),
    );
    // Both sides of the contract were exercised.
    if (seen.returned < 20 || seen.threw < 20) throw new Error(`too few cases of one kind: ${JSON.stringify(seen)}`);
  });
});
