import type { Scale, Table } from '../../experiment';
import { INITIAL_CONDITIONS, type MembraneSettings } from './settings';
import type { MembraneTraining } from './training';

/** The membrane experiment's tables: the targets beside this run, and the rollouts per initial condition. */
export function membraneTables(s: MembraneSettings): Table[] {
  const { n, tEnd, dt } = s.rollout;
  const g = s.trainGrid;
  return [
    {
      title: `The targets (issue 19) beside this run: trained on ${g} × ${g}, run on ${n} × ${n}`,
      columns: ['claim', 'target', 'this run'],
      rows: [
        ['held-out acceleration loss (L1) on the training grid, trained density', '—', { metric: 'heldOutLoss' }],
        ['held-out loss untrained → trained (ratio)', '—', { metric: 'improvement', suffix: '×' }],
        ['predicting φ̈ = 0 (for scale)', '—', { metric: 'zeroPredictorLoss' }],
        [`true-energy drift of the learned rollouts on ${n} × ${n} to t = ${tEnd}, worst of both initial conditions`, '≤ 1 %', { metric: 'worstTrueEnergyDrift', percent: true }],
        [`ω²(k) of the learned linearised dynamics: worst relative error over every mode k ≠ 0 of the ${n} × ${n} grid`, '≤ 2 %', { metric: 'dispersion.maxRelativeError', percent: true }],
        ['the worst mode: mx (periods along x)', '—', { metric: 'dispersion.worst.mx' }],
        ['the worst mode: my (periods along y)', '—', { metric: 'dispersion.worst.my' }],
        ['the worst mode: learned ω²', '—', { metric: 'dispersion.worst.learned' }],
        ['the worst mode: true ω²', '—', { metric: 'dispersion.worst.truth' }],
        ['modes k ≠ 0 of the grid', '—', { metric: 'dispersion.modes' }],
        ['of them within 2 %', 'all', { metric: 'dispersion.within2Percent' }],
        ['relative ω² error over every mode k ≠ 0: median', '—', { metric: 'dispersion.median', percent: true }],
        ['same: 75th percentile', '—', { metric: 'dispersion.q75', percent: true }],
        ['same: 99th percentile', '—', { metric: 'dispersion.p99', percent: true }],
        ['modes with no real ω (unstable)', '0', { metric: 'dispersion.unstable' }],
        [`same, worst over the long waves |mx|, |my| ≤ ${s.rollout.fieldModes}`, '—', { metric: 'dispersion.longWaveMaxRelativeError', percent: true }],
        [`same, worst over the ${g} × ${g} training grid's own modes`, '—', { metric: 'dispersion.trainingGrid.maxRelativeError', percent: true }],
        ['K/M of the uniform mode (true: 0)', '0', { metric: 'dispersion.zeroMode' }],
        ['largest frequency split of waves along +k and −k, |γ/M| / ω (true: 0)', '0', { metric: 'dispersion.gyroscopicSplit', percent: true }],
        ['the learned model\'s force at rest: max |φ̈| at φ = φ̇ = 0 (true: 0)', '0', { metric: 'dispersion.restAcceleration' }],
        ['check: K/M from the model\'s own accelerations (impulse response) against the Hessian\'s, max gap / ω²', '≈ 0', { metric: 'dispersion.impulseCheck', percent: true }],
      ],
      notes: [
        'ω²(k): the learned L summed over a periodic grid has a translation-invariant Hessian, so each plane wave is a mode of the dynamics linearised about rest, with M(k) ω² + γ(k) ω − K(k) = 0 (M, −K the Fourier symbols of H_vv and H_qq; γ from H_qv − H_vq). They come from the density\'s 10 × 10 Hessian at rest, exactly for any grid size; the truth is wave2d\'s 4 (sin²(kx/2) + sin²(ky/2)). The constant force at rest does not enter ω²; it is the force-at-rest row.',
        'Energy drift: max over the output times of |E(t) − E(0)| / E(0), E the true energy ½ Σ φ̇² + ½ Σ_edges (Δφ)² of the predicted states.',
      ],
    },
    {
      title: `Rollouts on the ${n} × ${n} grid to t = ${tEnd} (RK4, dt = ${dt}), learned density against the exact discrete membrane`,
      columns: ['initial condition', 'true energy: max drift', 'true energy: final drift', 'of it: the uniform mode\'s kinetic energy at the end', 'true energy without the uniform mode: max drift', 'learned energy: max drift', 'its float32 resolution', 'integrator floor (true equations, same RK4): max drift', 'field error at ¼ of the horizon', '½', 'end', 'status'],
      rows: (['bump', 'field'] as const).map((key, b) => [
        INITIAL_CONDITIONS[b] as string,
        { metric: `${key}.trueEnergy.maxDrift`, percent: true },
        { metric: `${key}.trueEnergy.finalDrift`, percent: true },
        { metric: `${key}.trueEnergy.finalUniformKinetic`, percent: true },
        { metric: `${key}.trueEnergy.maxDriftWithoutUniform`, percent: true },
        { metric: `${key}.learnedEnergy.maxDrift`, percent: true },
        { metric: `${key}.learnedEnergy.float32Resolution`, percent: true },
        { metric: `${key}.integratorFloor.maxDrift`, percent: true },
        { metric: `${key}.fieldError.quarter`, percent: true },
        { metric: `${key}.fieldError.half`, percent: true },
        { metric: `${key}.fieldError.final`, percent: true },
        { metric: `${key}.status` },
      ]),
      notes: [
        'Field error: ‖φ_learned(t) − φ_true(t)‖₂ / ‖φ_true(t)‖₂ over the grid, against the exact discrete membrane integrated by adaptive Dormand–Prince at 1e-10.',
        'The uniform mode: the true membrane exerts no force on a uniform field, so its mean velocity is conserved (0 here). A learned density with a small linear term has a constant force at rest (the force-at-rest row of the table above): it accelerates the mean of φ steadily, and the kinetic energy ½ n (mean φ̇)² of that drift grows as t². Its share of the true energy at the end, and the drift with it left out, separate this from the rest of the learned dynamics\' error.',
      ],
    },
    {
      title: 'Cost',
      columns: ['what', 'this run'],
      rows: [
        ['training (all candidates and the continued one), seconds', { metric: 'training.seconds' }],
        ['training batches with states solved densely (conjugate gradient met an indefinite H_vv there)', { metric: 'training.denseFallbacks' }],
        [`learned rollout on ${n} × ${n}, seconds`, { metric: 'rollout.seconds' }],
        [`accelerations of the ${n} × ${n} model per second (both initial conditions in one batch)`, { metric: 'rollout.accelerationsPerSecond' }],
      ],
    },
  ];
}

