import { describe, expect, it } from 'vitest';
import { dampedDoublePendulum } from './damped-double-pendulum';
import { accelerationDataset } from './dataset';
import { doublePendulum } from './double-pendulum';
import { drivenPendulum } from './driven-pendulum';
import { forcedAccelerationDataset, uniformInput } from './forced-dataset';
import type { NonConservativeSystem } from './non-conservative-system';

const pendulum = drivenPendulum({ m: 1.2, l: 0.7, g: 9.8, b: 0.3 });
const ddp = dampedDoublePendulum({ b1: 0.2, b2: 0.4 });

describe('forcedAccelerationDataset', () => {
  it('extends the acceleration data set with times, inputs and forces; the states are those of accelerationDataset with the same seed', () => {
    const ds = forcedAccelerationDataset(pendulum, { count: 2000, seed: 5, sample: pendulum.sampleState, sampleInput: uniformInput(-2, 1), time: [10, 20] });
    const plain = accelerationDataset(pendulum, { count: 2000, seed: 5, sample: pendulum.sampleState });
    expect(ds.kind).toBe('accelerations');
    expect(Object.fromEntries(Object.entries(ds.arrays).map(([k, a]) => [k, a.shape]))).toEqual({ states: [2000, 2], times: [2000], inputs: [2000, 1], forces: [2000, 1], accelerations: [2000, 1] });
    expect(ds.arrays.states!.data).toEqual(plain.arrays.states!.data);
    const { states, times, inputs, forces, accelerations } = ds.arrays as Record<string, { data: Float64Array }>;
    const out = new Float64Array(1);
    let [lowU, highU, lowT, highT] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let b = 0; b < 2000; b++) {
      const u = inputs!.data[b]!;
      [lowU, highU, lowT, highT] = [Math.min(lowU, u), Math.max(highU, u), Math.min(lowT, times!.data[b]!), Math.max(highT, times!.data[b]!)];
      expect(forces!.data[b]).toBe(u); // Q = u
      pendulum.forcedAcceleration(times!.data[b]!, states!.data.subarray(2 * b, 2 * b + 1), states!.data.subarray(2 * b + 1, 2 * b + 2), [u], out);
      expect(accelerations!.data[b]).toBe(out[0]);
    }
    expect(lowU >= -2 && lowU < -1.9 && highU < 1 && highU > 0.9).toBe(true);
    expect(lowT >= 10 && lowT < 10.1 && highT < 20 && highT > 19.9).toBe(true);
    // The input is not ignored: accelerations differ from the unforced ones by u/(m l²).
    for (let b = 0; b < 20; b++) expect(Math.abs(accelerations!.data[b]! - plain.arrays.accelerations!.data[b]! - inputs!.data[b]! / (1.2 * 0.7 * 0.7))).toBeLessThan(1e-12);
  });

  it('for a system without controls it is accelerationDataset plus zero forces (t = 0)', () => {
    const ds = forcedAccelerationDataset(ddp, { count: 500, seed: 1, sample: ddp.sampleTrainingState });
    const plain = accelerationDataset(ddp, { count: 500, seed: 1, sample: ddp.sampleTrainingState });
    expect(ds.arrays.accelerations!.data).toEqual(plain.arrays.accelerations!.data);
    expect(ds.arrays.inputs!.shape).toEqual([500, 0]);
    expect(ds.arrays.forces!.data.every((x) => x === 0) && ds.arrays.times!.data.every((x) => x === 0)).toBe(true);
    expect(forcedAccelerationDataset(ddp, { count: 500, seed: 2, sample: ddp.sampleTrainingState }).arrays.states!.data).not.toEqual(ds.arrays.states!.data);
  });

  it('names bad arguments', () => {
    const where = 'forcedAccelerationDataset';
    const base = { count: 10, seed: 0, sample: pendulum.sampleState, sampleInput: uniformInput(-1, 1) };
    expect(() => forcedAccelerationDataset(pendulum, { ...base, sampleInput: undefined })).toThrow(`${where}: options.sampleInput is required, the system 'driven-pendulum' has 1 control input(s) (e.g. sampleInput: uniformInput(-1, 1)).`);
    expect(() => forcedAccelerationDataset(pendulum, { ...base, time: [2, 1] })).toThrow(`${where}: options.time must be [t0, t1], finite with t0 ≤ t1, received [2,1].`);
    expect(() => forcedAccelerationDataset(pendulum, { ...base, count: -1 })).toThrow(`${where}: options.count must be an integer ≥ 1, received -1.`);
    expect(() => forcedAccelerationDataset(doublePendulum() as unknown as NonConservativeSystem, base)).toThrow(`${where}: system must be a NonConservativeSystem (with forcedAcceleration), received double-pendulum.`);
    expect(() => forcedAccelerationDataset(pendulum, { ...base, sampleInput: (_r, _t, u) => u.fill(Number.NaN) })).toThrow(/forcedAccelerationDataset: sample 0 \(state \[.*\], t = 0, u = \[NaN\]\) gives a non-finite force or acceleration; check the samplers\./);
    expect(() => uniformInput(1, -1)).toThrow('uniformInput: low and high must be finite numbers with low ≤ high, received 1 and -1.');
  });
});
