/**
 * Helpers of the fuzz suites (`src/fuzz.test.ts` in each package): how many cases to run, and the
 * contract every public entry point keeps under any input — it returns finite numbers, or throws
 * an error of an expected type whose message names the function; and it answers in bounded time.
 */

/**
 * Cases per property: `LNN_FUZZ_RUNS` when set (the longer run: 10× the default), else `runs`.
 * The seed is fixed (`LNN_FUZZ_SEED` overrides it) so a failure reproduces.
 */
export function fuzzSettings(runs: number): { readonly numRuns: number; readonly seed: number } {
  const fromEnv = Number(process.env.LNN_FUZZ_RUNS);
  const seed = Number(process.env.LNN_FUZZ_SEED);
  return { numRuns: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : runs, seed: Number.isInteger(seed) ? seed : 20261201 };
}

/** What an entry point did with one input. */
export type Outcome = { readonly kind: 'returned'; readonly value: unknown } | { readonly kind: 'threw'; readonly error: unknown };

/** Every number in a value (typed arrays, arrays, plain objects, nested), for the finiteness check. */
export function numbersIn(value: unknown, out: number[] = [], depth = 0): number[] {
  if (depth > 6 || value === null || value === undefined) return out;
  if (typeof value === 'number') out.push(value);
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) for (const x of Array.from(value as unknown as ArrayLike<number>)) out.push(Number(x));
  else if (Array.isArray(value)) for (const x of value) numbersIn(x, out, depth + 1);
  else if (typeof value === 'object') for (const x of Object.values(value as Record<string, unknown>)) numbersIn(x, out, depth + 1);
  return out;
}

/**
 * Runs `call` and checks the contract: within `maxMs`, and either a return value whose numbers
 * are all finite (`allowNaN`: where NaN marks "not reached" by design, e.g. a stopped rollout's
 * states) or an error that is an instance of one of `errors` whose message names `where` (or one
 * of several names: the function called, or the one inside it that found the trouble). Returns
 * what happened; throws a description of the breach otherwise.
 */
export function expectContract(
  where: string | readonly string[],
  call: () => unknown,
  options: { readonly errors: readonly (abstract new (...args: never[]) => Error)[]; readonly maxMs?: number; readonly allowNaN?: boolean },
): Outcome {
  const started = Date.now();
  let outcome: Outcome;
  try {
    outcome = { kind: 'returned', value: call() };
  } catch (error) {
    outcome = { kind: 'threw', error };
  }
  const elapsed = Date.now() - started;
  const maxMs = options.maxMs ?? 10_000;
  const names = typeof where === 'string' ? [where] : where;
  if (elapsed > maxMs) throw new Error(`${names[0]}: took ${elapsed} ms (bound ${maxMs} ms)`);
  if (outcome.kind === 'threw') {
    const e = outcome.error;
    if (!options.errors.some((type) => e instanceof type)) {
      throw new Error(`${names[0]}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, expected one of ${options.errors.map((t) => t.name).join(', ')}`);
    }
    if (!names.some((n) => (e as Error).message.includes(n))) throw new Error(`${names[0]}: threw "${(e as Error).message}", which names none of ${names.join(', ')}`);
    return outcome;
  }
  const bad = numbersIn(outcome.value).find((x) => !Number.isFinite(x) && !(options.allowNaN === true && Number.isNaN(x)));
  if (bad !== undefined) throw new Error(`${names[0]}: returned a non-finite number (${bad}) instead of throwing`);
  return outcome;
}
