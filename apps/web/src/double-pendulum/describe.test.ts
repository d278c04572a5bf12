import { describe, expect, it } from 'vitest';
import { degrees, describePendulum } from './describe';

describe('degrees', () => {
  it('rounds to whole degrees and wraps into (−180°, 180°]', () => {
    expect(degrees(0)).toBe('0°');
    expect(degrees(2)).toBe('115°');
    expect(degrees(-Math.PI / 2)).toBe('−90°');
    expect(degrees(Math.PI)).toBe('180°');
    expect(degrees(-Math.PI)).toBe('180°');
    expect(degrees(2 * Math.PI + 0.1)).toBe('6°');
    expect(degrees(-3 * Math.PI + 0.1)).toBe('−174°');
  });
});

describe('describePendulum', () => {
  it("names both arms' angles and the truth's", () => {
    expect(describePendulum('LNN', [2, 2.6, 0, 0], [2.01, 2.6, 0, 0])).toBe('LNN: upper arm 115°, lower arm 149° from straight down (truth: 115°, 149°).');
  });
  it('says when the model stopped, and why', () => {
    expect(describePendulum('MLP', undefined, [0, 0], 'left the finite numbers at 3.1 s')).toBe('MLP stopped (left the finite numbers at 3.1 s); truth: 0°, 0° from straight down.');
  });
});
