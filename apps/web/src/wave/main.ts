/**
 * Page 2: the Lagrangian graph network on the 100-point ring beside the true wave equation, from
 * the same plucked string; both true energies plotted live; press on a string to pluck it.
 */
import { FrameRate } from '../shared/frame-rate';
import { LiveChart } from '../shared/live-chart';
import { MODEL_URLS } from '../models/assets';
import { describeSource, fetchModel } from '../models/fetch-model';
import { startPageBackend } from '../shared/backend';
import { element, percent, setOutput, startPage } from '../shared/page';
import { DEFAULT_PLUCK, RING, WAVE_DRIFT_WINDOW, WAVE_STEP, WaveSimulation, type Field, type Pluck } from './simulation';
import { StringCanvas } from './string-canvas';

const COLORS = { learned: '#1f6fb2', truth: '#444444' } as const;
const CHART_EVERY = 2;
/** Least time between updates of the readouts while running, ms (each update costs a layout). */
const READOUT_MS = 100;

startPage(async () => {
  const backend = await startPageBackend(location.search);
  setOutput('backend', backend.description, backend.description);
  const { model, source } = await fetchModel(MODEL_URLS.waveLgnRing100);
  setOutput('model-source', describeSource(source), source.run?.scale ?? '');
  const sim = new WaveSimulation(model);
  let pluck: Pluck = DEFAULT_PLUCK;
  let playing = true;
  let resumeAfterHold = false;
  let frames = 0;
  const fps = new FrameRate(30);
  const chart = new LiveChart(element('energy-chart', HTMLDivElement), {
    title: 'True energy of each string',
    xTitle: 'simulated time (s)',
    yTitle: 'true energy',
    series: [
      { name: 'graph network', color: COLORS.learned },
      { name: 'truth', color: COLORS.truth },
    ],
    span: 200,
  });
  const play = element('play', HTMLButtonElement);
  const speed = element('speed', HTMLSelectElement);
  const position = element('pluck-position', HTMLInputElement);
  const height = element('pluck-height', HTMLInputElement);

  const setPlaying = (on: boolean) => {
    playing = on;
    play.textContent = on ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(!on));
    document.body.dataset.playing = String(on);
    fps.reset();
  };
  const restart = (next: Pluck) => {
    pluck = next;
    sim.pluck(pluck);
    position.value = String(pluck.center);
    height.value = pluck.height.toFixed(2);
    setOutput('pluck', `point ${pluck.center}, height ${pluck.height.toFixed(2)}`, JSON.stringify(pluck));
    chart.clear();
    fps.reset();
    render();
  };
  const handlers = {
    hold: (center: number, h: number) => {
      if (playing) resumeAfterHold = true;
      setPlaying(false);
      restart({ center, height: h, width: pluck.width });
    },
    release: () => {
      if (resumeAfterHold) setPlaying(true);
      resumeAfterHold = false;
    },
  };
  const canvases = [
    new StringCanvas(element('canvas-learned', HTMLCanvasElement), COLORS.learned, RING, handlers),
    new StringCanvas(element('canvas-truth', HTMLCanvasElement), COLORS.truth, RING, handlers),
  ] as const;
  new ResizeObserver(() => {
    for (const c of canvases) c.resize();
    render();
  }).observe(canvases[0].canvas);

  play.addEventListener('click', () => setPlaying(!playing));
  element('reset', HTMLButtonElement).addEventListener('click', () => restart(pluck));
  element('pluck-button', HTMLButtonElement).addEventListener('click', () => restart({ center: Number(position.value), height: Number(height.value), width: pluck.width }));

  const show = (name: 'learned' | 'truth', field: Field) => {
    const e = field.energy;
    setOutput(`energy-${name}`, e.latest === undefined ? '–' : e.latest.toFixed(4), e.latest ?? '');
    setOutput(`drift-${name}`, percent(e.drift), e.drift);
    setOutput(`drift20-${name}`, e.windowDone ? percent(e.driftInWindow) : `(${percent(e.driftInWindow)} so far)`, e.driftInWindow);
    setOutput(`status-${name}`, field.stopped ?? 'running', field.stopped === undefined ? 'running' : 'stopped');
  };
  let lastReadout = -Infinity;
  /** Draws both strings; updates the readouts too when `now` is past the next update (always without `now`). */
  function render(now?: number): void {
    canvases[0].draw(sim.learned.stopped === undefined ? sim.learned.state : undefined, sim.learned.stopped);
    canvases[1].draw(sim.truth.state);
    if (now !== undefined && now - lastReadout < READOUT_MS) return;
    lastReadout = now ?? performance.now();
    const rate = fps.fps;
    setOutput('fps', rate === undefined ? '–' : `${rate.toFixed(1)} frames/s`, rate ?? '');
    setOutput('sim-time', `${sim.time.toFixed(1)} s`, sim.time);
    setOutput('field-state', `φ at point ${pluck.center}: network ${(sim.learned.state[pluck.center] as number).toFixed(3)}, truth ${(sim.truth.state[pluck.center] as number).toFixed(3)}`, JSON.stringify(Array.from(sim.learned.state.subarray(0, RING), (x) => Number(x.toFixed(4)))));
    show('learned', sim.learned);
    show('truth', sim.truth);
  }
  function frame(now: number): void {
    if (playing) {
      sim.advance(Number(speed.value));
      fps.tick(now);
      if (frames++ % CHART_EVERY === 0) {
        chart.push([
          ...(sim.learned.stopped === undefined ? [{ t: sim.time, value: sim.learned.energy.latest ?? Number.NaN, series: 'graph network' }] : []),
          { t: sim.time, value: sim.truth.energy.latest ?? Number.NaN, series: 'truth' },
        ]);
      }
      render(now);
    }
    chart.redraw(false, now);
    requestAnimationFrame(frame);
  }

  setOutput('step', `RK4, ${WAVE_STEP} s per step; drift over the first ${WAVE_DRIFT_WINDOW} s`, WAVE_STEP);
  restart(pluck);
  setPlaying(true);
  requestAnimationFrame(frame);
});
