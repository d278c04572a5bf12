/**
 * What every page shares: its start-up (errors shown in the page's alert region as well as the
 * console), its outputs (text for people, `data-value` for the browser test) and its readiness.
 */

/** The element with this id, of this type; throws naming the id when the page lacks it. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`page: no <${type.name}> with id "${id}" in ${location.pathname}.`);
  return found;
}

/** Sets an output's text, and its exact value in `data-value` (the browser test reads it). */
export function setOutput(id: string, text: string, value?: number | string): void {
  const out = element(id, HTMLOutputElement);
  if (out.textContent !== text) out.textContent = text;
  if (value !== undefined) out.dataset.value = String(value);
}

/** Shows an error in the page's alert region and in the console, and marks the page failed. */
export function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const region = document.getElementById('error');
  if (region !== null) {
    region.textContent = message;
    region.hidden = false;
  }
  document.body.dataset.state = 'failed';
  console.error(error);
}

/**
 * Runs a page's start-up: `start` loads what the page needs; the page is marked ready
 * (`body[data-state="ready"]`) when it returns, failed (with the message shown) when it throws.
 */
export function startPage(start: () => Promise<void>): void {
  document.body.dataset.state = 'loading';
  start().then(
    () => {
      document.body.dataset.state = 'ready';
    },
    (error: unknown) => showError(error),
  );
}

/** A percentage with a sensible number of digits. */
export function percent(fraction: number): string {
  const p = 100 * fraction;
  return `${p < 0.01 ? p.toExponential(1) : p < 10 ? p.toFixed(2) : p.toFixed(0)} %`;
}
