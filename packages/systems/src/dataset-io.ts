import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, path } from './internal/files';
import type { DataArray, Dataset } from './dataset';

/** The first bytes of every data set file. */
export const DATASET_MAGIC = 'LNNDATA\0';
/** The binary layout's version; readers refuse other versions. */
export const DATASET_FORMAT_VERSION = 1;

interface Header {
  readonly kind: Dataset['kind'];
  readonly system: string;
  readonly seed: number;
  readonly parameters: Readonly<Record<string, number>>;
  readonly arrays: readonly { name: string; shape: readonly number[]; offset: number; length: number }[];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Serialises a data set to bytes. Layout (all little-endian):
 * - 8 bytes: `LNNDATA\0`; 4 bytes: format version (uint32, 1); 4 bytes: header length H (uint32);
 * - H bytes: UTF-8 JSON `{ kind, system, seed, parameters, arrays: [{ name, shape, offset, length }] }`;
 * - zero padding to a multiple of 8, then each array as float64 at `offset` bytes after that point
 *   (8-aligned), `length` numbers (the product of `shape`).
 *
 * @example
 * import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { decodeDataset, encodeDataset, relativisticDataset } from '@lnn/systems';
 * const ds = relativisticDataset({ count: 10, seed: 0 });
 * const file = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'particle.lnnd');
 * writeFileSync(file, encodeDataset(ds));
 * console.log(decodeDataset(readFileSync(file)).arrays.g?.data[0] === ds.arrays.g?.data[0]); // true
 */
export function encodeDataset(dataset: Dataset): Uint8Array {
  let offset = 0;
  const arrays = Object.entries(dataset.arrays).map(([name, a]) => {
    const length = a.shape.reduce((p, n) => p * n, 1);
    if (length !== a.data.length) {
      throw new RangeError(`encodeDataset: array '${name}' has shape [${a.shape.join(', ')}] (${length} numbers) but ${a.data.length} values.`);
    }
    const entry = { name, shape: [...a.shape], offset, length };
    offset += align8(length * 8);
    return entry;
  });
  const header: Header = { kind: dataset.kind, system: dataset.system, seed: dataset.seed, parameters: dataset.parameters, arrays };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(16 + json.length);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(DATASET_MAGIC), 0);
  view.setUint32(8, DATASET_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
  for (const entry of arrays) {
    const data = (dataset.arrays[entry.name] as DataArray).data;
    for (let i = 0; i < entry.length; i++) view.setFloat64(start + entry.offset + 8 * i, data[i] as number, true);
  }
  return bytes;
}

/** Reads bytes written by {@link encodeDataset}, checking the magic, version and every bound. */
export function decodeDataset(bytes: Uint8Array): Dataset {
  const fail = (why: string): never => {
    throw new Error(`decodeDataset: not a valid lnn data set: ${why}.`);
  };
  if (bytes.length < 16) fail(`${bytes.length} bytes is shorter than the 16-byte preamble`);
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== DATASET_MAGIC) fail(`it starts with ${JSON.stringify(magic)}, expected ${JSON.stringify(DATASET_MAGIC)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== DATASET_FORMAT_VERSION) fail(`format version ${version}, this reader knows ${DATASET_FORMAT_VERSION}`);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) fail(`the header claims ${headerLength} bytes but the file ends first`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as Header;
  } catch (error) {
    return fail(`the header is not JSON (${(error as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || !Array.isArray(header.arrays)) fail(`the header has no list of arrays (it is ${JSON.stringify(header).slice(0, 80)})`);
  for (const [i, entry] of header.arrays.entries()) {
    const ok =
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry.name === 'string' &&
      Array.isArray(entry.shape) &&
      entry.shape.every((n) => Number.isSafeInteger(n) && n >= 0) &&
      Number.isSafeInteger(entry.offset) &&
      entry.offset >= 0 &&
      Number.isSafeInteger(entry.length) &&
      entry.length >= 0;
    if (!ok) fail(`array ${i} of the header is ${JSON.stringify(entry).slice(0, 80)}, expected { name, shape, offset, length }`);
  }
  const start = align8(16 + headerLength);
  const arrays: Record<string, DataArray> = {};
  for (const entry of header.arrays) {
    const end = start + entry.offset + 8 * entry.length;
    if (entry.offset % 8 !== 0 || end > bytes.length) fail(`array '${entry.name}' lies outside the file`);
    if (entry.shape.reduce((p, n) => p * n, 1) !== entry.length) fail(`array '${entry.name}' has a shape that does not match its length`);
    const data = new Float64Array(entry.length);
    for (let i = 0; i < entry.length; i++) data[i] = view.getFloat64(start + entry.offset + 8 * i, true);
    arrays[entry.name] = { shape: entry.shape, data };
  }
  return { kind: header.kind, system: header.system, seed: header.seed, parameters: header.parameters, arrays };
}

/**
 * Writes a data set to `file` atomically (a temporary file in the same folder, then a rename), so
 * an interrupted run never leaves a truncated cache behind. Creates the folder.
 */
export function writeDataset(file: string, dataset: Dataset): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, encodeDataset(dataset));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Reads a data set file written by {@link writeDataset}. */
export function readDataset(file: string): Dataset {
  return decodeDataset(readFileSync(file));
}
