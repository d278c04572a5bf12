import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { propertyTableMetrics } from './analysis';
import { propertyTableData } from './data';
import { propertyTables } from './report';
import { measureOwnModel, type OwnMeasurement } from './rollout';
import { PROPERTY_TABLE_SETTINGS, type PropertyTableSettings } from './settings';
import { ownModels, trainOwnModel } from './training';

/**
 * The stages in order: data; for the MLP, then the neural ODE, its training and its rollouts; the
 * metrics (with the relativistic experiment's); the table.
 */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as PropertyTableSettings;
  const relativistic = context.previous.relativistic;
  if (relativistic === undefined) throw new Error('property table: the relativistic experiment has no result in this run; run it first (it is added to --only automatically).');
  const data = propertyTableData(context, s);
  const own: Record<string, OwnMeasurement> = {};
  for (const model of ownModels(context, s)) {
    own[model.name] = measureOwnModel(context, data, model, trainOwnModel(context, s, data, model));
    model.model.dispose();
  }
  const metrics = propertyTableMetrics(s, own, relativistic);
  return { metrics, tables: propertyTables(s, metrics), figures: [], notes: [] };
}

/** Experiment 4: the paper's property table, each cell backed by a measurement where one exists. */
export const propertyTableExperiment: Experiment = {
  id: 'property-table',
  title: 'Property table: neural net, neural ODE, HNN, DeLaN, LNN',
  paper: "the paper's table of which model learns what",
  minutes: { test: 0.02, quick: 0.1 },
  plan: {
    test: 'a miniature (seconds)',
    quick: 'cells from the relativistic experiment, plus an MLP and a neural ODE trained on the same data',
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: 'as quick, at the full scale',
  },
  settings: PROPERTY_TABLE_SETTINGS,
  needs: ['relativistic'],
  run,
};
