import { initBackend } from '@lnn/autodiff';
import { MlpLagrangian, train, trainFromPositions, evaluate } from '../dist/index.js';
import { doublePendulum, accelerationDataset, splitStates, trajectoryDataset } from '@lnn/systems';
await initBackend();
const [method, steps, hidden, dt, extra] = [process.argv[2], Number(process.argv[3]), JSON.parse(process.argv[4]), Number(process.argv[5] ?? 0.05), process.argv[6] ?? ''];
const dp = doublePendulum();
const data = (count, seed) => { const ds = accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState }); return { ...splitStates(ds.arrays.states.data, 2), qdd: ds.arrays.accelerations.data }; };
const test = data(2000, 2);
const length = 7, count = 20000;
let positions;
if (method !== 'velocities') {
  const ds = trajectoryDataset(dp, { count, seed: 1, sample: dp.sampleTrainingState, times: Array.from({ length }, (_, k) => k * dt) });
  const st = ds.arrays.states.data; positions = new Float64Array(count * length * 2);
  for (let k = 0; k < length; k++) for (let c = 0; c < count; c++) for (let i = 0; i < 2; i++) positions[(c * length + k) * 2 + i] = st[(k * count + c) * 4 + i];
}
const model = new MlpLagrangian({ dof: 2, hidden, angles: [0, 1], angleTransform: 'features', seed: 1 });
const opts = { steps, batchSize: 256, loss: 'l1', weightDecay: 1e-6, adam: { beta2: 0.9 }, lossCap: 1000, seed: 3, schedule: { kind: 'one-cycle', peak: 1e-3, total: steps }, progressEvery: Math.round(steps / 10), ...(extra.includes('noguard') ? {} : { definiteness: { weight: 1 } }),
  onProgress: (p) => console.log(method, p.step, 'loss', p.loss.toFixed(3), 'test', evaluate(model, test).toFixed(3), 'skipped', p.skipped) };
const t = performance.now();
if (method === 'velocities') train(model, data(100000, 1), opts);
else trainFromPositions(model, { positions, trajectories: count, dt }, { ...opts, method, newtonSteps: extra.includes('newton2') ? 2 : 1 });
console.log('done', ((performance.now() - t) / 1000).toFixed(0), 's');
