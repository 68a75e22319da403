// Drawing helpers shared by the widgets: surfaces as colour maps with relief and contour lines,
// and small line charts. The maths behind the pictures lives in Rust; this only paints numbers.

import { contours, interpolateViridis, scaleLinear, scaleLog } from '../vendor/vendor.js';

/** `log(1 + v − min) / log(1 + max − min)`: spreads values that span decades (Rosenbrock's 0 to
 *  2,500) so both the valley floor and the walls get colours. Returns values in 0..1. */
export function logNormalise(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  }
  const span = Math.log1p(Math.max(max - min, 1e-12));
  return Float32Array.from(values, (v) => (Number.isFinite(v) ? Math.log1p(v - min) / span : 1));
}

/**
 * A surface sampled on an nx × ny grid (row 0 = bottom, y up) painted into a new nx × ny canvas:
 * perceptually uniform colour (viridis, readable in grey and for colour-blind readers) lit from the
 * top left as a relief, so pits look like pits.
 */
export function surfaceCanvas(t, nx, ny, { colormap = interpolateViridis, relief = 0.45 } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  const image = context.createImageData(nx, ny);
  const at = (i, j) => t[Math.min(ny - 1, Math.max(0, j)) * nx + Math.min(nx - 1, Math.max(0, i))];
  const light = normalise3([-1, 1, 1.6]); // from the top left (y up)
  const height = 6; // how much the normalised surface is raised for shading
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = at(i, j);
      const dx = ((at(i + 1, j) - at(i - 1, j)) / 2) * height;
      const dy = ((at(i, j + 1) - at(i, j - 1)) / 2) * height;
      const n = normalise3([-dx, -dy, 1 / Math.max(nx, ny) * 40]);
      const lambert = Math.max(0, n[0] * light[0] + n[1] * light[1] + n[2] * light[2]);
      const shade = 1 - relief + relief * lambert * 1.25;
      const rgb = parseRgb(colormap(v));
      const k = ((ny - 1 - j) * nx + i) * 4; // row 0 is the bottom
      image.data[k] = clamp255(rgb[0] * shade);
      image.data[k + 1] = clamp255(rgb[1] * shade);
      image.data[k + 2] = clamp255(rgb[2] * shade);
      image.data[k + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/** Contour lines of `t` (nx × ny, row 0 = bottom) at `levels` thresholds, stroked onto `context`
 *  scaled to `width × height`. */
export function drawContours(context, t, nx, ny, width, height, { levels = 14, colour = 'rgba(255,255,255,0.35)', lineWidth = 1 } = {}) {
  const thresholds = Array.from({ length: levels }, (_, k) => (k + 1) / (levels + 1));
  const sx = width / (nx - 1);
  const sy = height / (ny - 1);
  context.save();
  context.strokeStyle = colour;
  context.lineWidth = lineWidth;
  for (const shape of contours().size([nx, ny]).thresholds(thresholds)(Array.from(t))) {
    context.beginPath();
    for (const polygon of shape.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([x, y], k) => {
          // contour coordinates are grid cell corners; cell centres sit at +0.5
          const px = (x - 0.5) * sx;
          const py = height - (y - 0.5) * sy;
          if (k === 0) context.moveTo(px, py); else context.lineTo(px, py);
        });
      }
    }
    context.stroke();
  }
  context.restore();
}

/**
 * A small line chart: `series` = [{values: number[], colour, xs?}], x = index, or `xs[k]` when
 * given (e.g. the optimizer step of each value). Non-finite values break
 * the line. Axis ticks come from d3-scale; `log` uses a log scale when every value is positive.
 */
export function lineChart(canvas, series, { log = false, xLabel = '', yLabel = '', ink = '#1b1b1f', muted = '#5b5b66', grid = '#e0e0e6', format } = {}) {
  const ratio = globalThis.devicePixelRatio || 1;
  const rect = canvas.getBoundingClientRect();
  // Resizing clears and reallocates the canvas: only when its size changed (charts redraw every frame).
  const [w, h] = [Math.max(1, Math.round(rect.width * ratio)), Math.max(1, Math.round(rect.height * ratio))];
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const W = rect.width;
  const H = rect.height;
  context.clearRect(0, 0, W, H);
  const margin = { left: 52, right: 10, top: 8, bottom: 30 };
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  if (all.length === 0) return;
  const positive = all.every((v) => v > 0);
  const useLog = log && positive && Math.max(...all) / Math.min(...all) > 50;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const y = (useLog ? scaleLog() : scaleLinear()).domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([H - margin.bottom, margin.top]);
  if (!useLog) y.nice();
  const xMax = Math.max(n - 1, ...series.map((s) => (s.xs?.length ? s.xs.at(-1) : 0)));
  const x = scaleLinear().domain([0, Math.max(1, xMax)]).range([margin.left, W - margin.right]);
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = muted;
  context.strokeStyle = grid;
  context.lineWidth = 1;
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  const yFormat = format ?? y.tickFormat(4);
  for (const tick of y.ticks(4)) {
    const label = yFormat(tick);
    if (label === '') continue; // log scales: keep the labelled ticks only
    const py = Math.round(y(tick)) + 0.5;
    context.beginPath(); context.moveTo(margin.left, py); context.lineTo(W - margin.right, py); context.stroke();
    context.fillText(label, margin.left - 4, py);
  }
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of x.ticks(5)) {
    if (!Number.isInteger(tick)) continue;
    context.fillText(String(tick), x(tick), H - margin.bottom + 4);
  }
  context.fillText(xLabel, (margin.left + W - margin.right) / 2, H - 13);
  context.save();
  context.translate(10, (margin.top + H - margin.bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.fillText(yLabel, 0, -4);
  context.restore();
  for (const s of series) {
    context.strokeStyle = s.colour ?? ink;
    context.lineWidth = 1.8;
    context.beginPath();
    let drawing = false;
    s.values.forEach((v, k) => {
      if (!Number.isFinite(v) || (useLog && v <= 0)) { drawing = false; return; }
      const px = x(s.xs ? s.xs[k] : k);
      const py = Math.max(margin.top, Math.min(H - margin.bottom, y(v)));
      if (drawing) context.lineTo(px, py); else context.moveTo(px, py);
      drawing = true;
    });
    context.stroke();
  }
}

function normalise3([a, b, c]) {
  const n = Math.hypot(a, b, c) || 1;
  return [a / n, b / n, c / n];
}

function clamp255(v) {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** 'rgb(r, g, b)' or '#rrggbb' → [r, g, b]. */
export function parseRgb(colour) {
  if (colour.startsWith('#')) {
    const n = parseInt(colour.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  return colour.match(/[\d.]+/g).slice(0, 3).map(Number);
}

/** A colour made lighter by `k` (0..1, mixed with white), e.g. for category colours on a dark theme. */
export function lighten(colour, k = 0.3) {
  const [r, g, b] = parseRgb(colour).map((v) => Math.round(v + (255 - v) * k));
  return `rgb(${r}, ${g}, ${b})`;
}

/** A colour made darker by `k` (0..1), e.g. so category colours keep contrast as text on white. */
export function darken(colour, k = 0.3) {
  const [r, g, b] = parseRgb(colour).map((v) => Math.round(v * (1 - k)));
  return `rgb(${r}, ${g}, ${b})`;
}
