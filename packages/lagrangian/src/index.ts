/**
 * @lnn/lagrangian — the Lagrangian Neural Network: Euler–Lagrange solver, the MLP Lagrangian,
 * training for any dynamics model (also from positions alone), rollouts (also variational), energy, save/load.
 */
export type { Lagrangian } from './lagrangian';
export {
  canonicalMomentum,
  checkStates,
  conditioning,
  eulerLagrange,
  eulerLagrangeWithHessian,
  lagrangianDerivatives,
  lagrangianEnergy,
  type Conditioning,
  type Derivatives,
  type EulerLagrangeOptions,
} from './euler-lagrange';
export { toSolver, type Inverse, type LegacySolverOptions, type SolverConfig } from './solver-option';
export type { DynamicsModel } from './dynamics-model';
export { MlpLagrangian, layerSeed, mlpLagrangianKind, paperInitStd, type AngleTransform, type InputScale, type InputScaleConfig, type MlpLagrangianConfig } from './mlp-lagrangian';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, assignVariables, loadModel, loadWeights, saveModel, variableArrays, type LoadModelOptions } from './model-io';
export type { LoadContext, ModelKind } from './model-kind';
export { learningRate, type Schedule } from './schedule';
export { packData, type TrainingData } from './training-data';
export type { DefinitenessGuard, DefinitenessSign } from './definiteness';
export { evaluate, train, type Progress, type TrainOptions, type TrainResult } from './trainer';
export { rollout, type RolloutOptions } from './rollout';
export { rolloutEnergies } from './rollout-energy';
export { discreteEulerLagrangeResidual, discreteLagrangian, discreteLagrangianGradients } from './discrete-lagrangian';
export { discreteEulerLagrangeStep, type DiscreteStepOptions } from './discrete-step';
export { richardsonEulerLagrangeResidual } from './richardson-residual';
export type { PositionData } from './position-data';
export type { PositionMethod, PositionModel } from './position-loss';
export { evaluatePositions, trainFromPositions, type PositionTrainOptions, type PositionTrainResult } from './train-from-positions';
export { learnedLagrangianProblem, variationalRollout, type VariationalRolloutOptions } from './variational-rollout';
export { knownDissipation, type Dissipation } from './dissipation';
export { QuadraticDissipation, type QuadraticDissipationConfig } from './quadratic-dissipation';
export { InputForce, knownForce, type GeneralisedForce, type InputForceConfig } from './generalised-force';
export { DissipativeLagrangian, dissipativeLagrangianKind, type DissipativeLagrangianConfig, type KnownParts } from './dissipative-lagrangian';
export { energyBalance, type EnergyBalance } from './energy-balance';
export { trueDoublePendulum, type TrueDoublePendulumParameters } from './true-double-pendulum';
export { version } from './version';
