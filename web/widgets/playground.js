// <plainly-playground>: a small network learning a two-class problem in the plane, live. The
// network, its gradients (burn autodiff) and its optimizer run in Rust (wasm); this draws the
// decision region, every neuron's own output map, the connections and the loss curves.
//
// Attributes (all shareable, see element.js): lang; dataset (xor | circles | moons | spiral |
// blobs); noise (0..0.5); layers ("8,8": neurons per hidden layer, "none" for no hidden layer;
// not `hidden`, which is HTML's own attribute for hiding an element);
// activation; optimizer; lr; batch; l2; seed; show-test (1 shows the test points).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, plainlyWasm } from '../core/wasm.js';
import { lineChart, parseRgb } from '../core/plot.js';
import { interpolateRdBu } from '../vendor/vendor.js';

const DATASETS = ['xor', 'circles', 'moons', 'spiral', 'blobs'];
const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'leaky-relu', 'gelu'];
const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'];
const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const BATCHES = [1, 5, 10, 25, 50, 250];
const L2S = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];
const MAX_LAYERS = 6;
const MAX_NEURONS = 16;
const POINTS = 500;
const EXTENT = 1.2; // the plot shows [−1.2, 1.2]²
const GRID = 48; // cells per side of every output map
const FRAME_BUDGET_MS = 4; // training time per animation frame; the rest is drawing (measured: make bench)
const MAX_HISTORY = 400;
const WARM_UP_STEPS = 300; // see #warmUp

/** Size a canvas's pixel buffer; only when it changed (resizing reallocates and clears it). */
function fit(canvas, width, height) {
  const [w, h] = [Math.max(1, Math.round(width)), Math.max(1, Math.round(height))];
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
}

/** "8,8" ↔ [8, 8]; "none" ↔ []. */
const layersSetting = {
  kind: 'list', default: [8, 8], min: 0, max: MAX_LAYERS,
  parse(raw) {
    if (raw === 'none') return [];
    const parts = raw.split(',').map((p) => p.trim());
    if (parts.length > MAX_LAYERS || !parts.every((p) => /^\d{1,2}$/.test(p))) return undefined;
    const sizes = parts.map(Number);
    return sizes.every((n) => n >= 1 && n <= MAX_NEURONS) ? sizes : undefined;
  },
  format: (v) => (v.length ? v.join(',') : 'none'),
};

const CSS = `
  .bar { display: flex; flex-wrap: wrap; gap: 0.4em 0.8em; align-items: center; margin: 0.3em 0 0.6em; }
  .bar button[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
  .bar label { display: inline-flex; gap: 0.35em; align-items: center; font-size: 0.92em; }
  select { font: inherit; font-size: 0.92em; padding: 0.15em 0.3em; border: 1px solid var(--plainly-line); border-radius: 6px; }
  .play { min-width: 6.5em; }
  .main { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 1em; align-items: start; }
  @container (max-width: 760px) { .main { grid-template-columns: minmax(0, 1fr); } }
  .network-box { min-width: 0; }
  .layers { display: flex; gap: 0.4em; align-items: center; flex-wrap: wrap; font-size: 0.9em; margin-bottom: 0.3em; }
  .layers .layer { display: inline-flex; gap: 0.2em; align-items: center; border: 1px solid var(--plainly-line); border-radius: 6px; padding: 0.1em 0.3em; }
  .layers button { padding: 0.05em 0.5em; }
  canvas { display: block; }
  canvas.network { width: 100%; height: 300px; }
  canvas.output { border: 1px solid var(--plainly-line); border-radius: 8px; }
  canvas.loss { width: 100%; height: 130px; }
  .stats { font-variant-numeric: tabular-nums; margin: 0.4em 0; }
  .key { display: flex; gap: 1em; flex-wrap: wrap; font-size: 0.85em; color: var(--plainly-muted); }
  .key span::before { content: ''; display: inline-block; width: 1.6em; height: 3px; vertical-align: middle; margin-right: 0.3em; background: var(--swatch); }
  .diverged { border: 1px solid var(--plainly-danger); color: var(--plainly-danger); background: var(--plainly-danger-soft); border-radius: 6px; padding: 0.4em 0.7em; }
`;

