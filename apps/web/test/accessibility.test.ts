/**
 * The site's accessibility in Debian's Chromium (playwright-core), page by page: axe-core finds
 * no serious or critical violation (at 1100 px and at 360 px); Tab reaches every control, in
 * order, each with a visible focus outline; each control works from the keyboard (the pendulum's
 * arrow keys included); the live regions do not announce values every frame; at 360 × 740 there
 * is no sideways scrolling, every control lies on screen and is at least 24 px square, and no
 * console error appears while the page runs; with `prefers-reduced-motion: reduce` nothing moves
 * by itself until asked, and the page says so. Skipped without a Chromium (browser.test.ts prints
 * the line naming the Debian package, and fails under CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degrees } from '../src/double-pendulum/describe';
import { KEY_STEP } from '../src/double-pendulum/pendulum-canvas';
import { runAxe } from './axe';
import { findChromium } from './chromium';
import { contrast, focusableControls, liveChatter, tabWalk } from './keyboard';
import { Site, textValue, value, type OpenPage } from './site';

const executable = findChromium();
const PAGES = ['index.html', 'wave.html', 'train.html'] as const;
/** The narrow screen: a small phone, CSS px. */
const NARROW = { width: 360, height: 740 } as const;
/** WCAG 2.2's least target size (2.5.8), CSS px. */
const TARGET = 24;
/** Live-region text changes allowed in 3 s of running: events, not a value per frame or readout. */
const CHATTER_LIMIT = 2;

/** Waits until the page's simulated time passes `t` s. */
async function simulatedPast(open: OpenPage, t: number): Promise<void> {
  await open.page.waitForFunction((t0) => Number(document.querySelector<HTMLOutputElement>('#sim-time')?.dataset.value) > t0, t, { timeout: 60_000 });
}

/** The double pendulum's start state [θ₁, θ₂, 0, 0], as the page reports it. */
async function startState(open: OpenPage): Promise<number[]> {
  return JSON.parse(await textValue(open.page, 'start-state')) as number[];
}

