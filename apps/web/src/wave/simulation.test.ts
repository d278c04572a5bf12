import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { wave1d } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostModel } from '../../test/host-model';
import { RING, WAVE_DRIFT_WINDOW, WaveSimulation } from './simulation';

const wave = wave1d({ n: RING, dx: 1 });
const truthModel = hostModel(RING, (q, v, out) => wave.acceleration(q, v, out));

describe('WaveSimulation', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('plucks both strings into the same Gaussian at rest, wrapping round the ring', () => {
    const sim = new WaveSimulation(truthModel, { center: 2, height: 0.8, width: 3 });
    const phi = sim.truth.state.subarray(0, RING);
    expect(phi[2]).toBe(0.8);
    // Symmetric about point 2 on the ring: points 0 and 4, 99 and 5.
    assertAllClose([phi[0] as number, phi[99] as number], [phi[4] as number, phi[5] as number], { rtol: 0, atol: 1e-15 });
    expect(Array.from(sim.learned.state)).toEqual(Array.from(sim.truth.state));
    expect(Array.from(sim.truth.state.subarray(RING)).every((x) => x === 0)).toBe(true);
  });

  it('keeps the truth on its energy, and the true equations at RK4 0.1 s close to it', () => {
    const sim = new WaveSimulation(truthModel);
    while (sim.time < WAVE_DRIFT_WINDOW - 1e-9) sim.advance(4);
    expect(sim.truth.energy.windowDone).toBe(true);
    expect(sim.truth.energy.driftInWindow).toBeLessThan(1e-7);
    // RK4 at 0.1 s on the grid's fastest modes (ω ≤ 2) loses energy at ~1e-5 a step (float32 in the model's place).
    expect(sim.learned.energy.driftInWindow).toBeLessThan(1e-2);
    expect(sim.learned.stopped).toBeUndefined();
  });

  it('refuses a model of another size and a bad pluck', () => {
    expect(() => new WaveSimulation(hostModel(8, () => undefined))).toThrow(/the model has 8 coordinates, the ring 100 points/);
    const sim = new WaveSimulation(truthModel);
    expect(() => sim.pluck({ center: 3, height: 1, width: 0 })).toThrow(/width must be finite and width > 0|width > 0/);
  });
});
