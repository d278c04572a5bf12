/**
 * The training page's Web Worker: starts its own tfjs backend (one wasm thread unless the page's
 * address says otherwise, leaving the other cores to the page) and runs the training job, so that
 * the page stays responsive while the LNN learns.
 */
import { startPageBackend } from '../shared/backend';
import type { StartMessage, WorkerMessage } from './messages';
import { runTraining, TRAIN_SETTINGS } from './training-job';

const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<StartMessage>) => void): void;
};

scope.addEventListener('message', (event) => {
  if (event.data?.type !== 'start') return;
  void (async () => {
    try {
      const params = new URLSearchParams(event.data.search);
      if (!params.has('threads')) params.set('threads', '1');
      const backend = await startPageBackend(`?${params.toString()}`);
      scope.postMessage({ type: 'started', backend: backend.description });
      runTraining(TRAIN_SETTINGS, (message) => scope.postMessage(message));
    } catch (error) {
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
