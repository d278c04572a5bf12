/**
 * The browser test's harness: the built site (dist/site) served by `vite preview` — with the
 * cross-origin-isolation headers of vite.config.ts — and pages opened in Chromium by
 * playwright-core, each with its console errors collected and its screenshots saved.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { CHROMIUM_ARGS } from './chromium';

export const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = path.join(APP, 'dist', 'site');
const RESULTS = path.join(APP, '.test-results', 'screenshots');
const COMMITTED = path.join(APP, 'screenshots');

/** A page of the site with what it printed as errors. */
export interface OpenPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
}

export class Site {
  private constructor(
    private readonly server: PreviewServer,
    readonly browser: Browser,
    readonly url: string,
  ) {}

  /** Serves dist/site and starts Chromium at `executablePath`. */
  static async start(executablePath: string): Promise<Site> {
    if (!existsSync(path.join(SITE, 'index.html'))) {
      throw new Error(`${SITE} has no index.html: build the site first (pnpm --filter @lnn/web build; turbo's test task does it).`);
    }
    const server = await preview({ root: APP, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('vite preview reported no local address.');
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    return new Site(server, browser, url);
  }

  /**
   * Opens `file` (e.g. `index.html?threads=1`) at a viewport of `width` × `height` and waits until
   * the page is ready; a page that reports failure is an error carrying its message.
   */
  async open(file: string, width = 1100, height = 1400): Promise<OpenPage> {
    const page = await this.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    await page.goto(new URL(file, this.url).href);
    await page.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout: 120_000 });
    const state = await page.evaluate(() => document.body.dataset.state);
    if (state !== 'ready') throw new Error(`${file} failed to start: ${await page.locator('#error').textContent()} (${errors.join('; ')})`);
    return { page, errors };
  }

  /**
   * Saves a screenshot as `name`.png in .test-results/screenshots, and in apps/web/screenshots
   * (the committed ones the README shows) when LNN_UPDATE_SCREENSHOTS=1.
   */
  static async screenshot(page: Page, name: string): Promise<void> {
    const folders = [RESULTS, ...(process.env.LNN_UPDATE_SCREENSHOTS === '1' ? [COMMITTED] : [])];
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
    }
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve, reject) => this.server.httpServer.close((error) => (error ? reject(error) : resolve())));
  }
}

/** The numeric `data-value` of an output. */
export async function value(page: Page, id: string): Promise<number> {
  const text = await page.locator(`#${id}`).getAttribute('data-value');
  const n = Number(text);
  if (text === null || text === '' || !Number.isFinite(n)) throw new Error(`#${id} has data-value ${JSON.stringify(text)}, expected a number.`);
  return n;
}

/** The text `data-value` of an output. */
export async function textValue(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}`).getAttribute('data-value')) ?? '';
}