describe.skipIf(executable === undefined)('accessibility of the built site in Chromium', () => {
  let site: Site;
  beforeAll(async () => {
    site = await Site.start(executable as string);
  }, 120_000);
  afterAll(async () => {
    await site?.stop();
  });

  for (const file of PAGES) {
    describe(file, () => {
      let open: OpenPage;
      beforeAll(async () => {
        open = await site.open(file);
      }, 180_000);
      afterAll(async () => {
        await open?.page.close();
      });

      it('has no serious or critical axe-core violation', async () => {
        await open.page.waitForTimeout(1000); // running, with readouts and chart drawn
        const report = await runAxe(open.page);
        for (const v of report.milder) console.log(`axe, ${file} (not failing): ${v}`);
        console.log(`axe, ${file}: ${report.passes} rules passed, ${report.failing.length} serious/critical, ${report.milder.length} milder violation(s)`);
        expect(report.passes).toBeGreaterThan(10);
        expect(report.failing).toEqual([]);
      }, 120_000);

      it('is walked by Tab through every control in document order, each with a visible focus outline', async () => {
        const { page } = open;
        const stops = await tabWalk(page);
        expect(stops.map((s) => s.name)).toEqual(await focusableControls(page));
        expect(stops[0]?.name, 'the first Tab stop').toBe(file === 'train.html' ? 'a "Skip to the training"' : 'a "Skip to the simulation"');
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        for (const s of stops) {
          expect(s.onScreen, `${s.name} is focused off screen`).toBe(true);
          expect(s.outlineStyle, `${s.name} shows no focus outline`).not.toBe('none');
          expect(s.outlineWidth, `${s.name}'s focus outline`).toBeGreaterThanOrEqual(2);
          // WCAG 1.4.11: a focus indicator needs 3 : 1 against what is next to it (page and white panels).
          expect(Math.min(contrast(s.outlineColor, background), contrast(s.outlineColor, 'rgb(255, 255, 255)')), `${s.name}'s outline ${s.outlineColor}`).toBeGreaterThanOrEqual(3);
        }
        // The skip link lands in the main content: the next Tab is inside <main>.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.classList.contains('skip'))).toBe(true);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);
      }, 120_000);

      it(`announces events only: at most ${CHATTER_LIMIT} live-region changes in 3 s of running`, async () => {
        const counts = await liveChatter(open.page, 3000);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        expect(total, JSON.stringify(counts)).toBeLessThanOrEqual(CHATTER_LIMIT);
        expect(Object.keys(counts).length).toBeGreaterThan(0);
        // Without prefers-reduced-motion the page runs, and its reduced-motion note stays hidden.
        expect(await open.page.evaluate(() => document.getElementById('motion-note')?.hidden)).toBe(true);
      }, 60_000);

      if (file === 'index.html') {
        it('works from the keyboard: Play/Pause, Reset, speed, the sliders, and the arrow keys on a pendulum', async () => {
          const { page } = open;
          await page.locator('#play').focus();
          await page.keyboard.press('Space');
          expect(await page.evaluate(() => document.body.dataset.playing)).toBe('false');
          await page.locator('#reset').focus();
          await page.keyboard.press('Enter');
          expect(await value(page, 'sim-time')).toBe(0);
          await page.locator('#speed').focus();
          await page.keyboard.press('ArrowDown');
          expect(await page.locator('#speed').inputValue()).toBe('2');
          await page.keyboard.press('ArrowUp');
          expect(await page.locator('#speed').inputValue()).toBe('1');
          const [t1, t2] = (await startState(open)) as [number, number];
          await page.locator('#theta1').focus();
          await page.keyboard.press('ArrowRight');
          await page.locator('#theta2').focus();
          await page.keyboard.press('ArrowLeft');
          let [k1, k2] = (await startState(open)) as [number, number];
          expect(Math.abs(k1 - (t1 + 0.01))).toBeLessThan(1e-9);
          expect(Math.abs(k2 - (t2 - 0.01))).toBeLessThan(1e-9);
          // The drag's keyboard equivalent: ←/→ turn the upper arm, ↑/↓ the lower, KEY_STEP a press.
          await page.locator('#canvas-mlp').focus();
          for (const [key, d1, d2] of [['ArrowLeft', -1, 0], ['ArrowRight', 1, 0], ['ArrowRight', 1, 0], ['ArrowUp', 0, 1], ['ArrowDown', 0, -1], ['ArrowDown', 0, -1]] as const) {
            await page.keyboard.press(key);
            const [n1, n2] = (await startState(open)) as [number, number];
            expect(Math.abs(n1 - (k1 + d1 * KEY_STEP)), key).toBeLessThan(1e-9);
            expect(Math.abs(n2 - (k2 + d2 * KEY_STEP)), key).toBeLessThan(1e-9);
            [k1, k2] = [n1, n2];
          }
          expect(await value(page, 'sim-time')).toBe(0);
          // The canvas's text alternative follows: it names the arms' new angles.
          const description = await page.locator('#describe-mlp').textContent();
          expect(description).toContain(`upper arm ${degrees(k1)}, lower arm ${degrees(k2)}`);
          expect(await page.locator('#canvas-mlp').getAttribute('aria-describedby')).toBe('describe-mlp pendulum-keys');
          await page.locator('#play').focus();
          await page.keyboard.press('Enter');
          expect(await page.evaluate(() => document.body.dataset.playing)).toBe('true');
          await simulatedPast(open, 0.2);
          expect(open.errors).toEqual([]);
        }, 120_000);
      }

      if (file === 'wave.html') {
        it('works from the keyboard: the pluck sliders and button, Play/Pause', async () => {
          const { page } = open;
          await page.locator('#play').focus();
          await page.keyboard.press('Space');
          expect(await page.evaluate(() => document.body.dataset.playing)).toBe('false');
          await page.locator('#pluck-position').focus();
          await page.keyboard.press('ArrowRight');
          await page.locator('#pluck-height').focus();
          await page.keyboard.press('ArrowLeft');
          await page.locator('#pluck-button').focus();
          await page.keyboard.press('Enter');
          const pluck = JSON.parse(await textValue(page, 'pluck')) as { center: number; height: number };
          expect(pluck.center).toBe(26);
          expect(Math.abs(pluck.height - 0.95)).toBeLessThan(1e-9);
          expect(await value(page, 'sim-time')).toBe(0);
          // The canvases' text alternative follows the pluck.
          expect(await page.locator('#describe-truth').textContent()).toMatch(/^True string: highest φ = 0\.95 at point 26, lowest φ = /);
          await page.locator('#play').focus();
          await page.keyboard.press('Space');
          await simulatedPast(open, 0.5);
          expect(open.errors).toEqual([]);
        }, 120_000);
      }

      if (file === 'train.html') {
        it('works from the keyboard: Stop and Train again', async () => {
          const { page } = open;
          await page.locator('#stop').focus();
          await page.keyboard.press('Space');
          expect(await textValue(page, 'train-status')).toBe('stopped');
          await page.locator('#start').focus();
          await page.keyboard.press('Enter');
          expect(['starting', 'running']).toContain(await textValue(page, 'train-status'));
          await page.waitForFunction(() => Number(document.querySelector<HTMLOutputElement>('#train-step')?.dataset.value) >= 10, null, { timeout: 120_000 });
          await page.locator('#stop').click(); // spare the CPU
          expect(open.errors).toEqual([]);
        }, 180_000);
      }
    });
  }

  describe(`on a narrow screen (${NARROW.width} × ${NARROW.height})`, () => {
    for (const file of PAGES) {
      it(`${file}: no sideways scrolling, every control on screen and ≥ ${TARGET} px, no axe failure, no console error while running`, async () => {
        const open = await site.open(file, NARROW);
        const { page, errors } = open;
        try {
          if (file === 'train.html') await page.waitForFunction(() => Number(document.querySelector<HTMLOutputElement>('#train-step')?.dataset.value) >= 20, null, { timeout: 120_000 });
          else await simulatedPast(open, 1);
          const [scrollWidth, innerWidth] = await page.evaluate(() => [document.scrollingElement?.scrollWidth ?? Number.NaN, window.innerWidth]);
          expect(scrollWidth).toBeLessThanOrEqual(innerWidth as number);
          const boxes = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('a[href]:not(.skip), button, select, input, [tabindex]')]
              .filter((e) => e.checkVisibility())
              .map((e) => {
                const r = e.getBoundingClientRect();
                return { name: e.id === '' ? e.outerHTML.slice(0, 60) : `#${e.id}`, left: r.left, right: r.right, width: r.width, height: r.height };
              }),
          );
          expect(boxes.length).toBeGreaterThan(2);
          for (const b of boxes) {
            expect(b.left, `${b.name} starts off screen`).toBeGreaterThanOrEqual(0);
            expect(b.right, `${b.name} ends off screen`).toBeLessThanOrEqual(innerWidth as number);
            expect(Math.min(b.width, b.height), `${b.name} is ${b.width.toFixed(0)} × ${b.height.toFixed(0)} px`).toBeGreaterThanOrEqual(TARGET);
          }
          const report = await runAxe(page);
          for (const v of report.milder) console.log(`axe, ${file} at ${NARROW.width} px (not failing): ${v}`);
          expect(report.failing).toEqual([]);
          if (file === 'index.html') await Site.screenshot(page, 'double-pendulum-narrow');
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }, 180_000);
    }
  });

  describe('with prefers-reduced-motion: reduce', () => {
    for (const file of ['index.html', 'wave.html'] as const) {
      it(`${file} waits, paused, says why, and runs when Play is pressed`, async () => {
        const open = await site.open(file, { reducedMotion: 'reduce' });
        const { page, errors } = open;
        try {
          expect(await page.evaluate(() => document.body.dataset.playing)).toBe('false');
          expect(await page.locator('#motion-note').isVisible()).toBe(true);
          expect(await page.locator('#motion-note').textContent()).toMatch(/reduced motion.*press Play/s);
          expect(await page.locator('#play').textContent()).toBe('Play');
          await page.waitForTimeout(1500);
          expect(await value(page, 'sim-time')).toBe(0);
          await page.locator('#play').focus();
          await page.keyboard.press('Enter');
          await simulatedPast(open, 0.2);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }, 180_000);
    }

    /** Two snapshots of the training page's pendulum canvas, `ms` apart, with no new replay between them. */
    async function twoFrames(open: OpenPage, ms: number): Promise<[string, string]> {
      const { page } = open;
      await page.waitForFunction(() => document.querySelector<HTMLOutputElement>('#preview-step')?.dataset.value !== undefined, null, { timeout: 120_000 });
      for (let attempt = 0; attempt < 5; attempt++) {
        const before = await textValue(page, 'preview-step');
        const a = await page.evaluate(() => document.querySelector<HTMLCanvasElement>('#canvas-preview')?.toDataURL() ?? '');
        await page.waitForTimeout(ms);
        const b = await page.evaluate(() => document.querySelector<HTMLCanvasElement>('#canvas-preview')?.toDataURL() ?? '');
        if ((await textValue(page, 'preview-step')) === before) return [a, b];
      }
      throw new Error('twoFrames: a new replay arrived during every attempt.');
    }

    it('train.html holds the learned pendulum still (and says so), where it otherwise swings', async () => {
      const still = await site.open('train.html', { reducedMotion: 'reduce' });
      try {
        expect(await still.page.locator('#motion-note').isVisible()).toBe(true);
        const [a, b] = await twoFrames(still, 400);
        expect(a.length).toBeGreaterThan(100);
        expect(b).toBe(a);
        expect(await still.page.locator('#describe-preview').textContent()).toMatch(/^After \d+ steps, over 4\.0 s from 115° at rest: the learned pendulum/);
        expect(still.errors).toEqual([]);
      } finally {
        await still.page.close();
      }
      const moving = await site.open('train.html');
      try {
        expect(await moving.page.locator('#motion-note').isVisible()).toBe(false);
        const [a, b] = await twoFrames(moving, 400);
        expect(b).not.toBe(a);
      } finally {
        await moving.page.close();
      }
    }, 300_000);
  });
});
