import { describe, expect, it } from 'vitest';
import { decodeWebModel, encodeWebModel, WEB_MODEL_FORMAT, WEB_MODEL_FORMAT_VERSION, type NamedArray, type WebModel } from './web-model';

const EXPECTED = { format: 'lnn-model', version: 1 } as const;

function model(arrays: WebModel['arrays']): WebModel {
  return {
    modelFormat: 'lnn-model',
    modelFormatVersion: 1,
    kind: 'mlp-lagrangian',
    config: { dof: 2, hidden: [3] },
    arrays,
    source: { path: 'models/double-pendulum/lnn', run: { scale: 'test', seed: 0, commit: 'abc1234' } },
  };
}

/** Every float32 bit pattern class: zeros of both signs, subnormals, the extremes, ordinary values. */
const AWKWARD = Float32Array.from([0, -0, 1.401298464324817e-45, -1.1754942106924411e-38, 3.4028234663852886e38, -3.4028234663852886e38, 1, -0.1, Math.PI, 1e-7, 123456.789]);

describe('web model files', () => {
  it('round-trip every weight bit for bit, with shapes, names, kind, configuration and source', () => {
    const original = model([
      { name: 'variable0:w', shape: [11], data: AWKWARD },
      { name: 'variable1:b', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'variable2:empty', shape: [0, 4], data: new Float32Array(0) },
    ]);
    const decoded = decodeWebModel(JSON.parse(encodeWebModel(original)), 'm.json', EXPECTED);
    expect(decoded.kind).toBe(original.kind);
    expect(decoded.config).toEqual(original.config);
    expect(decoded.source).toEqual(original.source);
    expect(decoded.arrays.map((a) => [a.name, a.shape])).toEqual(original.arrays.map((a) => [a.name, a.shape]));
    decoded.arrays.forEach((a, i) => {
      const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
      expect(bits(a.data)).toEqual(bits((original.arrays[i] as NamedArray).data));
    });
  });

  it('is JSON with both versions named, and float32 little-endian in base64', () => {
    const json = JSON.parse(encodeWebModel(model([{ name: 'w', shape: [1], data: Float32Array.from([1]) }])));
    expect(json).toMatchObject({ format: WEB_MODEL_FORMAT, formatVersion: WEB_MODEL_FORMAT_VERSION, model: { format: 'lnn-model', formatVersion: 1 } });
    expect(json.float32Base64).toBe('AACAPw=='); // 1.0f = 0x3f800000, little-endian
  });

  it('refuses non-finite weights and arrays whose size does not match their shape', () => {
    expect(() => encodeWebModel(model([{ name: 'w', shape: [2], data: Float32Array.from([1, Number.NaN]) }]))).toThrow(/array 'w' holds NaN; a model's weights must be finite/);
    expect(() => encodeWebModel(model([{ name: 'w', shape: [3], data: Float32Array.from([1, 2]) }]))).toThrow(/array 'w' has shape \[3\] but 2 values/);
  });

  it('refuses other formats and versions, saying to export the models again', () => {
    const good = JSON.parse(encodeWebModel(model([{ name: 'w', shape: [2], data: Float32Array.from([1, 2]) }])));
    const again = /Export the models again: pnpm --filter @lnn\/web export-models/;
    expect(() => decodeWebModel({ ...good, format: 'other' }, 'm.json', EXPECTED)).toThrow(/m\.json is a "other", expected a lnn-web-model/);
    expect(() => decodeWebModel({ ...good, formatVersion: 2 }, 'm.json', EXPECTED)).toThrow(/layout version 2, this page reads 1/);
    expect(() => decodeWebModel(good, 'm.json', { format: 'lnn-model', version: 2 })).toThrow(/exported from model format lnn-model version 1, this library reads lnn-model version 2/);
    expect(() => decodeWebModel(good, 'm.json', { format: 'lnn-model', version: 2 })).toThrow(again);
    expect(() => decodeWebModel([], 'm.json', EXPECTED)).toThrow(/m\.json holds \[\], expected a web model object/);
  });

  it('refuses damaged files: missing model, bad array entries, wrong byte count, bad base64', () => {
    const good = JSON.parse(encodeWebModel(model([{ name: 'w', shape: [2], data: Float32Array.from([1, 2]) }])));
    expect(() => decodeWebModel({ ...good, model: undefined }, 'm.json', EXPECTED)).toThrow(/has no model \{ format, formatVersion, kind, config \}/);
    expect(() => decodeWebModel({ ...good, arrays: [{ name: 'w', shape: [-1] }] }, 'm.json', EXPECTED)).toThrow(/arrays\[0\] = \{"name":"w","shape":\[-1\]\}/);
    expect(() => decodeWebModel({ ...good, arrays: [{ name: 'w', shape: [3] }] }, 'm.json', EXPECTED)).toThrow(/holds 8 bytes of weights, its shapes need 12/);
    expect(() => decodeWebModel({ ...good, float32Base64: '%%%' }, 'm.json', EXPECTED)).toThrow(/float32Base64 that is not base64/);
  });
});
