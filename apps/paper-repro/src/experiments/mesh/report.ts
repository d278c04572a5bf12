import type { Scale, Table } from '../../experiment';
import type { TrainingSummary } from '../training';
import type { MeshSolvers } from './metrics';
import type { MeshSettings } from './settings';

/** The mesh experiment's tables: accelerations on both meshes, the solvers chosen, the rollout on the unseen mesh. */
export function meshTables(s: MeshSettings): Table[] {
  const { tEnd, dt } = s.rollout;
  return [
    {
      title: 'Densities learned on the disc, run with the same weights on the unseen rectangle',
      columns: ['quantity', 'disc (trained on)', `rectangle ${s.target.nx} × ${s.target.ny} (unseen)`],
      rows: [
        ['nodes', { metric: 'nodes.small' }, { metric: 'nodes.large' }],
        ['edges', { metric: 'edges.small' }, { metric: 'edges.large' }],
        ['shortest rest length', { metric: 'restLengths.small.min' }, { metric: 'restLengths.large.min' }],
        ['longest rest length', { metric: 'restLengths.small.max' }, { metric: 'restLengths.large.max' }],
        ['rest lengths outside the disc\'s range (never seen in training)', '—', { metric: 'restLengths.largeOutsideSmall' }],
        ['held-out acceleration error, mean |Δq̈| / mean |q̈| (predicting 0 = 100 %)', { metric: 'accelerationError.small', percent: true }, { metric: 'accelerationError.large', percent: true }],
        ['same, untrained densities', { metric: 'accelerationError.untrainedSmall', percent: true }, { metric: 'accelerationError.untrainedLarge', percent: true }],
        ['solver of H_vv chosen by the model (solverChoice.name)', { metric: 'solver.small.name' }, { metric: 'solver.large.name' }],
        ['solver used (the choice, unless it refused H_vv)', { metric: 'solver.small.used' }, { metric: 'solver.large.used' }],
        ['solver used for the untrained densities', '—', { metric: 'solver.untrainedLarge.used' }],
      ],
      notes: [
        'solverChoice.reason for each mesh is quoted in the notes below. Where CG (the choice on large meshes) refuses an indefinite H_vv with a LinalgError, the same weights are evaluated with reorderedBanded() (direct LU, any sign) and the refusal is quoted too.',
      ],
    },
    {
      title: `Rollout on the unseen rectangle to t = ${tEnd} (learned: RK4, dt = ${dt}; truth: Störmer–Verlet, dt = ${s.data.dt})`,
      columns: ['quantity', 'value'],
      rows: [
        ['position error ‖q − q_true‖ / ‖q_true − q_rest‖ at ¼ of the horizon', { metric: 'rollout.positionError.quarter', percent: true }],
        ['… at ½', { metric: 'rollout.positionError.half', percent: true }],
        ['… at the end', { metric: 'rollout.positionError.final', percent: true }],
        ['… largest over the times reached', { metric: 'rollout.positionError.max', percent: true }],
        ['true energy of the learned rollout: max relative drift |E(t) − E(0)| / E(0) over the times reached', { metric: 'rollout.trueEnergyDrift.max', percent: true }],
        ['true energy of the truth\'s own Verlet rollout: max relative drift', { metric: 'rollout.truthEnergyDrift.max', percent: true }],
        ['status', { metric: 'rollout.status' }],
        ['last output time reached', { metric: 'rollout.reached' }],
        ['rollout wall time, seconds', { metric: 'rollout.seconds' }],
        ['the same rollout on the training disc: status', { metric: 'discRollout.status' }],
        ['… last output time reached', { metric: 'discRollout.reached' }],
        ['… position error, largest over the times reached', { metric: 'discRollout.positionErrorMax', percent: true }],
        ['… true-energy drift, largest over the times reached', { metric: 'discRollout.trueEnergyDriftMax', percent: true }],
      ],
    },
  ];
}

