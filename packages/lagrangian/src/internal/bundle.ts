import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A named float32 array with its shape. */
export interface BundleArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A JSON manifest plus float32 arrays, written as `manifest.json` + `arrays.<hash>.bin`. */
export interface Bundle {
  readonly manifest: Record<string, unknown>;
  readonly arrays: readonly BundleArray[];
}

const MANIFEST = 'manifest.json';

/** FNV-1a over the bytes, as 8 hex digits: names the binary file and checks it on load. */
function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Writes a bundle into `dir` so that an interruption at any moment leaves either the previous
 * bundle or the new one, never a mixture: the arrays go to a new file named by their hash, then
 * the manifest (which names that file) replaces the old one by an atomic rename, then stale
 * array files are removed.
 */
export function writeBundle(dir: string, bundle: Bundle): void {
  mkdirSync(dir, { recursive: true });
  let offset = 0;
  const entries = bundle.arrays.map((a) => {
    const length = a.shape.reduce((p, n) => p * n, 1);
    if (length !== a.data.length) throw new RangeError(`writeBundle: array '${a.name}' has shape [${a.shape.join(', ')}] but ${a.data.length} values.`);
    const entry = { name: a.name, shape: [...a.shape], offset, length };
    offset += length;
    return entry;
  });
  const bytes = new Uint8Array(offset * 4);
  const view = new DataView(bytes.buffer);
  let k = 0;
  for (const a of bundle.arrays) for (const x of a.data) view.setFloat32(4 * k++, x, true);
  const hash = fnv1a(bytes);
  const file = `arrays.${hash}.bin`;
  const binaryPath = path.join(dir, file);
  if (!existsSync(binaryPath)) {
    writeFileSync(`${binaryPath}.tmp`, bytes);
    renameSync(`${binaryPath}.tmp`, binaryPath);
  }
  const manifest = { ...bundle.manifest, arrays: { file, hash, bytes: bytes.length, entries } };
  writeFileSync(path.join(dir, `${MANIFEST}.tmp`), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(path.join(dir, `${MANIFEST}.tmp`), path.join(dir, MANIFEST));
  for (const other of readdirSync(dir)) {
    if (other !== file && /^arrays\.[0-9a-f]{8}\.bin(\.tmp)?$/.test(other)) rmSync(path.join(dir, other), { force: true });
  }
}

/** Whether `dir` holds a bundle. */
export function hasBundle(dir: string): boolean {
  return existsSync(path.join(dir, MANIFEST));
}

/** Reads a bundle written by {@link writeBundle}, checking sizes and the hash. */
export function readBundle(dir: string, where: string): Bundle {
  const manifestPath = path.join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${where}: ${dir} holds no ${MANIFEST}; expected a folder written by saveModel or a checkpoint.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> & {
    arrays: { file: string; hash: string; bytes: number; entries: { name: string; shape: number[]; offset: number; length: number }[] };
  };
  const { file, hash, bytes: size, entries } = manifest.arrays;
  if (!/^arrays\.[0-9a-f]{8}\.bin$/.test(file)) throw new Error(`${where}: ${manifestPath} names an invalid array file ${JSON.stringify(file)}.`);
  const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
  if (bytes.length !== size || fnv1a(bytes) !== hash) {
    throw new Error(`${where}: ${path.join(dir, file)} does not match its manifest (size or hash); the folder is damaged.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const arrays = entries.map((e) => {
    const data = new Float32Array(e.length);
    for (let i = 0; i < e.length; i++) data[i] = view.getFloat32(4 * (e.offset + i), true);
    return { name: e.name, shape: e.shape, data };
  });
  const { arrays: _omit, ...rest } = manifest;
  void _omit;
  return { manifest: rest, arrays };
}
