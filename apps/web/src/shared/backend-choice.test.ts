import { describe, expect, it } from 'vitest';
import { parseBackendChoice } from './backend-choice';

describe('parseBackendChoice', () => {
  it('defaults to wasm and the library thread count, and reads ?backend= and ?threads=', () => {
    expect(parseBackendChoice('')).toEqual({ backend: 'wasm', threads: undefined });
    expect(parseBackendChoice('?backend=webgl&threads=1')).toEqual({ backend: 'webgl', threads: 1 });
    expect(parseBackendChoice('?backend=cpu')).toEqual({ backend: 'cpu', threads: undefined });
  });

  it('refuses unknown backends and thread counts, naming the parameter', () => {
    expect(() => parseBackendChoice('?backend=webgpu')).toThrow(/\?backend=: received "webgpu", expected one of wasm, cpu, webgl/);
    expect(() => parseBackendChoice('?threads=0')).toThrow(/\?threads=: received "0", expected a positive integer/);
    expect(() => parseBackendChoice('?threads=two')).toThrow(/received "two"/);
  });
});
