import { describe, expect, it } from 'vitest';
import { bundleTfjsGradients, rewriteToPublicImports } from './tfjs-gradients';

const publicApi = {
  mul: () => 0,
  engine: () => 0,
  util: { parseAxisParam: () => 0 },
  backend_util: { getReductionAxes: () => 0, assertAndGetBroadcastShape: () => 0 },
  slice_util: {},
};

describe('rewriteToPublicImports', () => {
  it('sends imports of public names to the package', () => {
    const out = rewriteToPublicImports("import { mul } from '../ops/mul';", publicApi);
    expect(out).toBe("import { mul } from '@tensorflow/tfjs-core';");
  });

  it('reaches names inside public namespaces, keeping local aliases', () => {
    const out = rewriteToPublicImports(
      "import { getReductionAxes as axes, assertAndGetBroadcastShape } from '../ops/broadcast_util';",
      publicApi,
    );
    expect(out).toBe(
      "import { backend_util as __tfjs0_backend_util } from '@tensorflow/tfjs-core';" +
        ' const axes = __tfjs0_backend_util.getReductionAxes;' +
        ' const assertAndGetBroadcastShape = __tfjs0_backend_util.assertAndGetBroadcastShape;',
    );
  });

  it('maps the internal ENGINE singleton to engine()', () => {
    const out = rewriteToPublicImports("import { ENGINE } from '../engine';", publicApi);
    expect(out).toBe("import { engine as __tfjs0_engine } from '@tensorflow/tfjs-core'; const ENGINE = __tfjs0_engine();");
  });

  it('leaves an import alone when any of its names is not public', () => {
    const statement = "import { mul, conv2DBackpropFilter } from '../ops/internal';";
    expect(rewriteToPublicImports(statement, publicApi)).toBe(statement);
  });

  it('leaves package imports and side-effect imports alone', () => {
    const source = "import { mul } from 'other';\nimport './abs';";
    expect(rewriteToPublicImports(source, publicApi)).toBe(source);
  });
});

describe('bundleTfjsGradients', () => {
  it('bundles without a second copy of the engine or of the op library', async () => {
    const code = await bundleTfjsGradients();
    expect(code).toContain('export {');
    expect(code).toMatch(/from "@tensorflow\/tfjs-core"/);
    // engine.js and the public op wrappers must come from the user's tfjs-core, not the bundle.
    expect(code).not.toMatch(/tfjs-core\/dist\/engine\.js/);
    expect(code).not.toMatch(/tfjs-core\/dist\/ops\/mul\.js/);
    expect(code).not.toMatch(/tfjs-core\/dist\/platforms\/platform_node\.js/);
  });
});
