import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@lnn/autodiff';
import { rk4 } from '@lnn/ode';
import { expectBrowserBuild } from '@lnn/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Api from './index';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Lagrangian = typeof Api;

describe('the browser build (dist/browser, the `browser` export condition)', () => {
  let browser: Lagrangian;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    browser = (await import(path.join(packageDir, 'dist', 'browser', 'index.js'))) as Lagrangian;
  });

  it('is what a browser bundler takes, and bundles with no Node built-in and no warning', async () => {
    await expectBrowserBuild(packageDir);
  });

  it('builds, rolls out and trains models as the Node build does', () => {
    const model = new browser.MlpLagrangian({ dof: 1, hidden: [8], seed: 1 });
    const result = browser.train(model, { q: [0.1, -0.4, 0.9], qdot: [0, 0.5, -1], qdd: [-0.98, 3.8, -7.7] }, { steps: 3, batchSize: 3 });
    expect(result.steps).toBe(3);
    expect(browser.rollout(model, [0.3, 0], [0, 0.1], rk4({ dt: 0.05 })).ok).toBe(true);
    model.dispose();
  });

  it('says that saving, loading and checkpoints need Node, and what to do instead', () => {
    const model = new browser.MlpLagrangian({ dof: 1, hidden: [8], seed: 1 });
    expect(() => browser.saveModel(model, 'models/x')).toThrow(/saveModel, loadModel.*need Node\.js's file system.*assignVariables/);
    expect(() => browser.loadModel('models/x')).toThrow(/need Node\.js's file system/);
    expect(() => browser.train(model, { q: [0.1], qdot: [0], qdd: [-0.98] }, { steps: 1, checkpoint: { dir: 'runs/x', every: 1 } })).toThrow(/train's options\.checkpoint/);
    model.dispose();
  });
});
