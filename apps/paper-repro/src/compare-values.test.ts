import { describe, expect, it } from 'vitest';
import { compareValues } from './compare-values';

describe('compareValues', () => {
  it('finds equal runs equal, ignoring wall times and commits', () => {
    const a = { settings: { steps: 10 }, metrics: { mae: 0.1, energy: [Number.NaN, 2] }, wallSeconds: 3, commit: 'abc' };
    const b = { settings: { steps: 10 }, metrics: { mae: 0.1, energy: [Number.NaN, 2] }, wallSeconds: 9, commit: 'def' };
    expect(compareValues(a, b)).toEqual({ differences: [], leaves: 4 });
  });

  it('reports a last-bit difference, a missing key and a changed type, with their paths', () => {
    const a = { metrics: { mae: 0.1, rows: [1, 2] }, extra: 1 };
    const b = { metrics: { mae: 0.1 + 1e-17 + 2 ** -56, rows: [1, '2'] } };
    const { differences } = compareValues(a, b, 'x');
    expect(differences.map((d) => d.path)).toEqual(['x.metrics.mae', 'x.metrics.rows[1]', 'x.extra']);
  });

  it('tells +0 from -0 (Object.is)', () => {
    expect(compareValues({ v: 0 }, { v: -0 }).differences).toHaveLength(1);
  });
});