class PlainlyPlayground extends PlainlyElement {
  static settings = {
    dataset: setting.choice(DATASETS, 'xor'),
    noise: setting.number({ min: 0, max: 0.5, default: 0 }),
    layers: layersSetting,
    activation: setting.choice(ACTIVATIONS, 'tanh'),
    optimizer: setting.choice(OPTIMIZERS, 'sgd'),
    lr: setting.number({ min: 1e-4, max: 10, default: 0.1 }),
    batch: setting.number({ min: 1, max: 250, default: 10, integer: true }),
    l2: setting.number({ min: 0, max: 1, default: 0 }),
    seed: setting.number({ min: 0, max: 2 ** 31 - 1, default: 1, integer: true }),
    'show-test': setting.choice(['0', '1'], '0'),
  };

  #wasm = null;
  #net = null;
  #s = null; // current settings
  #progress = null;
  #history = []; // [{step, train, test}]
  #frame = 0;
  #stepsPerCall = 5;
  #points = null;
  #labels = null;
  #frameTimes = [];

  constructor() {
    super();
    const options = (values, label = (v) => String(v)) => values.map((v) => `<option value="${v}">${label(v)}</option>`).join('');
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="bar datasets" role="group">
        <span class="l-data"></span>
        ${DATASETS.map((d) => `<button type="button" data-dataset="${d}"></button>`).join('')}
        <label><span class="l-noise"></span> <input type="range" class="noise" min="0" max="0.5" step="0.05"></label> <output class="o-noise"></output>
      </div>
      <div class="bar controls">
        <button type="button" class="play"></button>
        <button type="button" class="step"></button>
        <button type="button" class="reset"></button>
        <label><span class="l-activation"></span> <select class="activation">${options(ACTIVATIONS)}</select></label>
        <label><span class="l-optimizer"></span> <select class="optimizer">${options(OPTIMIZERS)}</select></label>
        <label><span class="l-lr"></span> <select class="lr">${options(LEARNING_RATES)}</select></label>
        <label><span class="l-batch"></span> <select class="batch">${options(BATCHES)}</select></label>
        <label><span class="l-l2"></span> <select class="l2">${options(L2S)}</select></label>
      </div>
      <div class="main">
        <div class="network-box">
          <div class="layers">
            <span class="l-layers"></span>
            <button type="button" class="remove-layer">−</button>
            <output class="o-layers"></output>
            <button type="button" class="add-layer">+</button>
            <span class="per-layer"></span>
          </div>
          <canvas class="network" role="img"></canvas>
          <div class="key"><span class="k-positive"></span><span class="k-negative"></span></div>
        </div>
        <div>
          <canvas class="output" role="img"></canvas>
          <label class="muted"><input type="checkbox" class="show-test"> <span class="l-test"></span></label>
        </div>
      </div>
      <p class="stats"></p>
      <p class="diverged" role="alert" hidden></p>
      <canvas class="loss" role="img"></canvas>
      <div class="key"><span class="k-train"></span><span class="k-test"></span></div>
      <p class="visually-hidden announce" aria-live="polite"></p>`;
  }

  /** {settings, step, epoch, trainLoss, testLoss, trainAccuracy, testAccuracy, diverged, playing}. */
  get state() {
    if (!this.#progress) return null;
    return { settings: structuredClone(this.#s), ...this.#progress, playing: this.#frame !== 0 };
  }

  /** Frame times (ms: training + drawing) of the frames since the last reset, for the benchmark. */
  get frameTimes() {
    return [...this.#frameTimes];
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.pause();
  }

  async firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.#s = this.readSettings();
    this.shadowRoot.querySelectorAll('[data-dataset]').forEach((b) => b.addEventListener('click', () => this.set({ dataset: b.dataset.dataset })));
    $('.noise').addEventListener('change', () => this.set({ noise: Number($('.noise').value) }));
    $('.noise').addEventListener('input', () => { $('.o-noise').textContent = this.fixed(Number($('.noise').value), 2); });
    for (const name of ['activation', 'optimizer']) $(`.${name}`).addEventListener('change', () => this.set({ [name]: $(`.${name}`).value }));
    for (const name of ['lr', 'batch', 'l2']) $(`.${name}`).addEventListener('change', () => this.set({ [name]: Number($(`.${name}`).value) }));
    $('.show-test').addEventListener('change', () => { this.updateSettings({ 'show-test': $('.show-test').checked ? '1' : '0' }); this.#s = this.settings; this.#draw(); });
    $('.add-layer').addEventListener('click', () => this.#s.layers.length < MAX_LAYERS && this.set({ layers: [...this.#s.layers, 4] }));
    $('.remove-layer').addEventListener('click', () => this.#s.layers.length && this.set({ layers: this.#s.layers.slice(0, -1) }));
    $('.play').addEventListener('click', () => (this.#frame ? this.pause() : this.play()));
    $('.step').addEventListener('click', () => { this.pause(); this.train(1); });
    $('.reset').addEventListener('click', () => this.reset());
    new ResizeObserver(() => this.#draw()).observe($('.network'));
    try {
      this.#wasm = await plainlyWasm();
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    this.reset();
    this.#warmUp();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  static #warmed = false;

  /**
   * V8 first runs wasm through its quick baseline compiler and optimises the functions that turn
   * out hot in the background while they run: the first second of training would stutter (make
   * bench: 29 fps). Training a throwaway network in idle time, once per page, moves that work to
   * while the reader is still reading.
   */
  #warmUp() {
    if (PlainlyPlayground.#warmed || !this.#net) return;
    PlainlyPlayground.#warmed = true;
    const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(() => f({ timeRemaining: () => 10 }), 100));
    const spec = this.#spec();
    let net = null;
    let left = WARM_UP_STEPS;
    const chunk = (deadline) => {
      try {
        net ??= new this.#wasm.Playground(spec);
        while (left > 0 && deadline.timeRemaining() > 3) {
          net.step(10);
          net.grid(GRID, EXTENT);
          net.weights();
          left -= 10;
        }
      } catch {
        left = 0; // only a warm-up: the real network reports its own errors
      }
      if (left > 0) idle(chunk);
      else net?.free();
    };
    idle(chunk);
  }

  #spec() {
    const s = this.#s;
    return {
      dataset: s.dataset, noise: s.noise, points: POINTS, hidden: s.layers, activation: s.activation,
      optimizer: s.optimizer, learningRate: s.lr, batchSize: s.batch, l2: s.l2, seed: s.seed,
    };
  }

  /**
   * Change settings. The learning rate, batch size and L2 take effect on the running network
   * only after a reset, like every other setting: a network is built with its settings.
   */
  set(change) {
    this.updateSettings(change);
    this.#s = this.settings;
    this.reset();
  }

  /** A fresh network (new random weights from the seed) on fresh data. */
  reset() {
    this.pause();
    this.#syncControls();
    if (!this.#wasm) return;
    const spec = this.#spec();
    try {
      this.#net?.free();
      this.#net = null;
      this.#net = callWasm(() => new this.#wasm.Playground(spec));
    } catch (error) {
      return this.showError('playground.error', error);
    }
    this.shadowRoot.querySelector('.message').hidden = true;
    this.#points = callWasm(() => this.#net.points());
    this.#labels = callWasm(() => this.#net.labels());
    this.#progress = callWasm(() => this.#net.progress());
    this.#history = [{ step: 0, train: this.#progress.trainLoss, test: this.#progress.testLoss }];
    this.#frameTimes = [];
    this.#draw();
  }

  /** Take `count` optimizer steps now (no animation) and redraw. Returns the progress. */
  train(count) {
    if (!this.#net || this.#progress.diverged) return this.#progress;
    let left = count;
    while (left > 0) {
      const n = Math.min(left, 10_000);
      this.#progress = callWasm(() => this.#net.step(n));
      left -= n;
      this.#record();
      if (this.#progress.diverged) break;
    }
    this.#draw();
    this.#announce();
    return this.#progress;
  }

  play() {
    if (this.#frame || !this.#net || this.#progress.diverged) return;
    if (this.reducedMotion) {
      // No animation: train 500 steps out of sight and show where they led.
      this.train(500);
      return;
    }
    let frame = 0;
    const tick = () => {
      const start = performance.now();
      frame += 1;
      this.#progress = callWasm(() => this.#net.step(this.#stepsPerCall));
      const trained = performance.now() - start;
      // Keep training near FRAME_BUDGET_MS per frame, whatever this machine's speed.
      this.#stepsPerCall = Math.max(1, Math.min(200, Math.round(this.#stepsPerCall * (trained > FRAME_BUDGET_MS ? 0.8 : 1.25))));
      this.#record();
      this.#draw(frame);
      this.#frameTimes.push(performance.now() - start);
      if (this.#progress.diverged) return this.pause();
      this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
    this.#renderText();
  }

  pause() {
    const wasPlaying = this.#frame !== 0;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (wasPlaying) this.#draw(); // every picture up to date (while playing some skip frames)
    this.#renderText();
    if (wasPlaying) this.#announce();
  }

  #record() {
    const p = this.#progress;
    if (this.#history.at(-1)?.step === p.step) return;
    this.#history.push({ step: p.step, train: p.trainLoss, test: p.testLoss });
    if (this.#history.length > MAX_HISTORY) {
      // Keep the curve's whole length at bounded cost: drop every other point.
      this.#history = this.#history.filter((_, k) => k % 2 === 0 || k === this.#history.length - 1);
    }
  }

  // Screen readers hear the numbers when training stops, not at every frame.
  #announce() {
    if (this.#frame) return;
    this.shadowRoot.querySelector('.announce').textContent = this.shadowRoot.querySelector('.stats').textContent;
  }

  #syncControls() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const s = this.#s;
    this.shadowRoot.querySelectorAll('[data-dataset]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.dataset === s.dataset)));
    $('.noise').value = String(s.noise);
    $('.o-noise').textContent = this.fixed(s.noise, 2);
    $('.activation').value = s.activation;
    $('.optimizer').value = s.optimizer;
    for (const [name, values] of [['lr', LEARNING_RATES], ['batch', BATCHES], ['l2', L2S]]) {
      const select = $(`.${name}`);
      // A value from a link that is not in the list still shows (and is used) as it is.
      if (!values.includes(s[name]) && !select.querySelector(`option[value="${s[name]}"]`)) {
        select.append(new Option(String(s[name]), String(s[name])));
      }
      select.value = String(s[name]);
    }
    $('.show-test').checked = s['show-test'] === '1';
    $('.o-layers').textContent = String(s.layers.length);
    $('.add-layer').disabled = s.layers.length >= MAX_LAYERS;
    $('.remove-layer').disabled = s.layers.length === 0;
    const perLayer = $('.per-layer');
    perLayer.replaceChildren(...s.layers.map((n, k) => {
      const box = document.createElement('span');
      box.className = 'layer';
      const less = document.createElement('button');
      less.type = 'button';
      less.textContent = '−';
      less.disabled = n <= 1;
      less.addEventListener('click', () => this.set({ layers: s.layers.map((m, j) => (j === k ? m - 1 : m)) }));
      const more = document.createElement('button');
      more.type = 'button';
      more.textContent = '+';
      more.disabled = n >= MAX_NEURONS;
      more.addEventListener('click', () => this.set({ layers: s.layers.map((m, j) => (j === k ? m + 1 : m)) }));
      const count = document.createElement('output');
      count.textContent = String(n);
      box.append(less, count, more);
      box.dataset.layer = String(k);
      return box;
    }));
    this.#labelLayerButtons();
  }

  #labelLayerButtons() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.add-layer').setAttribute('aria-label', this.t('playground.layer.add'));
    $('.remove-layer').setAttribute('aria-label', this.t('playground.layer.remove'));
    this.shadowRoot.querySelectorAll('.layer').forEach((box) => {
      const k = Number(box.dataset.layer) + 1;
      const [less, , more] = box.children;
      less.setAttribute('aria-label', this.t('playground.neuron.remove', { layer: k }));
      more.setAttribute('aria-label', this.t('playground.neuron.add', { layer: k }));
    });
  }

  // --- drawing ------------------------------------------------------------------------------

  /**
   * Redraw. While playing, `frame` counts animation frames: the decision region follows every
   * frame, the network's maps every second frame, the loss chart every third and the numbers
   * every sixth — each canvas repainted costs compositing time too (make bench), and the eye does
   * not miss them.
   */
  #draw(frame = null) {
    if (!this.#net || !this.isConnected) return;
    const grid = callWasm(() => this.#net.grid(GRID, EXTENT));
    if (frame === null || !this.#colours) this.#colours = this.theme();
    const colours = this.#colours;
    this.#drawOutput(grid, colours);
    if (frame === null || frame % 2 === 0) this.#drawNetwork(grid, callWasm(() => this.#net.weights()), colours);
    if (frame === null || frame % 3 === 0) this.#drawLoss(colours);
    // Numbers at 10 per second are as readable as at 60, and changing text costs a layout.
    if (frame === null || frame % 6 === 0) this.#renderText();
  }

  #colours = null;

  // One small canvas and pixel buffer per map, kept between frames: creating them every frame
  // cost more than drawing (make bench, Chromium's profile).
  #maps = {};

  /** Map `values` (GRID² cells from `offset`, rows top down) into canvas number `slot`, colours
   *  spread over `range` = [lo, hi]. */
  #mapImage(slot, values, offset, [lo, hi]) {
    this.#maps[slot] ??= (() => {
      const canvas = new OffscreenCanvas(GRID, GRID);
      return { canvas, context: canvas.getContext('2d'), image: new ImageData(GRID, GRID) };
    })();
    const { canvas, context, image } = this.#maps[slot];
    const span = hi - lo || 1;
    for (let k = 0; k < GRID * GRID; k++) {
      const t = Math.min(1, Math.max(0, (values[offset + k] - lo) / span));
      const [r, g, b] = this.#colour(t);
      image.data[4 * k] = r; image.data[4 * k + 1] = g; image.data[4 * k + 2] = b; image.data[4 * k + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    return canvas;
  }

  /** The input x (axis 0) or y (1) over the plane, as a map; it never changes, so drawn once. */
  #inputMap(axis) {
    const key = `input${axis}`;
    if (!this.#maps[key]) {
      const values = new Float32Array(GRID * GRID);
      for (let k = 0; k < GRID * GRID; k++) {
        const v = axis === 0 ? (k % GRID) : GRID - 1 - Math.floor(k / GRID);
        values[k] = -EXTENT + (2 * EXTENT * (v + 0.5)) / GRID;
      }
      this.#maps[key] = { canvas: this.#mapImage(key, values, 0, [-EXTENT, EXTENT]) };
    }
    return this.#maps[key].canvas;
  }

  // RdBu (ColorBrewer, diverging, safe for red–green colour blindness) with its darkest ends
  // cut, so the points on top stay visible; 0 → red (class 0), 1 → blue (class 1).
  #palette = Array.from({ length: 256 }, (_, k) => parseRgb(interpolateRdBu(0.12 + 0.76 * (k / 255))));

  #colour(t) {
    return this.#palette[Math.round(t * 255)];
  }

  #range(kind) {
    const a = this.#s.activation;
    if (kind === 'output' || a === 'sigmoid') return [0, 1];
    if (a === 'tanh') return [-1, 1];
    return null; // unbounded: scaled per neuron
  }

  #drawOutput(grid, c) {
    const canvas = this.shadowRoot.querySelector('.output');
    const size = 300;
    const ratio = globalThis.devicePixelRatio || 1;
    fit(canvas, size * ratio, size * ratio);
    if (canvas.style.width !== `${size}px`) Object.assign(canvas.style, { width: `${size}px`, height: `${size}px` });
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const neurons = this.#s.layers.reduce((a, b) => a + b, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(this.#mapImage('output', grid, neurons * GRID * GRID, [0, 1]), 0, 0, size, size);
    const sx = (x) => ((x + EXTENT) / (2 * EXTENT)) * size;
    const sy = (y) => size - ((y + EXTENT) / (2 * EXTENT)) * size;
    context.strokeStyle = 'rgba(0,0,0,0.25)';
    context.beginPath();
    context.moveTo(sx(0), 0); context.lineTo(sx(0), size); context.moveTo(0, sy(0)); context.lineTo(size, sy(0));
    context.stroke();
    const n = this.#labels.length;
    const showTest = this.#s['show-test'] === '1';
    const blue = parseRgb(interpolateRdBu(0.92));
    const red = parseRgb(interpolateRdBu(0.08));
    for (let i = 0; i < n; i++) {
      const test = i >= n / 2;
      if (test && !showTest) continue;
      const px = sx(this.#points[2 * i]);
      const py = sy(this.#points[2 * i + 1]);
      const one = this.#labels[i] === 1;
      context.fillStyle = `rgb(${(one ? blue : red).join(',')})`;
      context.strokeStyle = test ? '#000' : '#fff';
      context.lineWidth = test ? 1.6 : 1.2;
      context.beginPath();
      // Shape as well as colour tells the classes apart: circles are class 1, squares class 0.
      if (one) context.arc(px, py, 4, 0, 2 * Math.PI); else context.rect(px - 3.5, py - 3.5, 7, 7);
      context.fill();
      context.stroke();
    }
  }

  #drawNetwork(grid, weights, c) {
    const canvas = this.shadowRoot.querySelector('.network');
    const rect = canvas.getBoundingClientRect();
    if (rect.width < 10) return;
    const ratio = globalThis.devicePixelRatio || 1;
    fit(canvas, rect.width * ratio, rect.height * ratio);
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, rect.width, rect.height);
    const widths = [2, ...this.#s.layers, 1];
    const columns = widths.length;
    const W = rect.width;
    const H = rect.height;
    const box = Math.max(14, Math.min(40, (H - 20) / Math.max(...widths) - 4));
    const colX = (l) => 20 + box / 2 + (l * (W - 40 - box)) / (columns - 1);
    const rowY = (l, j) => {
      const n = widths[l];
      const gap = Math.min(box + 8, (H - 20) / n);
      return H / 2 + (j - (n - 1) / 2) * gap;
    };
    // Connections: width by |w| (the largest weight drawn 6 px), colour by sign.
    let at = 0;
    let biggest = 1e-6;
    for (let l = 0; l + 1 < columns; l++) {
      const count = widths[l] * widths[l + 1];
      for (let k = 0; k < count; k++) biggest = Math.max(biggest, Math.abs(weights[at + k]));
      at += count + widths[l + 1];
    }
    const positive = `rgb(${parseRgb(interpolateRdBu(0.85)).join(',')})`;
    const negative = `rgb(${parseRgb(interpolateRdBu(0.15)).join(',')})`;
    at = 0;
    for (let l = 0; l + 1 < columns; l++) {
      const [nIn, nOut] = [widths[l], widths[l + 1]];
      for (let i = 0; i < nIn; i++) {
        for (let j = 0; j < nOut; j++) {
          const w = weights[at + i * nOut + j];
          if (!Number.isFinite(w)) continue;
          context.strokeStyle = w >= 0 ? positive : negative;
          context.lineWidth = Math.max(0.4, (6 * Math.abs(w)) / biggest);
          context.beginPath();
          context.moveTo(colX(l) + box / 2, rowY(l, i));
          context.lineTo(colX(l + 1) - box / 2, rowY(l + 1, j));
          context.stroke();
        }
      }
      at += nIn * nOut + nOut;
    }
    // Neurons: the inputs x and y as maps, each hidden neuron's own output map, the output.
    const cells = GRID * GRID;
    let offset = 0;
    context.imageSmoothingEnabled = true;
    for (let l = 0; l < columns; l++) {
      for (let j = 0; j < widths[l]; j++) {
        let image;
        if (l === 0) {
          image = this.#inputMap(j);
        } else {
          let range = this.#range(l === columns - 1 ? 'output' : 'hidden');
          if (!range) {
            let m = 1e-6;
            for (let k = 0; k < cells; k++) m = Math.max(m, Math.abs(grid[offset + k]));
            range = [-m, m];
          }
          image = this.#mapImage(offset / cells, grid, offset, range);
          offset += cells;
        }
        const x = colX(l) - box / 2;
        const y = rowY(l, j) - box / 2;
        context.drawImage(image, x, y, box, box);
        context.strokeStyle = c.line || '#c9c9d3';
        context.lineWidth = 1;
        context.strokeRect(x, y, box, box);
      }
    }
    context.fillStyle = c.muted || '#5b5b66';
    context.font = '11px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (let l = 0; l < columns; l++) {
      const name = l === 0 ? this.t('playground.col.input') : l === columns - 1 ? this.t('playground.col.output') : this.t('playground.col.hidden', { layer: l });
      context.fillText(name, colX(l), 2);
    }
    canvas.setAttribute('aria-label', this.t('playground.network.label', { shape: widths.join('-'), activation: this.#s.activation }));
  }

  #drawLoss(c) {
    const canvas = this.shadowRoot.querySelector('.loss');
    const xs = this.#history.map((h) => h.step);
    lineChart(canvas, [
      { values: this.#history.map((h) => h.train), xs, colour: c.ink },
      { values: this.#history.map((h) => h.test), xs, colour: c.warn },
    ], { xLabel: this.t('playground.loss.x'), yLabel: this.t('playground.loss.y'), ink: c.ink, muted: c.muted, grid: c.grid });
  }

  #renderText() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.play').textContent = this.t(this.#frame ? 'playground.pause' : 'playground.play');
    $('.play').setAttribute('aria-pressed', String(this.#frame !== 0));
    const p = this.#progress;
    if (!p) return;
    const loss = (v) => (Number.isFinite(v) ? this.fixed(v, 3) : '—');
    $('.stats').textContent = this.t('playground.stats', {
      step: p.step.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en'), epoch: this.fixed(p.epoch, 1),
      train: loss(p.trainLoss), test: loss(p.testLoss),
      trainAcc: this.percent(p.trainAccuracy, 1), testAcc: this.percent(p.testAccuracy, 1),
    });
    const diverged = $('.diverged');
    diverged.hidden = !p.diverged;
    diverged.textContent = p.diverged ? this.t('playground.diverged', { lr: String(this.#s.lr) }) : '';
    $('.play').disabled = p.diverged;
    $('.step').disabled = p.diverged;
    $('.output').setAttribute('aria-label', this.t('playground.output.label', {
      dataset: this.t(`playground.dataset.${this.#s.dataset}`), testAcc: this.percent(p.testAccuracy, 1),
    }));
    $('.loss').setAttribute('aria-label', this.t('playground.loss.label', { train: loss(p.trainLoss), test: loss(p.testLoss) }));
  }

  refreshTheme() {
    this.#draw();
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.shadowRoot.querySelectorAll('[data-dataset]').forEach((b) => { b.textContent = this.t(`playground.dataset.${b.dataset.dataset}`); });
    $('.datasets').setAttribute('aria-label', this.t('playground.l.data'));
    for (const name of ['data', 'noise', 'activation', 'optimizer', 'lr', 'batch', 'l2', 'layers', 'test']) {
      $(`.l-${name}`).textContent = this.t(`playground.l.${name}`);
    }
    for (const name of ACTIVATIONS) $(`.activation option[value="${name}"]`).textContent = this.t(`activations.name.${name}`);
    for (const name of OPTIMIZERS) $(`.optimizer option[value="${name}"]`).textContent = this.t(`marbles.optimizer.${name}`);
    $('.step').textContent = this.t('playground.step');
    $('.reset').textContent = this.t('playground.reset');
    $('.k-positive').textContent = this.t('playground.key.positive');
    $('.k-negative').textContent = this.t('playground.key.negative');
    $('.k-train').textContent = this.t('playground.key.train');
    $('.k-test').textContent = this.t('playground.key.test');
    if (this.#s) this.#labelLayerButtons();
    // Until the network exists (wasm loading) the pictures still say what they will show.
    for (const [name, key] of [['network', 'playground.l.layers'], ['output', 'playground.section.title'], ['loss', 'playground.loss.y']]) {
      if (!$(`canvas.${name}`).hasAttribute('aria-label')) $(`canvas.${name}`).setAttribute('aria-label', this.t(key));
    }
    const c = this.theme();
    $('.k-positive').style.setProperty('--swatch', interpolateRdBu(0.85));
    $('.k-negative').style.setProperty('--swatch', interpolateRdBu(0.15));
    $('.k-train').style.setProperty('--swatch', c.ink);
    $('.k-test').style.setProperty('--swatch', c.warn);
    this.#draw();
    this.#renderText();
    this.refreshError();
  }
}

if (!customElements.get('plainly-playground')) customElements.define('plainly-playground', PlainlyPlayground);
