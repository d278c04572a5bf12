import { summarize } from '../../stats';
import type { MembraneAnalysis } from './analysis';
import type { MembraneData } from './data';
import type { GridDispersion } from './dispersion';
import type { MembraneRollouts } from './rollout';
import type { MembraneTraining } from './training';

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const maxAbs = (xs: readonly number[]) => xs.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : Number.NaN), 0);
/** A mode index 0…n−1 as the signed wavenumber −n/2 < m ≤ n/2. */
const signed = (m: number, n: number) => (m > n / 2 ? m - n : m);

/** The metrics of initial condition `b`: status, energy drifts, field errors at ¼, ½, ¾ and the end. */
function perInitialCondition(a: MembraneAnalysis, times: Float64Array, b: number) {
  const { summary, marks } = a;
  const T = times.length;
  const at = (values: number[] | undefined, t: number) => finite(values?.[t] ?? Number.NaN);
  return {
    status: summary.status[b],
    trueEnergy: {
      maxDrift: finite(maxAbs(summary.trueEnergy[b] ?? [])),
      finalDrift: finite(Math.abs(summary.trueEnergy[b]?.[T - 1] ?? Number.NaN)),
      /** without the uniform mode's kinetic energy (what the learned constant force at rest pumps in) */
      maxDriftWithoutUniform: finite(maxAbs(summary.trueEnergyWithoutUniform[b] ?? [])),
      /** ½ n (mean φ̇)² at the end over E(0) */
      finalUniformKinetic: finite(summary.uniformKinetic[b]?.[T - 1] ?? Number.NaN),
    },
    learnedEnergy: { maxDrift: finite(maxAbs(summary.learnedEnergy[b] ?? [])), float32Resolution: finite(summary.resolution[b] as number) },
    integratorFloor: { maxDrift: finite(maxAbs(summary.floorEnergy[b] ?? [])) },
    fieldError: {
      times: marks.map((t) => times[t] as number),
      quarter: at(summary.fieldError[b], marks[0] as number),
      half: at(summary.fieldError[b], marks[1] as number),
      final: at(summary.fieldError[b], marks[3] as number),
    },
  };
}

/**
 * ω² of every mode k ≠ 0 against the truth: |ω²_learned − ω²_true| / ω²_true, its distribution, the
 * worst mode, the modes within 2 % and those with no real ω (unstable), over the whole grid and
 * over the long waves |mx|, |my| ≤ `longWave`.
 */
export function dispersionErrors(d: GridDispersion, longWave: number) {
  const errors: number[] = [];
  const long: number[] = [];
  let worst = { mx: 0, my: 0, learned: Number.NaN, truth: Number.NaN, relativeError: -1 };
  for (let my = 0; my < d.ny; my++) {
    for (let mx = 0; mx < d.nx; mx++) {
      if (mx === 0 && my === 0) continue;
      const at = my * d.nx + mx;
      const [learned, truth] = [d.learned[at] as number, d.truth[at] as number];
      const error = Number.isFinite(learned) ? Math.abs(learned - truth) / truth : Number.POSITIVE_INFINITY;
      errors.push(error);
      if (Math.abs(signed(mx, d.nx)) <= longWave && Math.abs(signed(my, d.ny)) <= longWave) long.push(error);
      if (!(error <= worst.relativeError)) worst = { mx: signed(mx, d.nx), my: signed(my, d.ny), learned, truth, relativeError: error };
    }
  }
  const s = summarize(errors);
  return {
    modes: errors.length,
    maxRelativeError: finite(worst.relativeError),
    worst: { ...worst, learned: finite(worst.learned), relativeError: finite(worst.relativeError) },
    median: s.median,
    q75: s.q75,
    p99: [...errors].sort((x, y) => x - y)[Math.floor(0.99 * (errors.length - 1))] as number,
    within2Percent: errors.filter((e) => e <= 0.02).length,
    unstable: s.nonFinite,
    longWaveMaxRelativeError: finite(Math.max(...long)),
    /** K/M of the uniform mode (0 for the true membrane; negative is a slowly growing mode). */
    zeroMode: d.stiffnessOverMass[0] as number,
    /** max over k of |γ/M| / ω_true: the split between the frequencies of waves along +k and −k. */
    gyroscopicSplit: Math.max(...Array.from(d.gyroscopic, (g, i) => (i === 0 ? 0 : Math.abs(g) / Math.sqrt(d.truth[i] as number)))),
  };
}

/** The membrane experiment's metrics (metrics.json's `experiments.membrane.metrics`; REPORT.md's tables read them). */
export function membraneMetrics(data: MembraneData, training: MembraneTraining, a: MembraneAnalysis, r: MembraneRollouts, longWave: number) {
  const t = training.summary;
  const { dispersion, impulse } = a;
  let impulseGap = 0;
  for (let i = 1; i < impulse.length; i++) impulseGap = Math.max(impulseGap, Math.abs((impulse[i] as number) - (dispersion.stiffnessOverMass[i] as number)) / (dispersion.truth[i] as number));
  return {
    heldOutLoss: t.heldOut,
    initialLoss: training.initialLoss,
    zeroPredictorLoss: data.zeroLoss,
    improvement: training.initialLoss / t.heldOut,
    training: {
      steps: t.steps,
      seconds: t.seconds,
      skipped: t.skipped,
      resumedFrom: t.resumedFrom,
      modelSeed: training.modelSeed,
      probeLosses: t.candidates ?? [],
      probeSeeds: training.candidateSeeds,
      denseFallbacks: training.denseFallbacks,
    },
    rollout: { seconds: r.seconds, accelerations: r.evaluations, accelerationsPerSecond: r.seconds > 0 ? r.evaluations / r.seconds : null },
    bump: perInitialCondition(a, r.times, 0),
    field: perInitialCondition(a, r.times, 1),
    worstTrueEnergyDrift: finite(Math.max(...[0, 1].map((b) => maxAbs(a.summary.trueEnergy[b] ?? [])))),
    dispersion: {
      ...dispersionErrors(dispersion, longWave),
      /** max over k ≠ 0 of |K/M from the model's accelerations (impulse response) − K/M from the density's Hessian| / ω²_true */
      impulseCheck: impulseGap,
      restAcceleration: a.restAcceleration,
      trainingGrid: dispersionErrors(a.trainingDispersion, Math.floor(a.trainingDispersion.nx / 2)),
    },
    heldOutHistory: t.evaluations.map(([step, loss]) => [step, loss]),
  };
}