/** The report's paragraphs: the setting and the integrator. */
export function membraneNotes(scale: Scale, s: MembraneSettings, training: MembraneTraining): string[] {
  const { n, tEnd, dt, bumpWidth, fieldModes } = s.rollout;
  const g = s.trainGrid;
  return [
    `Setting (${scale}): the 2D wave equation φ̈ = ∇²φ on a periodic grid (wave2d, Δx = c = 1, the 5-point Laplacian). A Lagrangian graph network (GraphLagrangian on periodicGridGraph: one density ${[10, ...s.hidden, 1].join(' → ')} over each node's (self, left, right, up, down) φ and φ̇) is trained on the ${g} × ${g} grid ` +
      `(${s.trainCount.toLocaleString('en')} states; φ and φ̇ each a smooth random field of plane waves |m| ≤ ${s.sampler.modes} scaled by U(${s.sampler.minScale}, 1), plus a uniform offset U(−${s.sampler.offset}, ${s.sampler.offset}) and white noise of standard deviation U(0, ${s.sampler.noise}) — the 1D wave's recipe — and in a share ${s.sampler.nearRest} of them field and noise scaled by ${s.sampler.restScale}, states near rest where the only error left is a constant force); ` +
      `${s.steps.toLocaleString('en')} steps at batch ${s.batchSize}, L1 loss, Adam with a one-cycle schedule peaking at ${s.peak}; the best of ${training.candidateSeeds.length} initialisations after ${s.probeSteps} steps each on separate validation states (seeds ${training.candidateSeeds.join(', ')}, validation losses ${(training.summary.candidates ?? []).map((p) => p.toPrecision(2)).join(', ')}; seed ${training.modelSeed} continued). Initialisations whose H_vv is indefinite at some validation state were passed over before (${training.rejectedSeeds.length === 0 ? 'none' : `seeds ${training.rejectedSeeds.join(', ')}`}): conjugate gradient cannot solve them, and training them through the dense fallback costs ~10× per step. ` +
      `The same weights then run on the ${n} × ${n} grid (GraphLagrangian.onGraph; saved as models/membrane/lgn-grid${n}), where H_vv is solved by Jacobi-preconditioned conjugate gradient.`,
    `Training through conjugate gradient needs a definite H_vv at every state of a batch, which a random initialisation often does not have; where CG reports an indefinite one, the accelerations of those states are solved dense (the same Euler–Lagrange equation, H_vv assembled 64 × 64, pseudoinverse), the rest of the batch by CG — ${training.denseFallbacks} batch(es) of the chosen model's run in this process (a resumed run counts from where it resumed).`,
    `Integrator: RK4 at dt = ${dt} on the learned model (${4 * Math.ceil(tEnd / dt - 1e-9)} accelerations to t = ${tEnd}). The variational integrator of @lnn/ode would conserve the learned energy exactly in the long run, but it solves its implicit step with a dense n × n LU, out of reach at n = ${n * n}; Störmer–Verlet assumes q̈ = a(q), which a learned L need not satisfy. RK4 is not symplectic, but its energy error at this step is far below the learned model's own error: the integrator floor column (the true equations by the same RK4) bounds what the integrator adds. Initial conditions: a Gaussian bump at rest (width ${bumpWidth} grid points, peak 1) spreading as a ring, and a smooth random field of travelling plane waves |m| ≤ ${fieldModes} (peak 1).`,
  ];
}
