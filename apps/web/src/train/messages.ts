import type { TrainMessage } from './training-job';

/** What the page sends the training worker: start, with the page's query string (its backend choice). */
export interface StartMessage {
  readonly type: 'start';
  readonly search: string;
}

/** What the training worker sends the page: the job's messages, its backend, or its failure. */
export type WorkerMessage = TrainMessage | { readonly type: 'started'; readonly backend: string } | { readonly type: 'error'; readonly message: string };
