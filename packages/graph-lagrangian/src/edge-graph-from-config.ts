import { edgeGraph, type EdgeGraph, type EdgeGraphConfig } from './edge-graph';
import { gridEdgeGraph } from './grid-edge-graph';

/**
 * Rebuilds an edge graph from its configuration (as saved with a model).
 *
 * @example
 * import { edgeGraphFromConfig, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * const same = edgeGraphFromConfig(gridEdgeGraph(4, 4, { boundary: 'clamped' }).config);
 * console.log(same.config, same.dof); // { kind: 'grid-edges', rows: 4, cols: 4, boundary: 'clamped' } 16
 */
export function edgeGraphFromConfig(config: EdgeGraphConfig): EdgeGraph {
  switch (config?.kind) {
    case 'edges': {
      const { nodes, edges, components, pinned, edgeFeatures, featureWidth } = config;
      return edgeGraph({ nodes, edges, ...(components === undefined ? {} : { components }), ...(pinned === undefined ? {} : { pinned }), ...(edgeFeatures === undefined ? {} : { edgeFeatures }), ...(featureWidth === undefined ? {} : { featureWidth }) });
    }
    case 'grid-edges':
      return gridEdgeGraph(config.rows, config.cols, { boundary: config.boundary });
    default:
      throw new TypeError(`edgeGraphFromConfig: config.kind must be 'edges' or 'grid-edges', received ${JSON.stringify((config as { kind?: unknown } | undefined)?.kind)}.`);
  }
}
