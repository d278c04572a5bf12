/**
 * The model kinds of the lnn packages, by the name in a saved manifest: which package exports
 * each one's `ModelKind`, and under what name. Only for `loadModel`'s error message (this package
 * cannot import the others: they depend on it); the packages' tests check their entries.
 */
export const KNOWN_KINDS: Readonly<Record<string, { readonly exportName: string; readonly packageName: string }>> = {
  'mlp-lagrangian': { exportName: 'mlpLagrangianKind', packageName: '@lnn/lagrangian' },
  'dissipative-lagrangian': { exportName: 'dissipativeLagrangianKind', packageName: '@lnn/lagrangian' },
  'mlp-dynamics': { exportName: 'mlpDynamicsKind', packageName: '@lnn/baselines' },
  'neural-ode': { exportName: 'neuralOdeKind', packageName: '@lnn/baselines' },
  hnn: { exportName: 'hnnKind', packageName: '@lnn/baselines' },
  delan: { exportName: 'delanKind', packageName: '@lnn/baselines' },
  'graph-lagrangian': { exportName: 'graphLagrangianKind', packageName: '@lnn/graph-lagrangian' },
};
