// The process the kill test (src/kill.test.ts) kills: trains a small double-pendulum LNN with a
// checkpoint every 2 steps, saving the model to a folder every 5 steps and at the end, and prints
// "step N" after each step. Rerun with the same folders, it resumes. Imports the built package.
// Usage: node kill-worker.mjs <checkpoint dir> <model dir> <steps>
import { initBackend } from '@lnn/autodiff';
import { MlpLagrangian, saveModel, train } from '@lnn/lagrangian';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';

const [checkpointDir, modelDir, stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg);
await initBackend({ threads: 1 });
const dp = doublePendulum();
const ds = accelerationDataset(dp, { count: 2048, seed: 1, sample: dp.sampleTrainingState });
const data = { ...splitStates(ds.arrays.states.data, 2), qdd: ds.arrays.accelerations.data };
const model = new MlpLagrangian({ dof: 2, hidden: [96, 96], angles: [0, 1], angleTransform: 'features', seed: 3 });
const result = train(model, data, {
  steps,
  batchSize: 64,
  seed: 5,
  schedule: { kind: 'one-cycle', peak: 1e-3, total: steps },
  weightDecay: 1e-4,
  clipNorm: 100,
  checkpoint: { dir: checkpointDir, every: 2 },
  progressEvery: 1,
  onProgress: (p) => {
    if (p.step % 5 === 0) saveModel(model, modelDir);
    process.stdout.write(`step ${p.step}\n`);
  },
});
saveModel(model, modelDir);
process.stdout.write(`done ${result.resumedFrom}\n`);
