import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { rollout, type DynamicsModel } from '@lnn/lagrangian';
import { dopri5, rk4 } from '@lnn/ode';
import { assertAllClose } from '@lnn/autodiff/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress, type Progress } from '../progress';
import { rolloutWithProgress } from './rollout-with-progress';

beforeAll(async () => {
  await initBackend();
});

/** Oscillators q̈ = −k q with k each trajectory's extra input; k < 0 grows like e^{√−k t}. */
const oscillators: DynamicsModel = {
  kind: 'oscillators',
  dof: 1,
  extraDim: 1,
  variables: [],
  config: {},
  dispose: () => undefined,
  accelerations: (q, _qdot, extra) => tf.neg(tf.mul(q, extra as tf.Tensor2D)) as tf.Tensor2D,
};

/** A progress reporter that records each task's total and updates. */
function recording(): Progress & { tasks: { total: number; updates: number[]; finished: string | undefined }[] } {
  const tasks: { total: number; updates: number[]; finished: string | undefined }[] = [];
  return {
    tasks,
    log() {},
    task(_label, total) {
      const record = { total, updates: [] as number[], finished: undefined as string | undefined };
      tasks.push(record);
      return { update: (done) => record.updates.push(done), finish: (detail) => (record.finished = detail) };
    },
  };
}

describe('rolloutWithProgress', () => {
  const times = Float64Array.from({ length: 21 }, (_, i) => i * 0.25);
  const y0 = Float64Array.from([1, 0, 0.5, 0, -1, 0.2]);
  const k = Float64Array.from([1, 4, 0.25]);

  it('with one RK4 segment gives exactly what rollout gives; in segments it follows the analytic solution, and the bar reaches the end', () => {
    const whole = rollout(oscillators, y0, times, rk4({ dt: 0.01 }), { extra: k });
    const one = rolloutWithProgress(silentProgress, 'oscillators', oscillators, y0, times, rk4({ dt: 0.01 }), { extra: k, segments: 1 });
    expect(Array.from(one.states)).toEqual(Array.from(whole.states));
    expect(one.status).toEqual(['success', 'success', 'success']);

    const progress = recording();
    const segmented = rolloutWithProgress(progress, 'oscillators', oscillators, y0, times, dopri5({ rtol: 1e-9, atol: 1e-9, maxSteps: 10_000 }), { extra: k, segments: 6 });
    const exact = Float64Array.from({ length: times.length * 3 * 2 }, (_, i) => {
      const [t, b, c] = [Math.floor(i / 6), Math.floor((i % 6) / 2), i % 2];
      const [q0, v0, w] = [y0[2 * b] as number, y0[2 * b + 1] as number, Math.sqrt(k[b] as number)];
      const time = times[t] as number;
      return c === 0 ? q0 * Math.cos(w * time) + (v0 / w) * Math.sin(w * time) : -q0 * w * Math.sin(w * time) + v0 * Math.cos(w * time);
    });
    assertAllClose(segmented.states, exact, { rtol: 1e-6, atol: 1e-7 });
    expect(progress.tasks).toHaveLength(1);
    expect(progress.tasks[0]?.total).toBe(20);
    expect(progress.tasks[0]?.updates).toEqual([3, 7, 10, 13, 17, 20]); // round(s·20/6)
    expect(progress.tasks[0]?.finished).toBe('0 of 3 stopped early');
  });

  it('keeps a stopped trajectory NaN from where it stopped while the others go on, and gives stop the trajectory index in y0', () => {
    const seen = new Set<number>();
    // Trajectory 0 grows like cosh(3t) and is stopped by `stop` once |q| > 10; trajectory 1 is
    // asked to stop at t ≥ 2 (in a later segment, when the alive trajectories are 1 and 2).
    const stop = (t: number, state: Float64Array, trajectory: number) => {
      seen.add(trajectory);
      if (trajectory === 0 && Math.abs(state[0] as number) > 10) return 'too far';
      return trajectory === 1 && t >= 2 ? 'asked to stop' : undefined;
    };
    const r = rolloutWithProgress(silentProgress, 'x', oscillators, y0, times, dopri5({ rtol: 1e-8, atol: 1e-8, maxSteps: 10_000 }), { extra: Float64Array.from([-9, 4, 0.25]), segments: 5, stop });
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(r.status[0]).not.toBe('success');
    expect(r.reasons[0]).toBe('too far');
    expect(r.reasons[1]).toBe('asked to stop');
    expect(r.status[2]).toBe('success');
    expect(r.reasons[2]).toBeUndefined();
    const at = (t: number, b: number) => r.states[(t * 3 + b) * 2] as number;
    /** The first output where trajectory b is NaN; every output before it is finite, every one after it NaN. */
    const stoppedAt = (b: number) => {
      const first = Array.from({ length: times.length }, (_, t) => t).find((t) => Number.isNaN(at(t, b))) ?? times.length;
      for (let t = 0; t < times.length; t++) expect(Number.isNaN(at(t, b))).toBe(t >= first);
      return first;
    };
    // cosh(3t) passes 10 at t ≈ 1.0 (output 4): NaN from the next output or so; trajectory 1 from about t = 2 (output 8).
    expect(stoppedAt(0)).toBeGreaterThanOrEqual(4);
    expect(stoppedAt(0)).toBeLessThanOrEqual(6);
    expect(stoppedAt(1)).toBeGreaterThanOrEqual(8);
    expect(stoppedAt(1)).toBeLessThanOrEqual(10);
    expect(stoppedAt(2)).toBe(times.length);
  });

  it('shares the step budget out among the segments: too few steps stop every trajectory with step-limit', () => {
    const r = rolloutWithProgress(silentProgress, 'x', oscillators, y0, times, dopri5({ rtol: 1e-12, atol: 1e-12, maxSteps: 40 }), { extra: k, segments: 4 });
    expect(r.status).toEqual(['step-limit', 'step-limit', 'step-limit']);
    expect(r.states[(20 * 3) * 2]).toBeNaN();
  });
});
