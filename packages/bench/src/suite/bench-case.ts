import type { Timing } from '../timing';
import type { BenchRecord, Unit } from './report';

/** What a case is told about the run. */
export interface CaseContext {
  /** Quick mode: smaller repetitions and sizes, the whole suite under 3 minutes on two cores. */
  readonly quick: boolean;
  /** The run's default backend (cases that compare backends switch and switch back). */
  readonly backend: string;
  /** Progress line for long cases. */
  readonly log: (message: string) => void;
}

/** A figure as a case reports it; the runner adds the case, memory and backend. */
export type Measurement = Omit<BenchRecord, 'case' | 'memory' | 'backend'> & { readonly backend?: string };

/** One benchmark case: a named group of figures. */
export interface BenchCase {
  /** Lower-case id, the prefix of its records' ids. */
  readonly id: string;
  readonly title: string;
  /** What it measures and why (BENCHMARKS.md repeats it). */
  readonly description: string;
  run(context: CaseContext): Promise<readonly Measurement[]> | readonly Measurement[];
}

/** A timing figure (lower is better). */
export function timed(id: string, title: string, timing: Timing, warmup: number, parameters: Measurement['parameters'] = {}): Measurement {
  return { id, title, unit: 'ms', value: timing.median, better: 'lower', timing: { ...timing, warmup }, parameters };
}

/** A derived figure: a ratio, a slope, a rate. */
export function derived(id: string, title: string, unit: Exclude<Unit, 'ms'>, value: number, better: 'lower' | 'higher', parameters: Measurement['parameters'] = {}): Measurement {
  return { id, title, unit, value, better, parameters };
}
