// A 2-D scatter plot on a canvas the caller hands over: equal scales on both axes (distances on
// screen mean the same thing in every direction), labels pushed apart by d3-force so they don't
// pile on each other, arrows, and picking the point under the pointer.

import { forceCollide, forceSimulation, forceX, forceY } from '../vendor/vendor.js';

export class Scatter {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas, { padding = 28, font = '13px system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif' } = {}) {
    if (!(canvas instanceof HTMLCanvasElement)) throw new TypeError('Scatter needs a <canvas>');
    this.canvas = canvas;
    this.padding = padding;
    this.font = font;
    this.points = [];
    this.labels = [];
  }

  /**
   * points: [{x, y, label?, colour?, radius?, glyph?, strong?}] in data units. Labels are placed
   * again whenever the points or the canvas size change.
   */
  setPoints(points) {
    this.points = points;
    this.#fit();
    this.labels = null;
  }

  #fit() {
    const xs = this.points.map((p) => p.x).filter(Number.isFinite);
    const ys = this.points.map((p) => p.y).filter(Number.isFinite);
    const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [-1, 1];
    const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [-1, 1];
    const span = Math.max(x1 - x0, y1 - y0, 1e-6);
    this.extent = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, span };
  }

  /** Data units → CSS pixels within the canvas. */
  toScreen(x, y) {
    const rect = this.canvas.getBoundingClientRect();
    const side = Math.min(rect.width, rect.height) - 2 * this.padding;
    const scale = side / this.extent.span;
    return [rect.width / 2 + (x - this.extent.cx) * scale, rect.height / 2 - (y - this.extent.cy) * scale];
  }

  /** CSS pixels within the canvas → data units. */
  toData(px, py) {
    const rect = this.canvas.getBoundingClientRect();
    const side = Math.min(rect.width, rect.height) - 2 * this.padding;
    const scale = side / this.extent.span;
    return [(px - rect.width / 2) / scale + this.extent.cx, -(py - rect.height / 2) / scale + this.extent.cy];
  }

  /** Index of the point nearest the client position, within `radius` CSS pixels, or -1. */
  pick(clientX, clientY, radius = 12) {
    const rect = this.canvas.getBoundingClientRect();
    let best = -1;
    let bestDistance = radius;
    this.points.forEach((p, i) => {
      const [px, py] = this.toScreen(p.x, p.y);
      const d = Math.hypot(px - (clientX - rect.left), py - (clientY - rect.top));
      if (d <= bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  #placeLabels(context) {
    const nodes = [];
    const obstacles = this.points.length <= 300; // with many points, only labels repel each other
    this.points.forEach((p, i) => {
      const [px, py] = this.toScreen(p.x, p.y);
      // every point pushes labels away from itself
      if (obstacles || p.label) nodes.push({ x: px, y: py, fx: px, fy: py, r: (p.radius ?? 4) + 2 });
      if (p.label) {
        const width = context.measureText(p.label).width;
        nodes.push({ label: p.label, point: i, anchorX: px, anchorY: py - 12, x: px, y: py - 12, r: width / 2 + 3, width });
      }
    });
    const simulation = forceSimulation(nodes)
      .force('collide', forceCollide((n) => n.r).iterations(2))
      .force('x', forceX((n) => n.anchorX ?? n.x).strength(0.25))
      .force('y', forceY((n) => n.anchorY ?? n.y).strength(0.25))
      .stop();
    simulation.tick(120);
    this.labels = nodes.filter((n) => n.label);
    // keep every label inside the canvas
    const rect = this.canvas.getBoundingClientRect();
    for (const l of this.labels) {
      l.x = Math.min(Math.max(l.x, l.width / 2 + 2), rect.width - l.width / 2 - 2);
      l.y = Math.min(Math.max(l.y, 9), rect.height - 9);
    } // (d3 writes its own `index` on nodes: `point` is ours)
  }

  /** Draw points, labels and `arrows` ([{from: {x, y}, to: {x, y}, colour}]) on the canvas;
   *  `ink`, `muted` and `paper` (the halo behind labels) follow the widget's theme. */
  draw({ arrows = [], ink = '#1b1b1f', muted = '#6b6b76', paper = '#ffffff', highlight = -1 } = {}) {
    const canvas = this.canvas;
    const ratio = globalThis.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width * ratio));
    const height = Math.max(1, Math.round(rect.height * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      this.labels = null;
    }
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, rect.width, rect.height);
    context.font = this.font;
    if (!this.labels) this.#placeLabels(context);

    for (const a of arrows) {
      const [x0, y0] = this.toScreen(a.from.x, a.from.y);
      const [x1, y1] = this.toScreen(a.to.x, a.to.y);
      arrow(context, x0, y0, x1, y1, a.colour ?? ink);
    }
    // leader lines for labels pushed away from their point
    context.strokeStyle = muted;
    context.lineWidth = 0.8;
    for (const l of this.labels) {
      const p = this.points[l.point];
      const [px, py] = this.toScreen(p.x, p.y);
      if (Math.hypot(l.x - px, l.y - py) > 20) {
        context.beginPath(); context.moveTo(px, py); context.lineTo(l.x, l.y + 4); context.stroke();
      }
    }
    this.points.forEach((p, i) => {
      const [px, py] = this.toScreen(p.x, p.y);
      const r = (p.radius ?? 4) + (i === highlight ? 2 : 0);
      if (p.glyph) {
        context.fillStyle = p.colour ?? ink;
        context.textAlign = 'center';
        context.textBaseline = 'middle';
        context.font = `${p.strong ? 'bold ' : ''}${Math.round(r * 2.6)}px system-ui, sans-serif`;
        context.fillText(p.glyph, px, py);
        context.font = this.font;
        return;
      }
      context.beginPath();
      context.arc(px, py, r, 0, 2 * Math.PI);
      context.fillStyle = p.colour ?? ink;
      context.fill();
      if (p.strong || i === highlight) {
        context.lineWidth = 2;
        context.strokeStyle = ink;
        context.stroke();
      }
    });
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (const l of this.labels) {
      const p = this.points[l.point];
      context.lineWidth = 3;
      context.strokeStyle = paper;
      context.globalAlpha = 0.85;
      context.strokeText(l.label, l.x, l.y);
      context.globalAlpha = 1;
      context.fillStyle = p.labelColour ?? ink;
      context.font = `${p.strong ? 'bold ' : ''}${this.font}`;
      context.fillText(l.label, l.x, l.y);
      context.font = this.font;
    }
  }
}

function arrow(context, x0, y0, x1, y1, colour) {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const head = 9;
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(x0, y0);
  context.lineTo(x1 - Math.cos(angle) * head * 0.8, y1 - Math.sin(angle) * head * 0.8);
  context.stroke();
  context.beginPath();
  context.moveTo(x1, y1);
  context.lineTo(x1 - head * Math.cos(angle - 0.4), y1 - head * Math.sin(angle - 0.4));
  context.lineTo(x1 - head * Math.cos(angle + 0.4), y1 - head * Math.sin(angle + 0.4));
  context.closePath();
  context.fill();
}
