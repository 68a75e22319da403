// The input plane of a two-input neuron: the region where it fires (computed in wasm, painted
// here), its decision line, and labelled points. Data units map to the canvas with y up.

export const FIRE = [217, 230, 251]; // --plainly-accent-soft
export const QUIET = [250, 250, 252];
const LIGHT = { fire: 'rgb(217, 230, 251)', quiet: 'rgb(250, 250, 252)', ink: '#1b1b1f', axis: '#b5b5c0', accent: '#1f5fbf', paper: '#ffffff', danger: '#a4161a', warn: '#c2410c' };

/**
 * Paint `region` (nx × ny bytes, row 0 = bottom, 1 = fires) over the data window
 * `[x0, x1] × [y0, y1]` into `canvas` (CSS size `size` px), then the line `w1 x + w2 y + b = 0`
 * and `points` ([{x, y, target, label?}]: filled circles for 1, hollow squares for 0, so the two
 * classes differ in shape, not only colour). `colours` (the widget's theme(): ink, paper,
 * accent, 'accent-soft', axis, danger, warn) replaces the light defaults.
 */
export function drawPlane(canvas, { region, nx, ny, window: [x0, x1, y0, y1], weights, points = [], marker = null, size = 320, colours = {} }) {
  const c = { ...LIGHT, ...Object.fromEntries(Object.entries(colours).filter(([, v]) => v)) };
  if (colours['accent-soft']) c.fire = colours['accent-soft'];
  if (colours.paper) c.quiet = colours.paper;
  const fireRgb = parseColour(c.fire);
  const quietRgb = parseColour(c.quiet);
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(size * ratio);
  canvas.height = Math.round(size * ratio);
  canvas.style.width = `${size}px`;
  canvas.style.height = `${size}px`;
  const context = canvas.getContext('2d');
  const image = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const on = region[j * nx + i] === 1;
      const rgb = on ? fireRgb : quietRgb;
      const k = ((ny - 1 - j) * nx + i) * 4;
      image.data[k] = rgb[0]; image.data[k + 1] = rgb[1]; image.data[k + 2] = rgb[2]; image.data[k + 3] = 255;
    }
  }
  const off = new OffscreenCanvas(nx, ny);
  off.getContext('2d').putImageData(image, 0, 0);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(off, 0, 0, size, size);
  const sx = (x) => ((x - x0) / (x1 - x0)) * size;
  const sy = (y) => size - ((y - y0) / (y1 - y0)) * size;
  // axes through 0
  context.strokeStyle = c.axis;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(sx(0), 0); context.lineTo(sx(0), size);
  context.moveTo(0, sy(0)); context.lineTo(size, sy(0));
  context.stroke();
  // the decision line w1 x + w2 y + b = 0
  const [w1, w2, b] = weights;
  context.strokeStyle = c.ink;
  context.lineWidth = 2;
  context.beginPath();
  if (Math.abs(w2) > 1e-9) {
    context.moveTo(sx(x0), sy(-(w1 * x0 + b) / w2));
    context.lineTo(sx(x1), sy(-(w1 * x1 + b) / w2));
  } else if (Math.abs(w1) > 1e-9) {
    context.moveTo(sx(-b / w1), 0);
    context.lineTo(sx(-b / w1), size);
  }
  context.stroke();
  for (const p of points) {
    const px = sx(p.x);
    const py = sy(p.y);
    context.lineWidth = 2;
    context.strokeStyle = c.ink;
    if (p.target === 1) {
      context.fillStyle = c.accent;
      context.beginPath(); context.arc(px, py, 6, 0, 2 * Math.PI); context.fill(); context.stroke();
    } else {
      context.fillStyle = c.paper;
      context.fillRect(px - 5, py - 5, 10, 10); context.strokeRect(px - 5, py - 5, 10, 10);
    }
    if (p.wrong) {
      context.strokeStyle = c.danger;
      context.lineWidth = 2;
      context.beginPath(); context.arc(px, py, 11, 0, 2 * Math.PI); context.stroke();
    }
  }
  if (marker) {
    context.strokeStyle = c.warn;
    context.lineWidth = 3;
    const px = sx(marker.x);
    const py = sy(marker.y);
    context.beginPath(); context.moveTo(px - 8, py - 8); context.lineTo(px + 8, py + 8); context.moveTo(px + 8, py - 8); context.lineTo(px - 8, py + 8); context.stroke();
  }
  return { toData: (px, py) => [x0 + (px / size) * (x1 - x0), y0 + ((size - py) / size) * (y1 - y0)] };
}

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' → [r, g, b]. */
function parseColour(colour) {
  if (colour.startsWith('#')) {
    const hex = colour.length === 4 ? colour.slice(1).replace(/./g, '$&$&') : colour.slice(1, 7);
    const n = parseInt(hex, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  return colour.match(/[\d.]+/g).slice(0, 3).map(Number);
}
