import { availableParallelism } from 'node:os';
import { currentBackend, initBackend, MAX_WASM_THREADS } from '@lnn/autodiff';
import { MlpLagrangian, type MlpLagrangianConfig } from '@lnn/lagrangian';
import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { summarise } from '../timing';
import { doublePendulumData, QUICK_DP_BATCH, QUICK_DP_LNN, trainingStepSamples } from './lnn';

/** One training configuration the case times on one thread and on all. */
interface Setting {
  readonly key: string;
  readonly title: string;
  readonly model: MlpLagrangianConfig;
  readonly batch: number;
  readonly steps: { readonly quick: number; readonly full: number };
}

const SETTINGS: readonly Setting[] = [
  { key: 'batch-32', title: 'LNN 4→500³→1 training step, batch 32', model: { dof: 2, hidden: [500, 500, 500] }, batch: 32, steps: { quick: 10, full: 25 } },
  { key: 'batch-512', title: 'LNN 4→500³→1 training step, batch 512', model: { dof: 2, hidden: [500, 500, 500] }, batch: 512, steps: { quick: 3, full: 5 } },
  { key: 'quick-dp', title: 'quick double pendulum training step (4→128³→1, batch 256)', model: QUICK_DP_LNN, batch: QUICK_DP_BATCH, steps: { quick: 10, full: 25 } },
];

/**
 * What the wasm backend's threads buy: each setting's training step on one thread and on every
 * core, in two alternating rounds (1, all, 1, all) so a noisy machine slows both alike; the
 * ratio all / one of the medians.
 */
export const threadsCase: BenchCase = {
  id: 'threads',
  title: 'wasm: one thread against every core',
  description:
    'The LNN training step (4→500→500→500→1 at batch 32 and 512, and the quick double pendulum network at batch 256) with the wasm backend on one thread and on every core, measured in alternating rounds, with the ratio all threads / one thread.',
  async run({ quick, backend, log }) {
    if (backend !== 'wasm') {
      log(`threads: the run's backend is ${backend}; this case measures wasm only`);
      return [];
    }
    const original = currentBackend()?.threads ?? 1;
    const all = Math.min(availableParallelism(), MAX_WASM_THREADS);
    if (all === 1) {
      log('threads: this machine has one core; nothing to compare');
      return [];
    }
    const data = doublePendulumData(4096, 0);
    const samples = new Map<string, number[]>();
    try {
      for (let round = 0; round < 2; round++) {
        for (const threads of [1, all]) {
          await initBackend({ backend: 'wasm', threads });
          for (const setting of SETTINGS) {
            const model = new MlpLagrangian({ ...setting.model, seed: 0 });
            const steps = quick ? setting.steps.quick : setting.steps.full;
            const key = `${setting.key}:${threads}`;
            samples.set(key, [...(samples.get(key) ?? []), ...trainingStepSamples(model, data, setting.batch, steps, 2)]);
            model.dispose();
          }
        }
      }
    } finally {
      await initBackend({ backend: 'wasm', threads: original });
    }
    return SETTINGS.flatMap((setting): Measurement[] => {
      const one = summarise(samples.get(`${setting.key}:1`) ?? []);
      const many = summarise(samples.get(`${setting.key}:${all}`) ?? []);
      const parameters = { batch: setting.batch, widths: setting.key === 'quick-dp' ? '6-128-128-128-1' : '4-500-500-500-1' };
      return [
        timed(`threads.${setting.key}.threads-1`, `${setting.title}, 1 thread`, one, 2, { ...parameters, threads: 1 }),
        timed(`threads.${setting.key}.threads-all`, `${setting.title}, ${all} threads`, many, 2, { ...parameters, threads: all }),
        derived(`threads.${setting.key}.ratio`, `${setting.title}: ${all} threads / 1 thread`, 'x', many.median / one.median, 'lower', { ...parameters, threads: all }),
      ];
    });
  },
};
