/**
 * axe-core, the accessibility engine, run inside a page of the site: injected as a script (the
 * package's own axe.min.js; nothing is downloaded) and run on the whole document against the WCAG
 * 2.0–2.2 A/AA rules and axe's best practices. Violations of impact serious or critical fail the
 * browser test; milder ones are printed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

/** Impacts that fail the test. */
export const FAILING_IMPACTS: readonly string[] = ['serious', 'critical'];

/** What axe found on a page: the failing violations and the milder ones, one line each. */
export interface AxeReport {
  readonly failing: string[];
  readonly milder: string[];
  /** How many rules passed (a run that checked nothing is a broken run, not a clean page). */
  readonly passes: number;
}

/** One line per violation: impact, rule, help, and where (up to three elements, with axe's advice). */
function line(v: Result): string {
  const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`);
  return `[${v.impact ?? 'unknown'}] ${v.id} — ${v.help} (${v.nodes.length} element(s)): ${nodes.join(' | ')}`;
}

/** Runs axe on `page`'s document (injecting it first if need be). */
export async function runAxe(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(
    (tags) => (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    [...AXE_TAGS],
  );
  return {
    failing: results.violations.filter((v) => FAILING_IMPACTS.includes(v.impact ?? '')).map(line),
    milder: results.violations.filter((v) => !FAILING_IMPACTS.includes(v.impact ?? '')).map(line),
    passes: results.passes.length,
  };
}
