import { describe, expect, it } from 'vitest';
import { expectClose } from './expect-close';

describe('expectClose', () => {
  it('accepts values within atol + rtol·|expected|', () => {
    expect(() => expectClose([1, 100, 0], [1 + 1e-6, 100 + 1e-4, 5e-7], { rtol: 2e-6, atol: 1e-6 })).not.toThrow();
  });

  it('rejects the worst element and names it', () => {
    expect(() => expectClose([1, 2, 3], [1, 2.1, 3.0001], { rtol: 1e-3, atol: 0 })).toThrow(/element 1 of 3 is 2, expected 2.1/);
  });

  it('rejects a length mismatch', () => {
    expect(() => expectClose([1, 2], [1])).toThrow(/length 2 \(actual\) differs from 1/);
  });

  it('treats non-finite values as exact', () => {
    expect(() => expectClose([Number.NaN, Infinity], [Number.NaN, Infinity])).not.toThrow();
    expect(() => expectClose([Number.NaN], [0])).toThrow(/element 0 is NaN/);
  });
});
