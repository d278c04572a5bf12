import { dopri5 } from '@lnn/ode';
import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { accelerationDataset, sampleStates, splitStates, trajectoryDataset } from './dataset';
import { decodeDataset, encodeDataset } from './dataset-io';
import { doublePendulum } from './double-pendulum';
import { relativisticDataset } from './relativistic-dataset';

const awkward = fc.oneof(fc.integer({ min: -3, max: 50 }), fc.constantFrom(0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 1e12, '3' as unknown as number, undefined as unknown as number));
const dp = doublePendulum();

describe('@lnn/systems fuzz: data generation and data-set files keep their contract', () => {
  it('accelerationDataset, sampleStates, relativisticDataset, trajectoryDataset: finite data, or a TypeError / RangeError naming the function', () => {
    fc.assert(
      fc.property(awkward, awkward, fc.constantFrom('acc', 'states', 'rel', 'traj'), fc.array(fc.double({ min: -1, max: 2 }), { maxLength: 3 }), (count, seed, which, times) => {
        const calls = {
          acc: ['accelerationDataset', () => accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState }).arrays],
          states: ['sampleStates', () => sampleStates(dp, dp.sampleTrainingState, count, seed)],
          rel: ['relativisticDataset', () => relativisticDataset({ count, seed }).arrays],
          traj: ['trajectoryDataset', () => trajectoryDataset(dp, { count, seed, sample: dp.sampleEnergyTestState, times, method: dopri5({ rtol: 1e-6, atol: 1e-6, maxSteps: 2_000 }) }).arrays],
        } as const;
        const [where, call] = calls[which];
        expectContract([where, 'solve'], call, { errors: [TypeError, RangeError], allowNaN: which === 'traj', maxMs: 5_000 });
      }),
      fuzzSettings(200),
    );
  });

  it('splitStates: two arrays, or a TypeError naming splitStates', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 12 }), awkward, (values, dof) => {
        expectContract('splitStates', () => splitStates(Float64Array.from(values), dof), { errors: [TypeError, RangeError], allowNaN: true });
      }),
      fuzzSettings(200),
    );
  });

  it('decodeDataset: a data set, or an Error naming decodeDataset — on random bytes and on damaged copies of a real file', () => {
    const real = encodeDataset(accelerationDataset(dp, { count: 3, seed: 1, sample: dp.sampleTrainingState }));
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }).map(({ at, value }) => {
        const copy = Uint8Array.from(real);
        copy[at % copy.length] = value;
        return copy;
      }),
      fc.nat({ max: real.length }).map((keep) => real.subarray(0, keep)),
      fc.json().map((text) => {
        // A well-framed file whose header is any JSON at all.
        const header = new TextEncoder().encode(text);
        const bytes = new Uint8Array(16 + header.length);
        bytes.set(real.subarray(0, 12));
        new DataView(bytes.buffer).setUint32(12, header.length, true);
        bytes.set(header, 16);
        return bytes;
      }),
    );
    fc.assert(
      fc.property(damaged, (bytes) => {
        expectContract('decodeDataset', () => decodeDataset(bytes).arrays, { errors: [Error], allowNaN: true });
      }),
      fuzzSettings(300),
    );
  });
});
