import { describe, expect, it } from 'vitest';
import { FrameRate } from './frame-rate';

describe('FrameRate', () => {
  it('counts intervals over the span of the latest frames', () => {
    const rate = new FrameRate(4);
    expect(rate.fps).toBeUndefined();
    rate.tick(0);
    expect(rate.fps).toBeUndefined();
    for (const t of [20, 40, 60]) rate.tick(t);
    expect(rate.fps).toBeCloseTo(50, 12); // 3 intervals in 60 ms
    rate.tick(160); // the window slides: 20, 40, 60, 160 → 3 intervals in 140 ms
    expect(rate.fps).toBeCloseTo(3000 / 140, 12);
    rate.reset();
    expect(rate.fps).toBeUndefined();
  });

  it('refuses a window of fewer than two frames', () => {
    expect(() => new FrameRate(1)).toThrow(/window must be an integer ≥ 2, received 1/);
  });
});
