import { derived, timed, type BenchCase } from '../suite/bench-case';
import { jetVsGeneral } from './jet-vs-general';

/** Jet path vs general path: Hessian and the third-order training step. */
export const autodiffCase: BenchCase = {
  id: 'autodiff',
  title: 'jets vs the general path (softplus MLP 4→500→500→500→1, batch 32)',
  description:
    "One per-sample Hessian, and one gradient with respect to all weights of a loss of that Hessian (LNN training's third-order step), by @lnn/autodiff's jets and by nested reverse mode (`jacobian(grad(f))`), alternating so that noise hits both alike.",
  run({ quick }) {
    const widths = [4, 500, 500, 500, 1];
    const r = jetVsGeneral({ widths, batch: 32, repetitions: quick ? 9 : 25 });
    const parameters = { widths: widths.join('-'), batch: 32 };
    return [
      timed('autodiff.hessian.jet', 'Hessian, jet path', r.hessian.jet, 2, parameters),
      timed('autodiff.hessian.general', 'Hessian, general path', r.hessian.general, 2, parameters),
      derived('autodiff.hessian.speedup', 'Hessian: jet speed-up over general', 'x', r.hessian.speedup, 'higher', parameters),
      timed('autodiff.third-order.jet', 'weight gradient of a Hessian loss, jet path', r.weightGradient.jet, 2, parameters),
      timed('autodiff.third-order.general', 'weight gradient of a Hessian loss, general path', r.weightGradient.general, 2, parameters),
      derived('autodiff.third-order.speedup', 'third-order step: jet speed-up over general', 'x', r.weightGradient.speedup, 'higher', parameters),
    ];
  },
};
