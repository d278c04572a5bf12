import { fixedEndsGraph } from './fixed-ends-graph';
import type { Graph, GraphConfig } from './graph';
import { neighbourGraph } from './neighbour-graph';
import { periodicGridGraph } from './periodic-grid-graph';
import { ringGraph } from './ring-graph';

/**
 * Rebuilds a graph from its configuration (as saved with a model).
 *
 * @example
 * import { graphFromConfig, ringGraph } from '@lnn/graph-lagrangian';
 * const same = graphFromConfig(ringGraph(100).config);
 * console.log(same.config, same.structure); // { kind: 'ring', n: 100 } periodic-banded
 */
export function graphFromConfig(config: GraphConfig): Graph {
  switch (config?.kind) {
    case 'ring':
      return ringGraph(config.n);
    case 'fixed-ends':
      return fixedEndsGraph(config.n);
    case 'periodic-grid':
      return periodicGridGraph(config.rows, config.cols);
    case 'neighbour-lists':
      return neighbourGraph(config.neighbours);
    default:
      throw new TypeError(
        `graphFromConfig: config.kind must be 'ring', 'fixed-ends', 'periodic-grid' or 'neighbour-lists', received ${JSON.stringify((config as { kind?: unknown } | undefined)?.kind)}.`,
      );
  }
}
