/**
 * Rebuilds a model from a web model file's contents: its kind's constructor on its configuration,
 * then its saved weights (`assignVariables`, which checks count and shapes). The kinds the pages
 * show are listed explicitly.
 */
import { MlpDynamics, type MlpDynamicsConfig } from '@lnn/baselines';
import { GraphLagrangian, type GraphLagrangianConfig } from '@lnn/graph-lagrangian';
import { assignVariables, MlpLagrangian, type DynamicsModel, type MlpLagrangianConfig } from '@lnn/lagrangian';
import type { WebModel } from './web-model';

const CONSTRUCTORS: Readonly<Record<string, (config: Readonly<Record<string, unknown>>) => DynamicsModel>> = {
  'mlp-lagrangian': (config) => new MlpLagrangian(config as unknown as MlpLagrangianConfig),
  'mlp-dynamics': (config) => new MlpDynamics(config as unknown as MlpDynamicsConfig),
  'graph-lagrangian': (config) => new GraphLagrangian(config as unknown as GraphLagrangianConfig),
};

/** The model kinds a web model file may hold. */
export const WEB_MODEL_KINDS = Object.keys(CONSTRUCTORS);

/**
 * The model a decoded web model file describes, with its exact weights (a backend must be running).
 *
 * @example
 * const lnn = buildModel(decodeWebModel(json, url, { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION }), url);
 */
export function buildModel(web: WebModel, where: string): DynamicsModel {
  const make = CONSTRUCTORS[web.kind];
  if (make === undefined) throw new Error(`buildModel: ${where} holds a model of kind ${JSON.stringify(web.kind)}; the pages show ${WEB_MODEL_KINDS.join(', ')}.`);
  const model = make(web.config);
  try {
    assignVariables(model, web.arrays, `buildModel: ${where}`);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
