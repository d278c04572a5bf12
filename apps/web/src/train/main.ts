/**
 * Page 3: a small LNN learns the simple pendulum in a Web Worker with the library's own trainer;
 * the page plots the loss and replays the learned pendulum as it improves, and stays responsive.
 */
import { FrameRate } from '../shared/frame-rate';
import { LiveChart } from '../shared/live-chart';
import { element, setOutput, showError, startPage } from '../shared/page';
import type { StartMessage, WorkerMessage } from './messages';
import { PendulumPreview } from './pendulum-preview';
import { TRAIN_SETTINGS } from './training-job';

startPage(async () => {
  const startButton = element('start', HTMLButtonElement);
  const stopButton = element('stop', HTMLButtonElement);
  const preview = new PendulumPreview(element('canvas-preview', HTMLCanvasElement), '#1f6fb2');
  new ResizeObserver(() => preview.resize()).observe(preview.canvas);
  const chart = new LiveChart(element('loss-chart', HTMLDivElement), {
    title: 'Training loss',
    xTitle: 'step',
    yTitle: 'loss (mean |q̈ error|, rad/s²)',
    series: [{ name: 'training loss', color: '#1f6fb2' }],
    logY: true,
    height: 300,
  });
  const pageRate = new FrameRate(60);
  let worker: Worker | undefined;
  let firstLoss: number | undefined;

  const setStatus = (status: 'idle' | 'starting' | 'running' | 'done' | 'stopped' | 'failed', text: string) => {
    setOutput('train-status', text, status);
    document.body.dataset.training = status;
    const busy = status === 'starting' || status === 'running';
    startButton.disabled = busy;
    stopButton.disabled = !busy;
  };

  const stop = (status: 'stopped' | 'failed', text: string) => {
    worker?.terminate();
    worker = undefined;
    setStatus(status, text);
  };

  const start = () => {
    stop('stopped', 'stopped');
    chart.clear();
    firstLoss = undefined;
    setOutput('train-step', '0', 0);
    setOutput('loss', '–', '');
    setStatus('starting', 'starting the worker…');
    const w = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'lnn-training' });
    worker = w;
    w.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      if (worker !== w) return;
      const m = event.data;
      switch (m.type) {
        case 'started':
          setOutput('worker-backend', m.backend, m.backend);
          setStatus('running', 'training');
          break;
        case 'progress':
          firstLoss ??= m.loss;
          chart.push([{ t: m.step, value: m.loss, series: 'training loss' }]);
          setOutput('train-step', `${m.step} of ${m.steps} (${m.seconds.toFixed(1)} s)`, m.step);
          setOutput('loss', `${m.loss.toPrecision(3)} (first report: ${firstLoss.toPrecision(3)})`, m.loss);
          element('loss', HTMLOutputElement).dataset.first = String(firstLoss);
          break;
        case 'preview':
          preview.show(m, performance.now());
          setOutput('preview-step', m.note === undefined ? `after ${m.step} steps` : `after ${m.step} steps: ${m.note}`, m.step);
          break;
        case 'done':
          setStatus('done', `done: ${m.steps} steps in ${m.seconds.toFixed(1)} s, loss ${m.firstLoss.toPrecision(3)} → ${m.lastLoss.toPrecision(3)}`);
          worker = undefined;
          w.terminate();
          break;
        case 'error':
          stop('failed', 'failed');
          showError(new Error(`training worker: ${m.message}`));
          break;
      }
    });
    w.addEventListener('error', (event) => {
      if (worker !== w) return;
      stop('failed', 'failed');
      showError(new Error(`training worker: ${event.message}`));
    });
    const message: StartMessage = { type: 'start', search: location.search };
    w.postMessage(message);
  };

  startButton.addEventListener('click', start);
  stopButton.addEventListener('click', () => stop('stopped', 'stopped by you'));
  const s = TRAIN_SETTINGS;
  setOutput('settings', `LNN ${[2, ...s.hidden, 1].join(' → ')} (sin θ, cos θ, θ̇ in), ${s.count.toLocaleString('en')} states, ${s.steps.toLocaleString('en')} steps of batch ${s.batchSize}, one-cycle peak ${s.peak}`, JSON.stringify(s));

  const frame = (now: number) => {
    pageRate.tick(now);
    const rate = pageRate.fps;
    setOutput('page-fps', rate === undefined ? '–' : `${rate.toFixed(0)} frames/s`, rate ?? '');
    preview.draw(now);
    chart.redraw(false, now);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  setStatus('idle', 'not started');
  start();
});
