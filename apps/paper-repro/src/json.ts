import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes a file through a temporary name and a rename, so a reader never sees half of it. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * JSON that keeps non-finite numbers (a diverged rollout's NaN energy error): they are written as
 * the strings "NaN", "Infinity", "-Infinity" and read back as numbers.
 */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** Parses what {@link stringifyJson} wrote. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v));
}

/** Reads a JSON file written by {@link writeJson}; undefined when it is absent. */
export function readJson(file: string): unknown {
  return existsSync(file) ? parseJson(readFileSync(file, 'utf8')) : undefined;
}

/** Writes JSON atomically (temporary file, then rename). */
export function writeJson(file: string, value: unknown): void {
  writeAtomic(file, `${stringifyJson(value)}\n`);
}
