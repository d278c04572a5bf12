/**
 * Where the browser test finds a Chromium: `$LNN_CHROMIUM`, else Debian's (`apt-get install
 * chromium`: /usr/bin/chromium). playwright-core drives it; no browser is downloaded.
 */
import { existsSync } from 'node:fs';

/** The paths tried after `$LNN_CHROMIUM`, in order. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/** The one line printed when no Chromium is found (the test is then skipped; under CI it fails). */
export const NO_CHROMIUM =
  'apps/web browser test NOT RUN: no Chromium found ($LNN_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser) — install the Debian package chromium (apt-get install chromium) to run it.';

/**
 * The Chromium to drive, or undefined. `LNN_CHROMIUM=none` runs as if none were installed (to see
 * what a machine without one prints); a `$LNN_CHROMIUM` that names no file is an error.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.LNN_CHROMIUM;
  if (chosen === 'none') return undefined;
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new Error(`LNN_CHROMIUM=${chosen}: no such file; unset it to use Debian's /usr/bin/chromium.`);
    return chosen;
  }
  return CHROMIUM_PATHS.find((p) => existsSync(p));
}

/** Chromium's flags for a headless run as root on a closed network (no sandbox, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
