import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { groundTruth } from './ground-truth';

/** The float64 ground truth. */
export const systemsCase: BenchCase = {
  id: 'systems',
  title: 'float64 ground truth: data generation and rollouts',
  description:
    "Generating double-pendulum training data (states and closed-form accelerations; 600,000 samples, the paper's count, in the full run), and the 40-trajectory energy-test rollout over t ∈ [0, 100] with adaptive Dormand–Prince.",
  run({ quick }) {
    const samples = quick ? 100_000 : 600_000;
    const r = groundTruth({ samples, repetitions: quick ? 1 : 3, tolerances: quick ? [1.49012e-8] : [1.49012e-8, 1e-10] });
    return [
      timed('systems.dataset', `${samples.toLocaleString('en')} double-pendulum samples`, r.dataset, 1, { samples }),
      derived('systems.dataset-rate', 'samples generated per second', 'per-second', (samples * 1000) / r.dataset.median, 'higher', { samples }),
      ...r.rollouts.map((o): Measurement =>
        timed(`systems.rollout.tol-${o.tolerance.toExponential(0).replace('+', '')}`, `40 trajectories to t = 100, DOPRI5 tol ${o.tolerance}`, o.timing, 1, {
          tolerance: o.tolerance,
          steps: o.steps,
          evaluations: o.evaluations,
        }),
      ),
    ].map((m) => ({ ...m, backend: 'none' }));
  },
};
