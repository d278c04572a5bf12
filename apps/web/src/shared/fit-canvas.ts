/**
 * Matches a canvas's drawing buffer to its size on screen in device pixels (at least 1 × 1),
 * touching the buffer only when the size changed (assigning width or height clears the canvas).
 * Returns the buffer's size.
 */
export function fitCanvas(canvas: HTMLCanvasElement): { readonly width: number; readonly height: number } {
  const ratio = globalThis.devicePixelRatio ?? 1;
  const r = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(r.width * ratio));
  const height = Math.max(1, Math.round(r.height * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return { width, height };
}