/** The report's paragraphs: the setting, the solvers' reasons, and why a rollout stopped (the solver's refusal), if one did. */
export function meshNotes(scale: Scale, s: MeshSettings, training: TrainingSummary, solver: MeshSolvers, refusals: { readonly rectangle: string | null; readonly disc: string | null }): string[] {
  const { data, perturbation } = s;
  const keepBest = s.keepBest
    ? `the weights of the evaluation with the lowest loss on separate validation states of the disc (${s.validationTrajectories} rollouts) kept${training.keptStep === undefined ? ' (here the last ones were the best)' : ` (here those of step ${training.keptStep.toLocaleString('en')})`}`
    : 'the last weights kept';
  const r = s.restarts;
  const restarts =
    r === null
      ? []
      : [
          `Seed restarts, a safety net for the plateau lottery (measured on seed 4's data with the jitter-0.5 disc, 300 of 1,000 steps: without gradient clipping 3 of 4 initialisations stayed at the q̈ ≈ 0 plateau; with clipping both of those tried left it): up to ${r.candidates} initialisations, each trained ${r.trialSteps.toLocaleString('en')} steps of the run's schedule, the first whose validation L1 is below ${r.acceptRatio} × predicting 0 continues (else the best).` +
            (training.candidates === undefined ? '' : ` Candidates' validation L1: ${training.candidates.map((x) => x.toPrecision(3)).join(', ')}; kept: ${(training.chosen ?? 0) + 1}.`),
        ];
  return [
    `Setting (${scale}): a mass–spring network (m = k = 1, rest lengths those of the mesh, so the mesh is the equilibrium) with its boundary nodes pinned (held at rest; with free boundaries the network's translations and rotations are zero modes of the potential). ` +
      `EdgeGraphLagrangian with node and edge MLPs ${s.hidden.join(' → ')} (invariance 'euclidean': the node MLP sees |vᵢ|², the edge MLP [|Δx|², Δx·Δv, |Δv|², rest length]) trained on a triangulated disc of ${s.trainRings} rings (interior nodes moved by up to ${s.trainJitter / 2} of the ring spacing: the jitter sets the range of rest lengths seen in training; both meshes' ranges are in the table), ` +
      `${(data.trajectories * data.samplesPerTrajectory).toLocaleString('en')} states from ${data.trajectories} Störmer–Verlet rollouts (dt = ${data.dt}, to t = ${data.duration}) from perturbed states (displacement ${perturbation.displacement} × the mean rest length, velocity ${perturbation.velocity}, per component); ` +
      `${s.steps.toLocaleString('en')} steps at batch ${s.batchSize}, ${s.loss === 'l1' ? 'L1' : 'MSE'} loss on q̈, Adam with a one-cycle schedule peaking at ${s.peak}${s.clipNorm === null ? '' : `, gradients clipped to norm ${s.clipNorm}`}; ${keepBest}. ` +
      `The same weights then run on a jittered triangulated rectangle of ${s.target.nx} × ${s.target.ny} nodes (EdgeGraphLagrangian.onGraph); held-out states there come from the rectangle's own Verlet rollouts.`,
    ...restarts,
    `Solver on the disc: ${solver.small.reason}`,
    `Solver on the rectangle: ${solver.large.reason}`,
    ...[
      ['trained, disc', solver.small.refused],
      ['trained, rectangle', solver.large.refused],
      ['untrained, rectangle', solver.untrainedLarge.refused],
    ]
      .filter(([, refused]) => refused !== null)
      .map(([which, refused]) => `The chosen solver refused H_vv (${which}), so reorderedBanded() was used there: ${refused}`),
    ...[
      ['rectangle', refusals.rectangle],
      ['training disc', refusals.disc],
    ]
      .filter(([, refused]) => refused !== null)
      .map(([which, refused]) => `The rollout on the ${which} stopped where the solver refused H_vv: ${refused}`),
  ];
}
