import { describe, expect, it } from 'vitest';
import { EnergyTrack } from './energy-track';

describe('EnergyTrack', () => {
  it('keeps the largest |E − E(0)| ÷ scale, overall and within the window, and freezes the window', () => {
    const track = new EnergyTrack(2, 10);
    const energies: [number, number][] = [[0, 5], [4, 5.4], [9.99, 4.9], [10, 5.2], [12, 7], [20, 5]];
    for (const [t, e] of energies) track.record(t, e);
    expect(track.initial).toBe(5);
    expect(track.latest).toBe(5);
    // Within t ≤ 10: the largest move is 0.4 at t = 4 (÷ 2 = 0.2); after it, 2 at t = 12 (÷ 2 = 1).
    expect(track.driftInWindow).toBeCloseTo(0.2, 12);
    expect(track.drift).toBeCloseTo(1, 12);
    expect(track.windowDone).toBe(true);
    expect(track.stopped).toBeUndefined();
  });

  it('is not done before the window ends', () => {
    const track = new EnergyTrack(1, 10);
    track.record(0, 1);
    track.record(9.5, 1.5);
    expect(track.windowDone).toBe(false);
    expect(track.driftInWindow).toBe(0.5);
  });

  it('stops at the first non-finite energy and ignores what comes after', () => {
    const track = new EnergyTrack(1, 10);
    track.record(0, 1);
    track.record(1, 1.1);
    track.record(2, Number.NaN);
    track.record(3, 100);
    expect(track.stopped).toBe(2);
    expect(track.latest).toBe(1.1);
    expect(track.drift).toBeCloseTo(0.1, 12);
  });

  it('refuses a scale or window that is not positive and finite', () => {
    expect(() => new EnergyTrack(0, 10)).toThrow(/scale must be a positive finite number, received 0/);
    expect(() => new EnergyTrack(1, Number.POSITIVE_INFINITY)).toThrow(/window must be a positive finite number of seconds, received Infinity/);
  });
});
