import { describe, expect, it } from 'vitest';
import { describePreview } from './describe';

describe('describePreview', () => {
  const times = [0, 1, 2];
  it('compares the widest swing and the end of the learned and true replays', () => {
    expect(describePreview({ step: 300, times, learned: [2, -1.9, -1.4], truth: [2, -2, -1.5] })).toBe(
      'After 300 steps, over 2.0 s from 115° at rest: the learned pendulum swings to ±115° and ends at −80°; the true one swings to ±115° and ends at −86°.',
    );
  });
  it('says where and why a replay stopped', () => {
    expect(describePreview({ step: 0, times, learned: [2], truth: [2, 1, 0], note: 'stopped at t = 0.50 s' })).toBe(
      'After 0 steps, over 2.0 s from 115° at rest: the learned pendulum swings to ±115° and ends at 115° (stopped at t = 0.50 s); the true one swings to ±115° and ends at 0°.',
    );
    expect(describePreview({ step: 0, times, learned: [], truth: [2, 1, 0], note: 'not finite' })).toContain('did not move (not finite)');
  });
});
