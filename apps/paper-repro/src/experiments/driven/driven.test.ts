import * as tf from '@tensorflow/tfjs-core';
import { initBackend, lu } from '@lnn/autodiff';
import { DissipativeLagrangian, knownDissipation, rollout, type Lagrangian } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { compileSignal, drivenPendulum, forcedProblem } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { data, signal } from './run';
import { DRIVEN_INITIAL_STATES, DRIVEN_SETTINGS, FORCING } from './settings';

beforeAll(async () => {
  await initBackend();
});

const column = (x: tf.Tensor2D, i: number) => tf.reshape(tf.slice(x, [0, i], [-1, 1]), [-1]) as tf.Tensor1D;
const trueL: Lagrangian = { dof: 1, tensor: (x) => tf.add(tf.mul(0.5, tf.square(column(x, 1))), tf.cos(column(x, 0))) as tf.Tensor1D };
const trueD = knownDissipation(1, (_q, v) => tf.mul(0.25, tf.square(column(v, 0))) as tf.Tensor1D);

describe('the driven experiment, small', () => {
  it('the true L, D and Q = u rolled out under the unseen forcing (u(t) at every RK4 stage) follow the truth; with u held at its first value they do not', () => {
    const unseen = signal(FORCING.unseenSeed);
    const u = compileSignal(unseen);
    const times = Array.from({ length: 31 }, (_, k) => 0.1 * k); // to t = 3
    const y0 = DRIVEN_INITIAL_STATES.flat();
    const truth = solve(forcedProblem(drivenPendulum(), { input: unseen }), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
    const model = new DissipativeLagrangian({ dof: 1, controls: 1, lagrangian: 'known', dissipation: 'known', force: { matrix: [1] }, solver: lu() }, { lagrangian: trueL, dissipation: trueD });
    const worst = (states: Float64Array) => Math.max(...Array.from(states, (x, i) => Math.abs(x - (truth.states[i] as number))));
    const followed = rollout(model, y0, times, rk4({ dt: 0.02 }), { control: (t, out) => out.fill(u(t)) });
    const held = rollout(model, y0, times, rk4({ dt: 0.02 }), { extra: [u(0), u(0)] });
    // float32 accelerations, RK4 at 0.02: measured ~1e-6.
    expect(worst(followed.states)).toBeLessThan(1e-4);
    expect(worst(held.states)).toBeGreaterThan(1e-2);
    model.dispose();
  });

  it('the training data hold the inputs of the training forcings at their sample times, and the true q̈', () => {
    const s = DRIVEN_SETTINGS.test;
    const signals = [signal(1), signal(2)];
    const ds = data(s, 32, 5, signals);
    const p = drivenPendulum();
    const out = new Float64Array(1);
    for (let i = 0; i < 32; i++) {
      const [q, v, u, a] = [ds.q[i] as number, ds.qdot[i] as number, (ds.extra as Float64Array)[i] as number, ds.qdd[i] as number];
      expect(Math.abs(u)).toBeLessThanOrEqual(FORCING.terms * FORCING.amplitude);
      p.forcedAcceleration(0, [q], [v], [u], out);
      expect(Math.abs((out[0] as number) - a)).toBeLessThan(1e-12);
    }
    // The inputs vary (forcings sampled at random times), within the sum of the amplitudes.
    const inputs = Array.from(ds.extra as Float64Array);
    expect(Math.max(...inputs) - Math.min(...inputs)).toBeGreaterThan(0.1);
  });
});
