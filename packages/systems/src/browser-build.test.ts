import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectBrowserBuild } from '@lnn/test-utils';
import { describe, expect, it } from 'vitest';
import type * as Api from './index';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Systems = typeof Api;

describe('the browser build (dist/browser, the `browser` export condition)', () => {
  it('is what a browser bundler takes, and bundles with no Node built-in and no warning', async () => {
    await expectBrowserBuild(packageDir);
  });

  it('encodes and decodes data sets, and says that files need Node', async () => {
    const browser = (await import(path.join(packageDir, 'dist', 'browser', 'index.js'))) as Systems;
    const dp = browser.doublePendulum();
    const dataset = browser.accelerationDataset(dp, { count: 4, seed: 1, sample: dp.sampleTrainingState });
    expect(browser.decodeDataset(browser.encodeDataset(dataset))).toEqual(dataset);
    expect(() => browser.writeDataset('data/dp.lnnd', dataset)).toThrow(/writeDataset and readDataset need Node\.js's file system.*encodeDataset/);
    expect(() => browser.readDataset('data/dp.lnnd')).toThrow(/need Node\.js's file system/);
  });
});
