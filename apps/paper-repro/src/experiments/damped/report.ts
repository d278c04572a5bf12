import { dampedEnergySpec } from './energy-figure';
import type { Figure, Metrics, Scale, Table } from '../../experiment';
import { trainingCurveSpec } from '../../report/figures';
import type { DampedRun } from './run';
import { DAMPED_INITIAL_STATES, type DampedSettings } from './settings';

const MODELS = [
  ['withDissipation', 'LNN with learned dissipation'],
  ['withoutDissipation', 'LNN without dissipation'],
] as const;

const perState = (values: readonly number[]) => Object.fromEntries(values.map((v, b) => [`ic${b + 1}`, v]));
const finiteMax = (values: readonly number[]) => (values.every(Number.isFinite) ? Math.max(...values) : Number.NaN);

/** The metrics: held-out q̈ loss, energy-decay error and share per initial state, the energy balance. */
export function dampedMetrics(run: DampedRun): Metrics {
  const model = (m: DampedRun['lnnD'] | DampedRun['lnn']) => ({
    heldOut: m.heldOut,
    decayError: { max: finiteMax(m.decayError), ...perState(m.decayError) },
    decayShare: { min: Math.min(...m.decayShare), max: Math.max(...m.decayShare), ...perState(m.decayShare) },
    lossError: { max: finiteMax(m.lossError), ...perState(m.lossError) },
    split: { ...m.split },
    status: m.status.join(', '),
    trainingSeconds: m.training.seconds,
    skipped: m.training.skipped,
  });
  return {
    withDissipation: { ...model(run.lnnD), balanceResidual: { max: Math.max(...run.lnnD.balanceResidual), ...perState(run.lnnD.balanceResidual) }, gauge: { ...run.lnnD.gauge } },
    withoutDissipation: model(run.lnn),
    zeroPredictor: run.zeroPredictor,
    trueEnergyDrop: perState(DAMPED_INITIAL_STATES.map((_, b) => (run.truthEnergy[0]?.[b] as number) - (run.truthEnergy.at(-1)?.[b] as number))),
    seconds: run.seconds,
  };
}

export function dampedTables(s: DampedSettings): Table[] {
  const horizon = `t = ${s.rollout.tEnd}`;
  return [
    {
      title: `Damped double pendulum: learned dissipation against none (rollouts from rest to ${horizon})`,
      columns: ['measure', ...MODELS.map(([, label]) => label)],
      rows: [
        ['held-out q̈ loss (L1)', ...MODELS.map(([key]) => ({ metric: `${key}.heldOut` }))],
        ['  predicting q̈ = 0, for scale', { metric: 'zeroPredictor' }, { metric: 'zeroPredictor' }],
        ['energy-decay error, worst initial state (max_t |E(t) − E_true(t)| / (E_true(0) − E_true(T)))', ...MODELS.map(([key]) => ({ metric: `${key}.decayError.max`, percent: true }))],
        ...DAMPED_INITIAL_STATES.map((y, b) => [`  from θ = (${y[0]}, ${y[1]}) at rest`, ...MODELS.map(([key]) => ({ metric: `${key}.decayError.ic${b + 1}`, percent: true }))]),
        ['share of the true energy loss reproduced, (E(0) − E(T)) / (E_true(0) − E_true(T)): lowest – highest', ...MODELS.map(([key]) => ({ metric: `${key}.decayShare.min`, to: `${key}.decayShare.max`, percent: true }))],
        ['rollout status', ...MODELS.map(([key]) => ({ metric: `${key}.status` }))],
        ['dissipated-energy error along the TRUE motion, worst initial state (max_t |∫₀ᵗ 2D_model/c − (E_true(0) − E_true(t))| / (E_true(0) − E_true(T)))', ...MODELS.map(([key]) => ({ metric: `${key}.lossError.max`, percent: true }))],
        ...DAMPED_INITIAL_STATES.map((y, b) => [`  from θ = (${y[0]}, ${y[1]}) at rest`, ...MODELS.map(([key]) => ({ metric: `${key}.lossError.ic${b + 1}`, percent: true }))]),
        ['q̈ error along the TRUE motion, Σ|q̈ − q̈_true| / Σ|q̈_true| (the states of the rows above)', ...MODELS.map(([key]) => ({ metric: `${key}.split.total`, percent: true }))],
        ['  its dissipative part, a_D = −H_vv⁻¹∇_q̇D against the true one (no gauge needed), Σ|a_D − a_D,true| / Σ|a_D,true|', ...MODELS.map(([key]) => ({ metric: `${key}.split.dissipative`, percent: true }))],
        ['  the rest (conservative part), Σ|(q̈ − a_D) − (q̈ − a_D)_true| / Σ|(q̈ − a_D)_true|', ...MODELS.map(([key]) => ({ metric: `${key}.split.conservative`, percent: true }))],
        ['  the friction\'s share of q̈ there, Σ|a_D,true| / Σ|q̈_true|', { metric: 'withDissipation.split.dissipativeShare', percent: true }, { metric: 'withoutDissipation.split.dissipativeShare', percent: true }],
        ['  the learned scale c (H_vv,model ≈ c·H_vv,true, least squares on the held-out states)', { metric: 'withDissipation.gauge.scale' }, '— (no D)'],
        ['  R² of that fit', { metric: 'withDissipation.gauge.r2' }, '—'],
        ['the learned model\'s energy balance: max_t |E(t) − E(0) − ∫ power| / max_t |E(t) − E(0)| (its own E, Simpson), worst state', { metric: 'withDissipation.balanceResidual.max', percent: true }, '— (no balance: E is conserved)'],
      ],
      notes: [
        'E is the true energy of the damped double pendulum evaluated along each model\'s rollout (so both models are judged by the same function); E_true along the true motion (Dormand–Prince, rtol = atol = 1e-10). The issue\'s bound: the learned decay within 5 % over the rollout, measured as the energy-decay error above (100 % is a model that loses no energy at all, by the end of the rollout).',
        'The energy-decay error compares two different motions: a learned rollout drifts in phase from the true one, and the rate of loss (2D, quadratic in θ̇) drifts with it, so a small q̈ error can dominate it. The dissipated-energy error removes that: the learned D is evaluated at the TRUE states, its power integrated (Simpson) and compared with the true energy lost up to each t. q̈ fixes L and D only up to one common factor, so the learned dissipation is expressed in true-energy units through c, the least-squares factor between the learned and the true mass matrix H_vv on the held-out states. Without D nothing is dissipated: 100 %. The measure means something only when the learned H_vv is close to a multiple of the true one (R² near 1); NaN: c ≤ 0, the learned D has no true-energy units. The q̈ split needs no gauge: the part of the learned q̈ that its D makes, −H_vv⁻¹∇_q̇D, and the rest are both unchanged by (L, D) → (cL, cD); they are compared with the true ones (the same pendulum without friction gives the true rest) along the same true motion, which tells a dissipation error from an error of L.',
      ],
    },
  ];
}

