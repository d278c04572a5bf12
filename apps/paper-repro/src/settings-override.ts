/** One `--set` of the command line: a setting of one experiment, and its new value. */
export interface SettingOverride {
  /** The experiment's id. */
  readonly experiment: string;
  /** Path inside the experiment's settings of the scale, e.g. `['lnn', 'clipNorm']`. */
  readonly path: readonly string[];
  /** JSON value (null turns a lever off where the experiment says so). */
  readonly value: unknown;
}

/**
 * Parses `<experiment>.<path>=<json>` (e.g. `double-pendulum.lnn.steps=48000`); a value that is
 * not JSON is taken as a string. Throws a TypeError naming the bad option.
 */
export function parseOverride(text: string, experimentIds: readonly string[]): SettingOverride {
  const eq = text.indexOf('=');
  const where = `--set: received '${text}'`;
  if (eq <= 0) throw new TypeError(`${where}, expected <experiment>.<setting>=<value>, e.g. double-pendulum.lnn.steps=48000.`);
  const [experiment, ...path] = text.slice(0, eq).split('.');
  if (experiment === undefined || !experimentIds.includes(experiment)) {
    throw new TypeError(`${where}: '${experiment}' is not an experiment; expected one of ${experimentIds.join(', ')}.`);
  }
  if (path.length === 0 || path.some((p) => p === '')) throw new TypeError(`${where}: name a setting after the experiment, e.g. ${experiment}.lnn.steps.`);
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { experiment, path, value };
}

/**
 * The settings with the overrides of one experiment applied (a copy). Every path must name a
 * setting the scale has — a typo is an error, not a silently ignored option — and keep its kind
 * (a number stays a number; null is accepted for settings that are off by default or may be
 * turned off).
 */
export function applyOverrides(settings: unknown, overrides: readonly SettingOverride[], experiment: string, scale: string): unknown {
  const copy = JSON.parse(JSON.stringify(settings ?? {})) as Record<string, unknown>;
  for (const o of overrides.filter((x) => x.experiment === experiment)) {
    let node: Record<string, unknown> = copy;
    const name = `${experiment}.${o.path.join('.')}`;
    o.path.forEach((key, i) => {
      if (node === null || typeof node !== 'object' || !(key in node)) {
        throw new TypeError(`--set ${name}: the ${scale} settings of ${experiment} have no '${o.path.slice(0, i + 1).join('.')}'; they are ${JSON.stringify(settings)}.`);
      }
      if (i < o.path.length - 1) node = node[key] as Record<string, unknown>;
      else {
        const old = node[key];
        const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
        if (old !== null && o.value !== null && kind(old) !== kind(o.value)) {
          throw new TypeError(`--set ${name}: received ${JSON.stringify(o.value)} (${kind(o.value)}), expected a ${kind(old)} like ${JSON.stringify(old)}.`);
        }
        node[key] = o.value;
      }
    });
  }
  return copy;
}
