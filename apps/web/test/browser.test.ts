/**
 * The demo in a real browser: the built site (dist/site) in Debian's Chromium, driven by
 * playwright-core. Each page must start without console errors; the double pendulum must advance,
 * keep the LNN's true energy within LNN_DRIFT_BOUND over 10 simulated seconds and below the MLP's,
 * follow a drag and the keyboard, and report its frame rate; the wave must advance and follow a
 * pluck; the training page must lower its loss while the page keeps drawing; every page must fit a
 * narrow screen and name its controls. Screenshots go to .test-results/screenshots (and to the
 * committed apps/web/screenshots with LNN_UPDATE_SCREENSHOTS=1). Without a Chromium the test is
 * skipped with one line naming the Debian package (and fails under CI, which installs it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bobPositions, dragAngles, fitGeometry } from '../src/double-pendulum/geometry';
import { pluckAt } from '../src/wave/string-canvas';
import { DRIFT_SECONDS, LNN_DRIFT_BOUND, TRAINING_LOSS_RATIO, TRAINING_STEPS_CHECKED } from './bounds';
import { findChromium, NO_CHROMIUM } from './chromium';
import { APP, Site, textValue, value, type OpenPage } from './site';

const executable = findChromium();
if (executable === undefined) {
  // Printed here, and again by `pnpm test` (scripts/run-tests.mjs) just above its closing line.
  console.log(NO_CHROMIUM);
  mkdirSync(path.join(APP, '.test-results'), { recursive: true });
  writeFileSync(path.join(APP, '.test-results', 'notices.txt'), `${NO_CHROMIUM}\n`);
}

if (executable === undefined && process.env.CI !== undefined && process.env.CI !== '') {
  describe('Chromium under CI', () => {
    it('is installed (.ci/run installs the Debian package chromium)', () => {
      throw new Error(NO_CHROMIUM);
    });
  });
}

describe.skipIf(executable === undefined)('the built site in Chromium', () => {
  let site: Site;
  beforeAll(async () => {
    site = await Site.start(executable as string);
  }, 120_000);
  afterAll(async () => {
    await site?.stop();
  });

  describe('double pendulum (index.html)', () => {
    let open: OpenPage;
    beforeAll(async () => {
      open = await site.open('index.html');
    }, 180_000);
    afterAll(async () => {
      await open?.page.close();
    });

    it('advances the simulation and reports its frame rate and backend', async () => {
      const { page } = open;
      const before = await value(page, 'sim-time');
      await page.waitForFunction((t) => Number(document.querySelector<HTMLOutputElement>('#sim-time')?.dataset.value) > t + 0.2, before, { timeout: 60_000 });
      await page.waitForTimeout(3000);
      const fps = await value(page, 'fps');
      const backend = await textValue(page, 'backend');
      expect(fps).toBeGreaterThan(0);
      expect(backend).toMatch(/^(wasm|cpu|webgl)/);
      mkdirSync(path.join(APP, '.test-results'), { recursive: true });
      writeFileSync(path.join(APP, '.test-results', 'web-frame-rate.json'), `${JSON.stringify({ page: 'double pendulum, both models, speed ×1', framesPerSecond: fps, backend }, null, 2)}\n`);
      console.log(`double-pendulum page: ${fps.toFixed(1)} simulated frames/s with both models (${backend})`);
    }, 120_000);

    it(`keeps the LNN's true-energy drift over ${DRIFT_SECONDS} s below ${100 * LNN_DRIFT_BOUND} % and below the MLP's`, async () => {
      const { page } = open;
      // From the page's start state; ×8 draws once per 8 steps (same steps, so the same drift).
      await page.locator('#reset').click();
      await page.selectOption('#speed', '8');
      try {
        await page.waitForFunction(() => document.querySelector<HTMLOutputElement>('#drift10-truth')?.dataset.done === 'true', null, { timeout: 600_000 });
      } finally {
        await page.selectOption('#speed', '1');
      }
      await Site.screenshot(page, 'double-pendulum');
      const drift = { truth: await value(page, 'drift10-truth'), lnn: await value(page, 'drift10-lnn'), mlp: await value(page, 'drift10-mlp') };
      const scale = await textValue(page, 'model-source');
      console.log(`double-pendulum drift over ${DRIFT_SECONDS} s (÷ 29.4 J): truth ${drift.truth.toExponential(2)}, LNN ${drift.lnn.toExponential(3)}, MLP ${drift.mlp.toExponential(3)} (models from a '${scale}' run)`);
      // The truth (Dormand–Prince at 1e-10) checks the bookkeeping itself.
      expect(drift.truth).toBeLessThan(1e-6);
      expect(drift.lnn, `LNN drift ${drift.lnn} ≥ bound ${LNN_DRIFT_BOUND} (models from a '${scale}' run; export them from a quick run)`).toBeLessThan(LNN_DRIFT_BOUND);
      expect(drift.lnn).toBeLessThan(drift.mlp);
    }, 660_000);

    it('follows a drag of the lower bob, and the arrow keys', async () => {
      const { page } = open;
      await page.locator('#play').click(); // pause, then reset: the pendulum rests at the start state
      expect(await page.evaluate(() => document.body.dataset.playing)).toBe('false');
      await page.locator('#reset').click();
      const [t1, t2] = JSON.parse(await textValue(page, 'start-state')) as number[];
      const box = await page.locator('#canvas-lnn').boundingBox();
      if (box === null) throw new Error('#canvas-lnn is not visible.');
      const g = fitGeometry(box.width, box.height);
      const [, bob] = bobPositions(t1 as number, t2 as number, g);
      const target = [g.pivotX + 0.3 * g.scale, g.pivotY + 1.9 * g.scale] as const;
      await page.mouse.move(box.x + bob[0], box.y + bob[1]);
      await page.mouse.down();
      await page.mouse.move(box.x + target[0], box.y + target[1], { steps: 6 });
      await page.mouse.up();
      const after = JSON.parse(await textValue(page, 'start-state')) as number[];
      const expected = dragAngles(1, target[0], target[1], t1 as number, t2 as number, g);
      expect(after[0]).toBeCloseTo(t1 as number, 6);
      expect(Math.abs((after[1] as number) - expected[1])).toBeLessThan(0.02);
      expect(Math.abs((after[1] as number) - (t2 as number))).toBeGreaterThan(0.5);
      expect(await value(page, 'sim-time')).toBe(0);
      await page.locator('#canvas-lnn').focus();
      await page.keyboard.press('ArrowLeft');
      const keyed = JSON.parse(await textValue(page, 'start-state')) as number[];
      expect(Math.abs((keyed[0] as number) - ((after[0] as number) - 0.05))).toBeLessThan(1e-9);
      await page.locator('#play').click();
      const t = await value(page, 'sim-time');
      await page.waitForFunction((t0) => Number(document.querySelector<HTMLOutputElement>('#sim-time')?.dataset.value) > t0, t, { timeout: 60_000 });
    }, 120_000);

    it('printed no console error', () => {
      expect(open.errors).toEqual([]);
    });
  });

  describe('wave (wave.html)', () => {
    let open: OpenPage;
    beforeAll(async () => {
      open = await site.open('wave.html');
    }, 180_000);
    afterAll(async () => {
      await open?.page.close();
    });

    it('advances both strings and reports both energies', async () => {
      const { page } = open;
      const before = await value(page, 'sim-time');
      await page.waitForFunction((t) => Number(document.querySelector<HTMLOutputElement>('#sim-time')?.dataset.value) > t + 1, before, { timeout: 60_000 });
      expect(await value(page, 'energy-truth')).toBeGreaterThan(0);
      expect(await textValue(page, 'status-truth')).toBe('running');
      await Site.screenshot(page, 'wave');
    }, 120_000);

    it('follows a pluck', async () => {
      const { page } = open;
      const canvas = page.locator('#canvas-truth');
      const box = await canvas.boundingBox();
      if (box === null) throw new Error('#canvas-truth is not visible.');
      const [x, y] = [0.7 * box.width, 0.25 * box.height];
      await page.mouse.move(box.x + x, box.y + y);
      await page.mouse.down();
      const held = JSON.parse(await textValue(page, 'pluck')) as { center: number; height: number };
      const expected = pluckAt(x, y, box.width, box.height, 100);
      expect(held.center).toBe(expected.center);
      expect(Math.abs(held.height - expected.height)).toBeLessThan(1e-9);
      expect(await value(page, 'sim-time')).toBe(0);
      const field = JSON.parse(await textValue(page, 'field-state')) as number[];
      expect(Math.abs((field[expected.center] as number) - expected.height)).toBeLessThan(1e-3);
      await page.mouse.up();
      await page.waitForFunction(() => Number(document.querySelector<HTMLOutputElement>('#sim-time')?.dataset.value) > 0.5, null, { timeout: 60_000 });
    }, 120_000);

    it('printed no console error', () => {
      expect(open.errors).toEqual([]);
    });
  });

  describe('training (train.html)', () => {
    let open: OpenPage;
    beforeAll(async () => {
      open = await site.open('train.html');
    }, 180_000);
    afterAll(async () => {
      await open?.page.close();
    });

    it(`lowers the loss below ${TRAINING_LOSS_RATIO} × its first report within ${TRAINING_STEPS_CHECKED} steps, in a worker, while the page keeps drawing`, async () => {
      const { page } = open;
      await page.waitForFunction((steps) => Number(document.querySelector<HTMLOutputElement>('#train-step')?.dataset.value) >= steps, TRAINING_STEPS_CHECKED, { timeout: 600_000 });
      const loss = await value(page, 'loss');
      const first = Number(await page.locator('#loss').getAttribute('data-first'));
      console.log(`in-browser training: loss ${first.toPrecision(3)} → ${loss.toPrecision(3)} by step ${await value(page, 'train-step')} (${await textValue(page, 'worker-backend')})`);
      expect(loss).toBeLessThan(TRAINING_LOSS_RATIO * first);
      // The page's own frames keep coming while the worker trains.
      expect(await value(page, 'page-fps')).toBeGreaterThan(5);
      await Site.screenshot(page, 'train');
    }, 660_000);

    it('printed no console error', () => {
      expect(open.errors).toEqual([]);
    });
  });

  describe('on a narrow screen (375 px), with labelled controls', () => {
    for (const file of ['index.html', 'wave.html', 'train.html']) {
      it(`${file} fits without sideways scrolling and names every control`, async () => {
        const { page, errors } = await site.open(file, 375, 800);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        const unnamed = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('button, select, input, canvas[tabindex], a')]
            .filter((e) => {
              const labelled = (e as HTMLInputElement).labels?.length ?? 0;
              return labelled === 0 && !e.getAttribute('aria-label') && (e.textContent ?? '').trim() === '';
            })
            .map((e) => e.outerHTML.slice(0, 80)),
        );
        expect(unnamed).toEqual([]);
        if (file === 'index.html') await Site.screenshot(page, 'double-pendulum-narrow');
        expect(errors).toEqual([]);
        await page.close();
      }, 180_000);
    }
  });
});
