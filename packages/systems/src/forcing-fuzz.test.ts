import { dopri5 } from '@lnn/ode';
import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { dampedDoublePendulum } from './damped-double-pendulum';
import { drivenPendulum } from './driven-pendulum';
import { forcedAccelerationDataset, uniformInput } from './forced-dataset';
import { positionTrajectories } from './position-trajectories';
import { compileSignal, piecewise, randomSinusoids, sinusoid } from './signal';

const awkward = fc.oneof(fc.integer({ min: -3, max: 30 }), fc.constantFrom(0, 0.05, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 1e12, '3' as unknown as number, undefined as unknown as number));
const pendulum = drivenPendulum();
const ddp = dampedDoublePendulum();

describe('@lnn/systems fuzz: forced systems, positions-only data and signals keep their contract', () => {
  it('positionTrajectories and forcedAccelerationDataset: finite data, or an error naming the function', () => {
    fc.assert(
      fc.property(awkward, awkward, awkward, awkward, awkward, fc.constantFrom('pos', 'pos-driven', 'acc'), (count, dt, steps, noise, seed, which) => {
        const method = dopri5({ rtol: 1e-8, atol: 1e-8, maxSteps: 2_000 });
        const calls = {
          pos: ['positionTrajectories', () => positionTrajectories(ddp, { count, dt, steps, noise, seed, sample: ddp.sampleTrainingState, method })],
          'pos-driven': ['positionTrajectories', () => positionTrajectories(pendulum, { count, dt, steps, noise, seed, sample: pendulum.sampleState, method, input: sinusoid({ amplitude: 1.5, frequency: 2 / 3 }) })],
          acc: ['forcedAccelerationDataset', () => forcedAccelerationDataset(pendulum, { count, seed, sample: pendulum.sampleState, sampleInput: uniformInput(-1, 1), time: [0, Math.abs(dt) || 0] }).arrays],
        } as const;
        const [where, call] = calls[which];
        expectContract([where, 'solve', 'forcedProblem'], call, { errors: [TypeError, RangeError, Error], maxMs: 5_000 });
      }),
      fuzzSettings(150),
    );
  });

  it('signals: a finite function of time, or an error naming the constructor', () => {
    fc.assert(
      fc.property(awkward, awkward, awkward, fc.constantFrom('sin', 'piece', 'random'), (a, b, c, which) => {
        const calls = {
          sin: ['sinusoid', () => compileSignal(sinusoid({ amplitude: a, frequency: b, phase: c }))(1.5)],
          piece: ['piecewise', () => compileSignal(piecewise({ breaks: [a, b], pieces: [sinusoid({ amplitude: 1, frequency: 1 }), sinusoid({ amplitude: 1, frequency: 2 }), sinusoid({ amplitude: 1, frequency: 3 })] }))(c)],
          random: ['randomSinusoids', () => compileSignal(randomSinusoids({ seed: a, terms: b, amplitude: c, frequency: [0, 1] }))(2)],
        } as const;
        const [where, call] = calls[which];
        expectContract([where, 'compileSignal'], call, { errors: [TypeError, RangeError] });
      }),
      fuzzSettings(300),
    );
  });
});
