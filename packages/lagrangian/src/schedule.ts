/** A learning-rate schedule: a function of the step (0-based), with a JSON-able description. */
export type Schedule =
  | { readonly kind: 'constant'; readonly value: number }
  /** `initial · rate^(step / steps)` — the paper's "decaying learning rate from 1e-3". */
  | { readonly kind: 'exponential'; readonly initial: number; readonly rate: number; readonly steps: number }
  /**
   * optax's `cosine_onecycle_schedule`, which the official code used: cosine warm-up from
   * `peak/divFactor` to `peak` over the first `pctStart` of `total` steps, then cosine decay to
   * `peak/(divFactor·finalDivFactor)`.
   */
  | {
      readonly kind: 'one-cycle';
      readonly peak: number;
      readonly total: number;
      /** @default 0.3 */ readonly pctStart?: number;
      /** @default 25 */ readonly divFactor?: number;
      /** @default 1e4 */ readonly finalDivFactor?: number;
    };

const cosineBetween = (from: number, to: number, fraction: number) => to + ((from - to) * (1 + Math.cos(Math.PI * fraction))) / 2;

/**
 * The learning rate of a schedule at a step.
 *
 * @example
 * import { learningRate } from '@lnn/lagrangian';
 * console.log(learningRate({ kind: 'exponential', initial: 1e-3, rate: 0.1, steps: 10_000 }, 5_000)); // ≈ 3.2e-4
 */
export function learningRate(schedule: Schedule, step: number): number {
  switch (schedule.kind) {
    case 'constant':
      return schedule.value;
    case 'exponential':
      return schedule.initial * schedule.rate ** (step / schedule.steps);
    case 'one-cycle': {
      const { peak, total, pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4 } = schedule;
      const start = peak / divFactor;
      const end = start / finalDivFactor;
      const warm = Math.max(1, Math.floor(pctStart * total));
      if (step < warm) return cosineBetween(start, peak, step / warm);
      return cosineBetween(peak, end, Math.min(1, (step - warm) / Math.max(1, total - warm)));
    }
  }
}

/** Throws unless the schedule is well formed, naming the bad field. */
export function checkSchedule(schedule: Schedule, where: string): void {
  const positive = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new TypeError(`${where}: schedule.${name} must be a positive number, received ${String(v)}.`);
  };
  switch (schedule?.kind) {
    case 'constant':
      positive('value', schedule.value);
      return;
    case 'exponential':
      positive('initial', schedule.initial);
      positive('rate', schedule.rate);
      positive('steps', schedule.steps);
      return;
    case 'one-cycle':
      positive('peak', schedule.peak);
      positive('total', schedule.total);
      return;
    default:
      throw new TypeError(`${where}: schedule.kind must be 'constant', 'exponential' or 'one-cycle', received ${JSON.stringify((schedule as { kind?: unknown })?.kind)}.`);
  }
}
