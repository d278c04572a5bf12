import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dopri5, rk4 } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { accelerationDataset, splitStates, trajectoryDataset } from './dataset';
import { DATASET_MAGIC, decodeDataset, encodeDataset, readDataset, writeDataset } from './dataset-io';
import { doublePendulum } from './double-pendulum';
import { createRandom } from './random';
import { relativisticDataset } from './relativistic-dataset';

const dp = doublePendulum();

describe('data sets', () => {
  it('are reproducible from their seed, and differ between seeds', () => {
    const a = accelerationDataset(dp, { count: 1000, seed: 42, sample: dp.sampleTrainingState });
    const b = accelerationDataset(dp, { count: 1000, seed: 42, sample: dp.sampleTrainingState });
    const c = accelerationDataset(dp, { count: 1000, seed: 43, sample: dp.sampleTrainingState });
    expect(a.arrays.states!.data).toEqual(b.arrays.states!.data);
    expect(a.arrays.accelerations!.data).toEqual(b.arrays.accelerations!.data);
    expect(a.arrays.states!.data).not.toEqual(c.arrays.states!.data);
    expect(a.arrays.states!.shape).toEqual([1000, 4]);
    expect(a.arrays.accelerations!.shape).toEqual([1000, 2]);
    const r1 = relativisticDataset({ count: 500, seed: 1 });
    expect(r1.arrays.g!.data).toEqual(relativisticDataset({ count: 500, seed: 1 }).arrays.g!.data);
    expect(Object.keys(r1.arrays)).toEqual(['states', 'g', 'accelerations', 'momenta']);
  });

  it("reach the paper's 600,000 double-pendulum samples", () => {
    const ds = accelerationDataset(dp, { count: 600_000, seed: 0, sample: dp.sampleTrainingState });
    expect(ds.arrays.accelerations!.data.every(Number.isFinite)).toBe(true);
  });

  it('trajectory data sets hold the true rollouts', () => {
    const ds = trajectoryDataset(dp, { count: 3, seed: 9, sample: dp.sampleEnergyTestState, times: [0, 1, 2] });
    expect(ds.arrays.states!.shape).toEqual([3, 3, 4]);
    expect(Array.from(ds.arrays.reached!.data)).toEqual([3, 3, 3]);
    expect(ds.arrays.states!.data.subarray(0, 12)).toEqual(ds.arrays.initial!.data);
    // The default method is dopri5 at 1e-10; another is passed as a value; the deprecated solver options still work.
    const options = { count: 3, seed: 9, sample: dp.sampleEnergyTestState, times: [0, 1, 2] };
    expect(Array.from(trajectoryDataset(dp, { ...options, method: dopri5({ rtol: 1e-10, atol: 1e-10 }) }).arrays.states!.data)).toEqual(Array.from(ds.arrays.states!.data));
    const rough = trajectoryDataset(dp, { ...options, method: rk4({ dt: 0.01 }) }).arrays.states!.data;
    expect(Array.from(rough)).not.toEqual(Array.from(ds.arrays.states!.data));
    // RK4's global error at h = 0.01 over t ≤ 2 (measured 5.6e-5; 1.1e-3 at h = 0.02: fourth order).
    rough.forEach((x, i) => expect(Math.abs(x - ds.arrays.states!.data[i]!)).toBeLessThan(2e-4));
    const old = trajectoryDataset(dp, { ...options, solver: { rtol: 1e-6, atol: 1e-6 } }).arrays.states!.data;
    expect(Array.from(old)).toEqual(Array.from(trajectoryDataset(dp, { ...options, method: dopri5({ rtol: 1e-6, atol: 1e-6 }) }).arrays.states!.data));
    expect(() => trajectoryDataset(dp, { ...options, method: dopri5(), solver: {} })).toThrow('trajectoryDataset: options.method and the deprecated options.solver were both given; keep only method.');
  });

  it('the generator is seeded and well spread', () => {
    const r = createRandom(123);
    const xs = Array.from({ length: 100_000 }, () => r.next());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const n = createRandom(5);
    const zs = Array.from({ length: 100_000 }, () => n.normal());
    const m = zs.reduce((s, x) => s + x, 0) / zs.length;
    const v = zs.reduce((s, x) => s + (x - m) ** 2, 0) / zs.length;
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.02);
    expect(() => createRandom(Number.NaN)).toThrow('createRandom: seed must be a finite number, received NaN.');
  });
});

describe('binary data set files', () => {
  const ds = accelerationDataset(dp, { count: 17, seed: 3, sample: dp.sampleTrainingState });

  it('round-trip exactly, with the documented layout', () => {
    const bytes = encodeDataset(ds);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(DATASET_MAGIC);
    expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(1);
    const back = decodeDataset(bytes);
    expect(back).toEqual({ ...ds, parameters: { ...ds.parameters } });
  });

  it('refuse what is not a data set, saying why', () => {
    const bytes = encodeDataset(ds);
    expect(() => decodeDataset(bytes.subarray(0, 10))).toThrow(/shorter than the 16-byte preamble/);
    const wrong = Uint8Array.from(bytes);
    wrong[0] = 88;
    expect(() => decodeDataset(wrong)).toThrow(/it starts with "XNNDATA\\u0000"/);
    const future = Uint8Array.from(bytes);
    new DataView(future.buffer).setUint32(8, 2, true);
    expect(() => decodeDataset(future)).toThrow(/format version 2, this reader knows 1/);
    expect(() => decodeDataset(bytes.subarray(0, bytes.length - 8))).toThrow(/lies outside the file/);
  });

  it('are written atomically to disk and read back', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-ds-'));
    const file = path.join(dir, 'nested', 'dp.lnnd');
    writeDataset(file, ds);
    expect(readdirSync(path.dirname(file))).toEqual(['dp.lnnd']); // no temporary left behind
    expect(readDataset(file).arrays.states!.data).toEqual(ds.arrays.states!.data);
    writeFileSync(file, readFileSync(file).subarray(0, 40)); // a truncated file is refused, not half-read
    expect(() => readDataset(file)).toThrow(/not a valid lnn data set/);
  });
});

describe('splitStates', () => {
  it('splits [N, 2d] rows into q and q̇, and names a length that is not whole rows', () => {
    const { q, qdot } = splitStates(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2);
    expect(Array.from(q)).toEqual([1, 2, 5, 6]);
    expect(Array.from(qdot)).toEqual([3, 4, 7, 8]);
    expect(() => splitStates(new Float64Array(6), 2)).toThrow(/splitStates: states must hold N·4 numbers, received 6/);
  });
});
