import type { WaveAnalysis } from './analysis';
import type { WaveData } from './data';
import type { WaveTraining } from './training';

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const maxAbs = (xs: readonly number[]) => xs.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : Number.NaN), 0);

/** The metrics of initial condition `b`: status, energy drifts, field errors at ¼, ½, ¾ and the end. */
function perInitialCondition(a: WaveAnalysis, times: Float64Array, b: number) {
  const { summary, marks } = a;
  const T = times.length;
  return {
    status: summary.status[b],
    trueEnergy: { maxDrift: finite(maxAbs(summary.trueEnergy[b] ?? [])), finalDrift: finite(Math.abs(summary.trueEnergy[b]?.[T - 1] ?? Number.NaN)) },
    learnedEnergy: {
      maxDrift: finite(maxAbs(summary.learnedEnergy[b] ?? [])),
      finalDrift: finite(Math.abs(summary.learnedEnergy[b]?.[T - 1] ?? Number.NaN)),
      float32Resolution: finite(a.resolution[b] as number),
    },
    integratorFloor: { maxDrift: finite(maxAbs(summary.floorEnergy[b] ?? [])), finalDrift: finite(Math.abs(summary.floorEnergy[b]?.[T - 1] ?? Number.NaN)) },
    fieldError: {
      times: marks.map((t) => times[t] as number),
      quarter: finite(summary.fieldError[b]?.[marks[0] as number] ?? Number.NaN),
      half: finite(summary.fieldError[b]?.[marks[1] as number] ?? Number.NaN),
      threeQuarters: finite(summary.fieldError[b]?.[marks[2] as number] ?? Number.NaN),
      final: finite(summary.fieldError[b]?.[marks[3] as number] ?? Number.NaN),
    },
  };
}

/** ω² against the truth: worst relative error over every mode and over the long waves, the uniform mode, the smallest ω². */
function dispersionMetrics({ omega }: WaveAnalysis) {
  return {
    /** max over k = 1…n/2 of |ω²_learned − ω²_true| / ω²_true */
    maxRelativeError: Math.max(...omega.k.slice(1).map((m) => Math.abs((omega.learned[m] as number) - (omega.truth[m] as number)) / (omega.truth[m] as number))),
    /** the same over the long waves k = 1…5, which carry the pulse */
    longWaveRelativeError: Math.max(...omega.k.slice(1, 6).map((m) => Math.abs((omega.learned[m] as number) - (omega.truth[m] as number)) / (omega.truth[m] as number))),
    /** ω² of the uniform mode (0 for the true wave; negative is a slowly growing mode) */
    zeroMode: omega.learned[0] as number,
    minimum: Math.min(...omega.learned),
    learned: omega.learned,
  };
}

/** The wave experiment's metrics (metrics.json's `experiments.wave.metrics`; REPORT.md's tables read them). */
export function waveMetrics(data: WaveData, training: WaveTraining, a: WaveAnalysis, times: Float64Array) {
  const t = training.summary;
  const { density, untrainedDensity } = a;
  return {
    heldOutLoss: t.heldOut,
    initialLoss: training.initialLoss,
    zeroPredictorLoss: data.zeroLoss,
    improvement: training.initialLoss / t.heldOut,
    training: { steps: t.steps, seconds: t.seconds, skipped: t.skipped, resumedFrom: t.resumedFrom, modelSeed: training.modelSeed, probeLosses: t.candidates ?? [], probeSeeds: training.candidateSeeds },
    pulse: perInitialCondition(a, times, 0),
    field: perInitialCondition(a, times, 1),
    density: {
      pointwise: { relativeResidual: density.relativeResidual, scale: density.scale, offset: density.offset, untrainedRelativeResidual: untrainedDensity.relativeResidual },
      total: {
        relativeResidual: density.total?.relativeResidual ?? null,
        scale: density.total?.scale ?? null,
        offset: density.total?.offset ?? null,
        untrainedRelativeResidual: untrainedDensity.total?.relativeResidual ?? null,
      },
    },
    dispersion: dispersionMetrics(a),
    heldOutHistory: t.evaluations.map(([step, loss]) => [step, loss]),
  };
}
