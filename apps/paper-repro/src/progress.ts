/**
 * Progress of long steps (training, rollouts, data generation): a live bar redrawn in place on a
 * terminal, plain log lines (at the start, every tenth of the way or every 30 s, and at the end)
 * anywhere else — a CI log, a pipe, a file.
 */

/** One long step under way. */
export interface Task {
  /** `done` of `total` finished; `detail` is shown after the counts (e.g. the current loss). */
  update(done: number, detail?: string): void;
  /** Marks the step finished, with a closing detail. */
  finish(detail?: string): void;
}

/** Where experiments report progress and log lines. */
export interface Progress {
  task(label: string, total: number, unit?: string): Task;
  log(line: string): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** @default process.stderr */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Draw a live bar; by default when the stream is a terminal (and not under CI). */
  readonly live?: boolean;
  /** @default Date.now */
  readonly now?: () => number;
}

const formatSeconds = (s: number): string => {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
};

/**
 * A progress reporter on a stream.
 *
 * @example
 * const progress = createProgress();
 * const t = progress.task('training LNN', 5000, 'steps');
 * t.update(100, 'loss 0.31'); … t.finish('held-out 0.07');
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const live = options.live ?? (stream.isTTY === true && !process.env.CI);
  const now = options.now ?? Date.now;
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  const line = (text: string) => {
    clear();
    stream.write(`${text}\n`);
  };
  return {
    log: line,
    task(label, total, unit = '') {
      const start = now();
      let lastDraw = -Infinity;
      let lastLogFraction = 0;
      let lastLogTime = start;
      const counts = (done: number) => `${done}/${total}${unit === '' ? '' : ` ${unit}`}`;
      const timing = (done: number) => {
        const elapsed = (now() - start) / 1000;
        const eta = done > 0 && done < total ? ` · ETA ${formatSeconds((elapsed * (total - done)) / done)}` : '';
        return `${formatSeconds(elapsed)}${eta}`;
      };
      if (!live) line(`${label}: started (${total}${unit === '' ? '' : ` ${unit}`})`);
      return {
        update(done, detail) {
          const fraction = total > 0 ? Math.min(1, done / total) : 1;
          const t = now();
          if (live) {
            if (t - lastDraw < 100 && done < total) return;
            lastDraw = t;
            const width = 24;
            const filled = Math.round(fraction * width);
            const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
            let text = `${label} ${bar} ${Math.floor(fraction * 100)}% ${counts(done)} · ${timing(done)}${detail ? ` · ${detail}` : ''}`;
            const columns = stream.columns ?? 120;
            if (text.length > columns - 1) text = `${text.slice(0, columns - 2)}…`;
            stream.write(`\r\x1b[K${text}`);
            drawn = true;
          } else if ((fraction - lastLogFraction >= 0.1 && t - lastLogTime >= 5_000) || t - lastLogTime >= 30_000) {
            lastLogFraction = fraction;
            lastLogTime = t;
            line(`${label}: ${counts(done)} (${Math.floor(fraction * 100)}%), ${timing(done)}${detail ? `, ${detail}` : ''}`);
          }
        },
        finish(detail) {
          line(`${label}: done in ${formatSeconds((now() - start) / 1000)}${detail ? ` · ${detail}` : ''}`);
        },
      };
    },
  };
}

/** A reporter that prints nothing (tests). */
export const silentProgress: Progress = { task: () => ({ update() {}, finish() {} }), log() {} };
