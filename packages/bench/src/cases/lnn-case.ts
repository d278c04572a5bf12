import { MlpLagrangian } from '@lnn/lagrangian';
import { derived, timed, type BenchCase } from '../suite/bench-case';
import { doublePendulumData, lnnCosts, QUICK_DP_BATCH, QUICK_DP_LNN, trainingStepTiming } from './lnn';

/** The dense LNN's costs on the double pendulum. */
export const lnnCase: BenchCase = {
  id: 'lnn',
  title: 'LNN 4→500→500→500→1 on the double pendulum',
  description:
    "A training step (L1, Adam, pseudoinverse Euler–Lagrange) at batch 32 and 512, accelerations at batch 1 and 1,024, and a 40-trajectory, 100-step RK4 rollout of the plain softplus LNN; and a training step at the size the quick `pnpm repro` trains its double pendulum (4→128→128→128→1 on (cos, sin) angle features, batch 256), where per-kernel costs weigh more than arithmetic.",
  run({ quick }) {
    const r = lnnCosts({ steps: quick ? 30 : 60, repetitions: quick ? 5 : 15, batches: [32, 512], rolloutRepetitions: quick ? 1 : 3 });
    const widths = r.widths.join('-');
    const small = new MlpLagrangian({ ...QUICK_DP_LNN, seed: 0 });
    const quickDp = trainingStepTiming(small, doublePendulumData(4096, 0), QUICK_DP_BATCH, quick ? 15 : 40, 3);
    small.dispose();
    return [
      timed('lnn.training-step.quick-dp', 'training step at the quick double pendulum size (4→128³→1, features, batch 256)', quickDp, 3, {
        widths: '6-128-128-128-1',
        batch: QUICK_DP_BATCH,
        features: 'cos-sin',
      }),
      ...r.training.map((t) => timed(`lnn.training-step.batch-${t.batch}`, `training step, batch ${t.batch}`, t.timing, t.warmup, { widths, batch: t.batch })),
      ...r.acceleration.map((a) => timed(`lnn.accelerations.batch-${a.batch}`, `accelerations, batch ${a.batch}`, a.timing, a.warmup, { widths, batch: a.batch })),
      ...r.acceleration.map((a) =>
        derived(`lnn.accelerations.batch-${a.batch}-rate`, `accelerations per second, batch ${a.batch}`, 'per-second', (a.batch * 1000) / a.timing.median, 'higher', { widths, batch: a.batch }),
      ),
      timed('lnn.rollout.rk4-40x100', 'rollout: 40 trajectories × 100 RK4 steps', r.rollout, 1, { widths, trajectories: 40, steps: 100, method: 'rk4' }),
    ];
  },
};
