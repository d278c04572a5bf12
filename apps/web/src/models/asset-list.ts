/**
 * The model assets the pages load: each file in apps/web/models/ and the folder of a
 * `pnpm repro --out <dir>` run it is exported from (`export-models --from <dir>`).
 */
export const MODEL_ASSETS = [
  { file: 'double-pendulum-lnn.json', from: 'models/double-pendulum/lnn', kind: 'mlp-lagrangian' },
  { file: 'double-pendulum-mlp.json', from: 'models/double-pendulum/mlp', kind: 'mlp-dynamics' },
  { file: 'wave-lgn-ring100.json', from: 'models/wave/lgn-ring100', kind: 'graph-lagrangian' },
] as const;
