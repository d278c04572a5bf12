import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { baselineSteps } from './baselines';

const slug = (name: string) => name.toLowerCase().replace(/q̇/g, 'qdot').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A training step of every baseline beside the LNN's. */
export const baselinesCase: BenchCase = {
  id: 'baselines',
  title: 'training step of each model, batch 32, hidden 500-500-500',
  description:
    'One training step (batch 32, L1, Adam) of the LNN, the MLP baseline, the neural ODE, the HNN (q̇ as momentum, and canonical momentum) and DeLaN on the double pendulum, measured round-robin in one run, with each one\'s time relative to the LNN\'s.',
  run({ quick }) {
    const rows = baselineSteps({ rounds: quick ? 3 : 8 });
    return rows.flatMap((r): Measurement[] => {
      const parameters = { kind: r.kind, parameters: r.parameters, batch: 32, hidden: '500-500-500' };
      return [
        timed(`baselines.${slug(r.name)}.training-step`, `${r.name}: training step`, r.step, 5, parameters),
        derived(`baselines.${slug(r.name)}.relative-to-lnn`, `${r.name}: step time / LNN step time`, 'x', r.relativeToLnn, 'lower', parameters),
      ];
    });
  },
};
