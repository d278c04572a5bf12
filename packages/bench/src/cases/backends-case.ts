import { availableBackends, initBackend } from '@lnn/autodiff';
import { MlpLagrangian, train } from '@lnn/lagrangian';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { summarise } from '../timing';

/** The LNN training step on every backend this machine can start. */
export const backendsCase: BenchCase = {
  id: 'backends',
  title: 'LNN training step on each available backend',
  description:
    'One training step (batch 32) of the LNN 4→500→500→500→1 on every backend that starts here — wasm (SIMD), the plain JavaScript cpu backend, and @tensorflow/tfjs-node(-gpu) when installed — with each relative to wasm.',
  async run({ quick, backend: original, log }) {
    const dp = doublePendulum();
    const count = 1024;
    const ds = accelerationDataset(dp, { count, seed: 1, sample: dp.sampleTrainingState });
    const data = { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
    const warmup = 2;
    const results: { backend: string; median: number; measurement: Measurement }[] = [];
    try {
      for (const name of availableBackends()) {
        let info;
        try {
          info = await initBackend({ backend: name });
        } catch (error) {
          log(`backends: ${name} does not start (${error instanceof Error ? error.message : String(error)}); skipped`);
          continue;
        }
        // The cpu backend takes about a second a step: fewer steps there.
        const steps = warmup + (name === 'cpu' ? (quick ? 2 : 5) : quick ? 6 : 20);
        const model = new MlpLagrangian({ dof: 2, hidden: [500, 500, 500], seed: 1 });
        const stamps: number[] = [];
        let last = performance.now();
        train(model, data, {
          steps,
          batchSize: 32,
          progressEvery: 1,
          onProgress: () => {
            const now = performance.now();
            stamps.push(now - last);
            last = now;
          },
        });
        model.dispose();
        const timing = summarise(stamps.slice(warmup));
        const label = `${info.backend}${info.simd ? ' (SIMD)' : ''}`;
        results.push({
          backend: info.backend,
          median: timing.median,
          measurement: { ...timed(`backends.${info.backend}.training-step`, `LNN training step on ${label}`, timing, warmup, { batch: 32, widths: '4-500-500-500-1' }), backend: info.backend },
        });
      }
    } finally {
      await initBackend({ backend: original as 'wasm' });
    }
    const wasm = results.find((r) => r.backend === 'wasm');
    return results.flatMap((r) => [
      r.measurement,
      ...(wasm === undefined || r === wasm ? [] : [{ ...derived(`backends.${r.backend}.relative-to-wasm`, `${r.backend} step time / wasm step time`, 'x', r.median / wasm.median, 'lower'), backend: r.backend }]),
    ]);
  },
};
