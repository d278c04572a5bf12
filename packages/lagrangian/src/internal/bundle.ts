import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, path } from './files';

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
const ARRAY_FILE = /^arrays\.[0-9a-f]{8}\.bin$/;

/** FNV-1a over the bytes, as 8 hex digits: names the binary file and checks it on load. */
export function fnv1a(bytes: Uint8Array): string {
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
  // The array file the bundle being replaced names: deleted once the new manifest is in place
  // (only that one — other files in the folder, a user's own among them, are left alone).
  const previous = previousArrayFile(dir);
  writeFileSync(path.join(dir, `${MANIFEST}.tmp`), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(path.join(dir, `${MANIFEST}.tmp`), path.join(dir, MANIFEST));
  if (previous !== undefined && previous !== file) rmSync(path.join(dir, previous), { force: true });
}

/** The array file named by the manifest already in `dir`, if it is a readable bundle. */
function previousArrayFile(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as { arrays?: { file?: unknown } };
    const file = manifest.arrays?.file;
    return typeof file === 'string' && ARRAY_FILE.test(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `dir` holds a bundle. */
export function hasBundle(dir: string): boolean {
  return existsSync(path.join(dir, MANIFEST));
}

/** The manifest's description of its array file, checked field by field. */
interface ArraysEntry {
  readonly file: string;
  readonly hash: string;
  readonly bytes: number;
  readonly entries: readonly { readonly name: string; readonly shape: readonly number[]; readonly offset: number; readonly length: number }[];
}

function checkArrays(value: unknown, manifestPath: string, where: string): ArraysEntry {
  const damaged = (what: string) => new Error(`${where}: ${manifestPath} is damaged: ${what}. Save the model again, or point to another folder.`);
  if (value === null || typeof value !== 'object') throw damaged(`it has no "arrays" description (received ${JSON.stringify(value)})`);
  const a = value as Record<string, unknown>;
  if (typeof a.file !== 'string' || !ARRAY_FILE.test(a.file)) throw damaged(`"arrays.file" is ${JSON.stringify(a.file)}, expected arrays.<8 hex digits>.bin`);
  if (typeof a.hash !== 'string' || !/^[0-9a-f]{8}$/.test(a.hash)) throw damaged(`"arrays.hash" is ${JSON.stringify(a.hash)}, expected 8 hex digits`);
  if (!Number.isSafeInteger(a.bytes) || (a.bytes as number) < 0) throw damaged(`"arrays.bytes" is ${JSON.stringify(a.bytes)}, expected a byte count`);
  if (!Array.isArray(a.entries)) throw damaged(`"arrays.entries" is ${JSON.stringify(a.entries)}, expected a list`);
  a.entries.forEach((e: unknown, i: number) => {
    const x = e as Record<string, unknown> | null;
    const ok =
      x !== null &&
      typeof x === 'object' &&
      typeof x.name === 'string' &&
      Array.isArray(x.shape) &&
      x.shape.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) &&
      Number.isSafeInteger(x.offset) &&
      Number.isSafeInteger(x.length) &&
      (x.length as number) === (x.shape as number[]).reduce((p, n) => p * n, 1) &&
      (x.offset as number) >= 0 &&
      4 * ((x.offset as number) + (x.length as number)) <= (a.bytes as number);
    if (!ok) throw damaged(`"arrays.entries[${i}]" is ${JSON.stringify(e)}, expected { name, shape, offset, length } within the array file`);
  });
  return a as unknown as ArraysEntry;
}

/** Reads a bundle written by {@link writeBundle}, checking its manifest, sizes and the hash. */
export function readBundle(dir: string, where: string): Bundle {
  const manifestPath = path.join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${where}: ${dir} holds no ${MANIFEST}; expected a folder written by saveModel or a checkpoint.`);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${where}: ${manifestPath} is damaged: it is not valid JSON (${error instanceof Error ? error.message : String(error)}). Save the model again, or point to another folder.`, { cause: error });
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new Error(`${where}: ${manifestPath} is damaged: it holds ${JSON.stringify(manifest)}, expected an object. Save the model again, or point to another folder.`);
  }
  const { file, hash, bytes: size, entries } = checkArrays(manifest.arrays, manifestPath, where);
  const arrayPath = path.join(dir, file);
  if (!existsSync(arrayPath)) throw new Error(`${where}: ${dir} is damaged: its manifest names the array file ${file}, which is missing. Save the model again, or point to another folder.`);
  const bytes = new Uint8Array(readFileSync(arrayPath));
  if (bytes.length !== size || fnv1a(bytes) !== hash) {
    throw new Error(`${where}: ${arrayPath} does not match its manifest (size or hash); the folder is damaged.`);
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
