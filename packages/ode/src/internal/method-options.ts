import { DEFAULT_MAX_STEPS } from '../method';

/** Refuses options that are not an object or hold keys the method does not know (a typo would be ignored silently). */
export function checkKeys(where: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object { ${known.join(', ')} }, received ${JSON.stringify(options) ?? String(options)}.`);
  }
  const unknown = Object.keys(options).find((key) => !known.includes(key) && (options as Record<string, unknown>)[key] !== undefined);
  if (unknown !== undefined) throw new TypeError(`${where}: unknown option '${unknown}'; expected ${known.map((k) => `'${k}'`).join(', ')}.`);
  return options as Readonly<Record<string, unknown>>;
}

/**
 * A finite number > 0 (`what` says what it is, for the message), or undefined when left out and
 * `leftOut` says what that means.
 */
export function positive(where: string, name: string, value: unknown, what: string, leftOut?: string): number | undefined {
  if (value === undefined && leftOut !== undefined) return undefined;
  if (typeof value === 'number' && value > 0 && Number.isFinite(value)) return value;
  throw new TypeError(`${where}: options.${name} (${what}) must be a finite number > 0${leftOut === undefined ? '' : `, or left out ${leftOut}`}, received ${String(value)}.`);
}

/** The step budget: a positive integer, {@link DEFAULT_MAX_STEPS} when left out. */
export function stepBudget(where: string, value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_STEPS;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new TypeError(`${where}: options.maxSteps must be a positive integer, received ${String(value)}.`);
}
