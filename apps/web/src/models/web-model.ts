/**
 * The demo's model asset: one JSON file per trained model, small enough to ship with the page.
 * It holds what `@lnn/lagrangian`'s `saveModel` folder holds — the model format and version it
 * was saved in, the kind, the configuration and the variables — with the weights as little-endian
 * float32 in base64 (exactly the saved values), plus where the model came from. Made only by
 * `pnpm --filter @lnn/web export-models` (cli/export-models.ts); read by the pages.
 *
 * Versioned twice: `formatVersion` is this file's layout, `model.formatVersion` the library's
 * model format (MODEL_FORMAT_VERSION) the configuration is written in. A reader refuses either
 * when it differs from its own, saying to export the models again.
 */

/** This file's format name and layout version. */
export const WEB_MODEL_FORMAT = 'lnn-web-model';
export const WEB_MODEL_FORMAT_VERSION = 1;

/** A named float32 array with its shape (a model variable). */
export interface NamedArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Where an exported model came from: the `pnpm repro` run (its metrics.json `run`) and the folder. */
export interface ModelSource {
  /** The model's folder inside the run's output, e.g. `models/double-pendulum/lnn`. */
  readonly path: string;
  /** The run's scale, seed, commit and command, when its metrics.json was there. */
  readonly run: { readonly scale?: string; readonly seed?: number; readonly commit?: string; readonly command?: string; readonly startedAt?: string } | null;
}

/** A model as the pages need it: enough to rebuild it with its constructor and set its weights. */
export interface WebModel {
  /** The library's model format and version the configuration is written in. */
  readonly modelFormat: string;
  readonly modelFormatVersion: number;
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly arrays: readonly NamedArray[];
  readonly source: ModelSource;
}

/** The JSON layout of a web model file. */
interface WebModelFile {
  readonly format: typeof WEB_MODEL_FORMAT;
  readonly formatVersion: number;
  readonly model: { readonly format: string; readonly formatVersion: number; readonly kind: string; readonly config: Readonly<Record<string, unknown>> };
  readonly source: ModelSource;
  readonly arrays: readonly { readonly name: string; readonly shape: readonly number[] }[];
  /** Every array's values in order, little-endian float32, base64. */
  readonly float32Base64: string;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const count = (shape: readonly number[]) => shape.reduce((p, n) => p * n, 1);

/**
 * The JSON text of a web model file.
 *
 * @example
 * writeFileSync('models/double-pendulum-lnn.json', encodeWebModel({ modelFormat: MODEL_FORMAT, ... }));
 */
export function encodeWebModel(model: WebModel): string {
  const total = model.arrays.reduce((n, a) => n + a.data.length, 0);
  const bytes = new Uint8Array(4 * total);
  const view = new DataView(bytes.buffer);
  let k = 0;
  for (const a of model.arrays) {
    if (a.data.length !== count(a.shape)) throw new RangeError(`encodeWebModel: array '${a.name}' has shape [${a.shape.join(', ')}] but ${a.data.length} values.`);
    for (const x of a.data) {
      if (!Number.isFinite(x)) throw new RangeError(`encodeWebModel: array '${a.name}' holds ${x}; a model's weights must be finite.`);
      view.setFloat32(4 * k++, x, true);
    }
  }
  const file: WebModelFile = {
    format: WEB_MODEL_FORMAT,
    formatVersion: WEB_MODEL_FORMAT_VERSION,
    model: { format: model.modelFormat, formatVersion: model.modelFormatVersion, kind: model.kind, config: model.config },
    source: model.source,
    arrays: model.arrays.map((a) => ({ name: a.name, shape: [...a.shape] })),
    float32Base64: toBase64(bytes),
  };
  return `${JSON.stringify(file)}\n`;
}

/**
 * Reads a web model file (its parsed JSON), checking both versions against `expected` (the
 * library's MODEL_FORMAT and MODEL_FORMAT_VERSION), every shape and the byte count. `where` names
 * the file in errors.
 *
 * @example
 * const model = decodeWebModel(await (await fetch(url)).json(), url, { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION });
 */
export function decodeWebModel(json: unknown, where: string, expected: { readonly format: string; readonly version: number }): WebModel {
  const again = 'Export the models again: pnpm --filter @lnn/web export-models --from <pnpm repro --out folder>.';
  const fail = (what: string): never => {
    throw new Error(`decodeWebModel: ${where} ${what}. ${again}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail(`holds ${JSON.stringify(json)?.slice(0, 60)}, expected a web model object`);
  const file = json as Partial<WebModelFile>;
  if (file.format !== WEB_MODEL_FORMAT) fail(`is a ${JSON.stringify(file.format)}, expected a ${WEB_MODEL_FORMAT}`);
  if (file.formatVersion !== WEB_MODEL_FORMAT_VERSION) fail(`has layout version ${String(file.formatVersion)}, this page reads ${WEB_MODEL_FORMAT_VERSION}`);
  const m = file.model;
  if (m == null || typeof m !== 'object' || typeof m.kind !== 'string' || m.config == null || typeof m.config !== 'object') fail('has no model { format, formatVersion, kind, config }');
  const model = m as WebModelFile['model'];
  if (model.format !== expected.format || model.formatVersion !== expected.version) {
    fail(`was exported from model format ${model.format} version ${String(model.formatVersion)}, this library reads ${expected.format} version ${expected.version}`);
  }
  if (!Array.isArray(file.arrays) || typeof file.float32Base64 !== 'string') fail('has no arrays and float32Base64');
  const entries = file.arrays as WebModelFile['arrays'];
  entries.forEach((e, i) => {
    const ok = e !== null && typeof e === 'object' && typeof e.name === 'string' && Array.isArray(e.shape) && e.shape.every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!ok) fail(`has arrays[${i}] = ${JSON.stringify(e)}, expected { name, shape }`);
  });
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(file.float32Base64 as string);
  } catch (error) {
    return fail(`has float32Base64 that is not base64 (${(error as Error).message})`);
  }
  const total = entries.reduce((n, e) => n + count(e.shape), 0);
  if (bytes.length !== 4 * total) fail(`holds ${bytes.length} bytes of weights, its shapes need ${4 * total}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let k = 0;
  const arrays = entries.map((e) => {
    const data = new Float32Array(count(e.shape));
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(4 * k++, true);
    return { name: e.name, shape: [...e.shape], data };
  });
  const source = file.source ?? { path: '(unknown)', run: null };
  return { modelFormat: model.format, modelFormatVersion: model.formatVersion, kind: model.kind, config: model.config, arrays, source };
}
