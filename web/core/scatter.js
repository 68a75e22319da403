// A 2-D scatter plot on a canvas the caller hands over: equal scales on both axes (distances on
// screen mean the same thing in every direction), labels pushed apart by d3-force so they don't
// pile on each other, arrows, and picking the point under the pointer. The points are drawn once
// into a layer that is reused while only the overlay (a few live points) changes: a thousand
// points redrawn for every stroke of a pen cost more than the network that placed the pen's digit.

import { forceCollide, forceSimulation, forceX, forceY } from '../vendor/vendor.js';

export class Scatter {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas, { padding = 28, font = '13px system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif' } = {}) {
    if (!(canvas instanceof HTMLCanvasElement)) throw new TypeError('Scatter needs a <canvas>');
    this.canvas = canvas;
    this.padding = padding;
    this.font = font;
    this.base = [];
    this.overlay = [];
    this.points = [];
    this.labels = [];
    this.#fit();
  }

  #version = 0; // counts setPoints calls: part of the point layer's key
  #layer = null; // {canvas, key}: the base points as last drawn

  /**
   * points: [{x, y, label?, colour?, radius?, glyph?, strong?}] in data units. Labels are placed
   * again whenever the points or the canvas size change.
   */
  setPoints(points) {
    this.base = points;
    this.#version++;
    this.#combine();
  }

  /**
   * Points that change often (a reader's live point), drawn over the others, in the same units;
   * the view still fits all of them. Indices of `points`, `pick` and `highlight` run through the
   * base points first, then these.
   */
  setOverlay(points = []) {
    this.overlay = points;
    this.#combine();
  }

  #combine() {
    this.points = this.overlay.length ? [...this.base, ...this.overlay] : this.base;
    this.#fit();
    this.labels = null;
  }

  #fit() {
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of this.points) {
      if (Number.isFinite(p.x)) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); }
      if (Number.isFinite(p.y)) { y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); }
    }
    if (x0 > x1) [x0, x1] = [-1, 1];
    if (y0 > y1) [y0, y1] = [-1, 1];
    const span = Math.max(x1 - x0, y1 - y0, 1e-6);
    this.extent = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, span };
  }

  // The canvas box and scale, read once per drawing (each getBoundingClientRect may lay out the page).
  #frame() {
    const rect = this.canvas.getBoundingClientRect();
    const side = Math.min(rect.width, rect.height) - 2 * this.padding;
    return { rect, scale: side / this.extent.span };
  }

  #project({ rect, scale }, x, y) {
    return [rect.width / 2 + (x - this.extent.cx) * scale, rect.height / 2 - (y - this.extent.cy) * scale];
  }

  /** Data units → CSS pixels within the canvas. */
  toScreen(x, y) {
    return this.#project(this.#frame(), x, y);
  }

  /** CSS pixels within the canvas → data units. */
  toData(px, py) {
    const { rect, scale } = this.#frame();
    return [(px - rect.width / 2) / scale + this.extent.cx, -(py - rect.height / 2) / scale + this.extent.cy];
  }

  /** Index of the point nearest the client position, within `radius` CSS pixels, or -1. */
  pick(clientX, clientY, radius = 12) {
    const frame = this.#frame();
    let best = -1;
    let bestDistance = radius;
    this.points.forEach((p, i) => {
      const [px, py] = this.#project(frame, p.x, p.y);
      const d = Math.hypot(px - (clientX - frame.rect.left), py - (clientY - frame.rect.top));
      if (d <= bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  #placeLabels(context, frame) {
    const nodes = [];
    const obstacles = this.points.length <= 300; // with many points, only labels repel each other
    this.points.forEach((p, i) => {
      if (!obstacles && !p.label) return;
      const [px, py] = this.#project(frame, p.x, p.y);
      // every point kept here pushes labels away from itself
      nodes.push({ x: px, y: py, fx: px, fy: py, r: (p.radius ?? 4) + 2 });
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
    const { rect } = frame;
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
    const frame = this.#frame();
    const { rect } = frame;
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
    if (!this.labels) this.#placeLabels(context, frame);

    for (const a of arrows) {
      const [x0, y0] = this.#project(frame, a.from.x, a.from.y);
      const [x1, y1] = this.#project(frame, a.to.x, a.to.y);
      arrow(context, x0, y0, x1, y1, a.colour ?? ink);
    }
    // leader lines for labels pushed away from their point
    context.strokeStyle = muted;
    context.lineWidth = 0.8;
    for (const l of this.labels) {
      const p = this.points[l.point];
      const [px, py] = this.#project(frame, p.x, p.y);
      if (Math.hypot(l.x - px, l.y - py) > 20) {
        context.beginPath(); context.moveTo(px, py); context.lineTo(l.x, l.y + 4); context.stroke();
      }
    }
    const e = this.extent;
    const key = [width, height, ratio, e.cx, e.cy, e.span, this.#version, ink, highlight < this.base.length ? highlight : -1].join();
    if (this.#layer?.key !== key) {
      this.#layer ??= { canvas: document.createElement('canvas') };
      const layer = this.#layer.canvas;
      layer.width = width;
      layer.height = height;
      const layerContext = layer.getContext('2d');
      layerContext.setTransform(ratio, 0, 0, ratio, 0, 0);
      this.#drawPoints(layerContext, frame, this.base, 0, { ink, highlight });
      this.#layer.key = key;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(this.#layer.canvas, 0, 0);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.#drawPoints(context, frame, this.overlay, this.base.length, { ink, highlight });
    context.font = this.font;
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

  // Dots (or glyphs) for `points`, whose indices start at `first` (for `highlight`).
  #drawPoints(context, frame, points, first, { ink, highlight }) {
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    let font = '';
    points.forEach((p, k) => {
      const [px, py] = this.#project(frame, p.x, p.y);
      const lit = first + k === highlight;
      const r = (p.radius ?? 4) + (lit ? 2 : 0);
      if (p.glyph) {
        context.fillStyle = p.colour ?? ink;
        const glyphFont = `${p.strong ? 'bold ' : ''}${Math.round(r * 2.6)}px system-ui, sans-serif`;
        if (glyphFont !== font) context.font = font = glyphFont; // parsing a font string is not free
        context.fillText(p.glyph, px, py);
        return;
      }
      context.beginPath();
      context.arc(px, py, r, 0, 2 * Math.PI);
      context.fillStyle = p.colour ?? ink;
      context.fill();
      if (p.strong || lit) {
        context.lineWidth = 2;
        context.strokeStyle = ink;
        context.stroke();
      }
    });
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
