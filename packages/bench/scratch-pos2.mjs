import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets } from '@lnn/autodiff';
import { evaluatePositions, eulerLagrange } from '@lnn/lagrangian';
import { doublePendulum, positionTrajectories } from '@lnn/systems';
await initBackend();
const lagrangian = { dof: 2, jet: (x) => {
  const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1));
  const kinetic = jets.add(jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)), jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))));
  return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), 2 * 9.8), jets.scale(jets.cos(t2), 9.8)));
} };
const model = { kind: 'true', dof: 2, extraDim: 0, variables: [], config: {}, lagrangian, accelerations: (q, v) => eulerLagrange(lagrangian, q, v), dispose() {} };
const dp = doublePendulum();
const N = 200;
for (const dt of [0.1, 0.05, 0.025, 0.0125]) {
  const { observed, truth } = positionTrajectories(dp, { count: N, dt, steps: 4, seed: 3, sample: dp.sampleTrainingState });
  const P = observed.arrays.positions.data;
  const per = { 2: [], 4: [] };
  for (let c = 0; c < N; c++) {
    const data = { positions: P.subarray(c * 10, c * 10 + 10), trajectories: 1, dt };
    for (const order of [2, 4]) per[order].push(evaluatePositions(model, data, { method: 'discrete-euler-lagrange', order }));
  }
  const q = (a, p) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))];
  const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
  console.log(dt, 'order2 mean/median/p90', mean(per[2]).toFixed(4), q(per[2], 0.5).toExponential(2), q(per[2], 0.9).toExponential(2), 'order4', mean(per[4]).toFixed(4), q(per[4], 0.5).toExponential(2), q(per[4], 0.9).toExponential(2));
}
