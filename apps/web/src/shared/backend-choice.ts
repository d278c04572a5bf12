/** The backends a page can be asked to run on (`?backend=`). */
export const BACKEND_CHOICES = ['wasm', 'cpu', 'webgl'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/**
 * Reads `?backend=` and `?threads=` from a page's query string: wasm and the library's own thread
 * count when absent. Throws naming the parameter, what was received and what is accepted.
 *
 * @example
 * parseBackendChoice('?backend=cpu'); // { backend: 'cpu', threads: undefined }
 */
export function parseBackendChoice(search: string): { readonly backend: BackendChoice; readonly threads: number | undefined } {
  const params = new URLSearchParams(search);
  const backend = params.get('backend') ?? 'wasm';
  if (!(BACKEND_CHOICES as readonly string[]).includes(backend)) {
    throw new TypeError(`?backend=: received ${JSON.stringify(backend)}, expected one of ${BACKEND_CHOICES.join(', ')}.`);
  }
  const threadsText = params.get('threads');
  let threads: number | undefined;
  if (threadsText !== null) {
    threads = Number(threadsText);
    if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`?threads=: received ${JSON.stringify(threadsText)}, expected a positive integer.`);
  }
  return { backend: backend as BackendChoice, threads };
}
