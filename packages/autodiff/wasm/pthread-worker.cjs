'use strict';
// The pthread worker of tfjs-backend-wasm's threaded SIMD build, as a file Node's worker_threads
// can start (see src/backend/wasm-threads.ts). tfjs ships the worker's source only as a string,
// `wasmWorkerContents`, meant for a browser Blob URL, which Node's Worker rejects. This file runs
// that same source in this module's scope, with `require` and `__filename` as a CommonJS worker
// script has them. Its minified source holds "\n" escapes that the template literal turned into
// newlines inside string literals; tfjs re-escapes them the same way before making its Blob.
const { parentPort, workerData } = require('node:worker_threads');
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');

const worker = new Function('require', '__filename', wasmWorkerContents.replace(/\n/g, '\\n'));
if (workerData != null && workerData.lnnProbe === true) {
  // A start-up probe: the worker's source resolved and compiled; report and exit.
  parentPort.postMessage('ready');
} else {
  worker(require, __filename);
}
