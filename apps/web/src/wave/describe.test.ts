import { describe, expect, it } from 'vitest';
import { describeString } from './describe';

describe('describeString', () => {
  it("names the string's highest and lowest points, reading only the first `points` values (φ, not φ̇)", () => {
    const state = [0, 0.2, 0.42, -0.1, 0, 9, -9, 9];
    expect(describeString('Learned string', state, 5)).toBe('Learned string: highest φ = 0.42 at point 2, lowest φ = −0.10 at point 3, of 5.');
  });
  it('says when the string stopped, and why', () => {
    expect(describeString('Learned string', undefined, 100, 'left the finite numbers')).toBe('Learned string stopped (left the finite numbers).');
  });
});