export function dampedNotes(scale: Scale, s: DampedSettings): string[] {
  return [
    `Setting (${scale}): the double pendulum (m = l = 1, g = 9.8) with joint friction b₁ = ${s.friction.b1}, b₂ = ${s.friction.b2} (D = ½(b₁θ̇₁² + b₂(θ̇₂ − θ̇₁)²)); ${s.trainCount.toLocaleString('en')} training states (angles uniform in ±${s.maxAngle}, angular velocities uniform in ±${s.maxSpeed}${s.energyMargin === null ? '' : `, kept only when their true energy above rest is at most ${1 + s.energyMargin} × that of the highest initial state: the energies the rollouts visit`}) with their true accelerations. ` +
      'The regime is moderate on purpose (released from rest at |θ| ≤ 1 rad, losing energy): there the motion is not chaotic, so a model error does not grow exponentially along a rollout; the chaotic stress test of the dissipation and force terms is the driven pendulum. ' +
      `Both models: L an MLP ${[6, ...s.hidden, 1].join(' → ')} on (cos θ, sin θ, θ̇) (softplus), ${s.steps.toLocaleString('en')} Adam steps (β₂ = ${s.beta2}) at batch ${s.batchSize}, L1 loss with each residual capped at ${s.lossCap} rad/s², one-cycle schedule peaking at ${s.peak}, gradient clipping at 100, definiteness guard weight ${s.definiteness.weight}${s.definiteness.sign === 'positive' ? ' accepting only a positive-definite H_vv (the share of its eigenvalue mass that is negative is penalised: with D ≥ 0, q̈ fixes (L, D) only up to a POSITIVE factor, and the default guard, content with either sign, let seed 4 settle on a negative-definite L whose D could not be fitted)' : ' (either sign)'}, the weights of the evaluation with the lowest loss on ${s.validationCount.toLocaleString('en')} separate validation states kept. ` +
      `The dissipative LNN adds D = ½‖C(q)ᵀθ̇‖² with C lower triangular from an MLP ${[4, ...s.dissipationHidden, 3].join(' → ')} of (cos θ, sin θ) — D ≥ 0 for every weight — and solves q̈ = H_vv⁻¹(∇_q L − H_vq q̇ − ∇_q̇ D). Rollouts: RK4 at dt = ${s.rollout.dt} to t = ${s.rollout.tEnd} from ${DAMPED_INITIAL_STATES.length} states at rest.`,
  ];
}

export function dampedFigures(run: DampedRun): Figure[] {
  return [
    {
      file: 'damped-energy.svg',
      caption: 'Damped double pendulum: the true energy E along the true motion (dashed) and along each model\'s rollout, from three states at rest',
      spec: dampedEnergySpec(run.times, run.truthEnergy, [
        { label: 'LNN with learned dissipation', energy: run.lnnD.energy },
        { label: 'LNN without dissipation', energy: run.lnn.energy },
      ]),
    },
    {
      file: 'damped-training.svg',
      caption: 'Damped double pendulum: held-out q̈ loss during training',
      spec: trainingCurveSpec(
        [
          ...run.lnnD.training.evaluations.map(([step, loss]) => ({ step, loss, model: 'with dissipation' })),
          ...run.lnn.training.evaluations.map(([step, loss]) => ({ step, loss, model: 'without dissipation' })),
        ],
        'held-out L1 of q̈',
        200,
      ),
    },
  ];
}
