/**
 * Keyboard checks for the browser test: the order Tab visits a page's controls in, how each shows
 * its focus, and the controls a keyboard user should reach; and the live regions' chatter.
 */
import type { Page } from 'playwright-core';

/** One stop of the Tab walk: which element, and the outline it shows while focused. */
export interface FocusStop {
  /** `#id`, or the tag and its text when it has no id. */
  readonly name: string;
  readonly outlineStyle: string;
  /** px */
  readonly outlineWidth: number;
  readonly outlineColor: string;
  /** Whether the focused element's box lies at least partly inside the viewport after the browser scrolled to it. */
  readonly onScreen: boolean;
}

/**
 * Presses Tab from the top of the page until focus comes back round (or leaves the page) and
 * returns the stops in order, each with its focus outline.
 */
export async function tabWalk(page: Page, limit = 60): Promise<FocusStop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: FocusStop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (e === null || e === document.body) return undefined;
      // The same naming as focusableControls.
      const name = e.id === '' ? `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 30)}"` : `#${e.id}`;
      const style = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return {
        name,
        outlineStyle: style.outlineStyle,
        outlineWidth: Number.parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      };
    });
    if (stop === undefined || stop.name === stops[0]?.name) break;
    stops.push(stop);
  }
  return stops;
}

/** The names of the page's controls a keyboard user should reach, in document order (visible, enabled). */
export async function focusableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (e: Element) => (e.id === '' ? `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 30)}"` : `#${e.id}`);
    return [...document.querySelectorAll<HTMLElement>('a[href], button, select, input, textarea, [tabindex]')]
      .filter((e) => !(e as HTMLButtonElement).disabled && e.tabIndex >= 0 && (e.classList.contains('skip') || e.checkVisibility()))
      .map(name);
  });
}

/** WCAG's contrast ratio of two `rgb(…)`/`rgba(…)` colours (alpha ignored). */
export function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const m = color.match(/[\d.]+/g);
    if (m === null || m.length < 3) throw new Error(`contrast: cannot read the colour ${JSON.stringify(color)}; expected rgb(r, g, b).`);
    const [r, g, bl] = m.slice(0, 3).map((x) => {
      const c = Number(x) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Counts, over `ms` of wall time, the text changes inside the page's live regions (what a screen
 * reader would announce): elements with `aria-live` other than `off`, roles status/alert/log/timer/
 * marquee, and `<output>`s (role status) not marked `aria-live="off"`. Returns the regions' ids
 * with their counts.
 */
export async function liveChatter(page: Page, ms: number): Promise<Record<string, number>> {
  return page.evaluate(async (wait) => {
    const live = [...document.querySelectorAll<HTMLElement>('[aria-live], [role], output')].filter((e) => {
      const politeness = e.getAttribute('aria-live');
      if (politeness !== null) return politeness !== 'off';
      return e.tagName === 'OUTPUT' || ['status', 'alert', 'log', 'timer', 'marquee'].includes(e.getAttribute('role') ?? '');
    });
    const counts: Record<string, number> = {};
    const observers = live.map((region, i) => {
      const key = region.id === '' ? `${region.tagName.toLowerCase()}[${i}]` : `#${region.id}`;
      counts[key] = 0;
      let last = region.textContent;
      const observer = new MutationObserver(() => {
        if (region.textContent !== last) counts[key] = (counts[key] ?? 0) + 1;
        last = region.textContent;
      });
      observer.observe(region, { subtree: true, childList: true, characterData: true });
      return observer;
    });
    await new Promise((resolve) => setTimeout(resolve, wait));
    for (const o of observers) o.disconnect();
    return counts;
  }, ms);
}
