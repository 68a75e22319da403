// <plainly-digit>: draw a digit, watch a real network classify it.
//
// Attributes: lang ("en" | "zh"), backend ("flex" | "ndarray").
// Events: `prediction` (detail: {digit, probabilities[10], features[128]} or null for an empty
// pad), bubbling; `features` are the CNN's penultimate layer (see <plainly-digit-space>).
// Property: `prediction` (read-only, the latest detail).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { DrawingPad } from '../core/pad.js';
import { callWasm, fetchAsset, fetchJson, plainlyWasm } from '../core/wasm.js';

const THROTTLE_MS = 80;
const SAMPLE_RECORD = 785; // mnist-test-1000.u8: a label byte, then 28 × 28 grey bytes
const SAMPLE_STRIDE = 37; // walks through the 1,000 test digits in a mixed order of classes

const CSS = `
  .widget { display: flex; flex-wrap: wrap; gap: 1.25em; align-items: flex-start; }
  .pad-col { flex: 0 1 300px; min-width: 200px; display: flex; flex-direction: column; gap: 0.5em; }
  .pad-frame {
    position: relative; aspect-ratio: 1; width: 100%;
    border: 2px solid var(--plainly-line); border-radius: 10px; background: var(--plainly-paper);
  }
  .pad-frame:focus-within { border-color: var(--plainly-accent); }
  canvas.pad { position: absolute; inset: 0; width: 100%; height: 100%; border-radius: 8px; cursor: crosshair; }
  .hint {
    position: absolute; inset: 0; display: grid; place-items: center; pointer-events: none;
    color: var(--plainly-muted); font-size: 1.1em;
  }
  .result-col { flex: 1 1 320px; min-width: 260px; display: flex; flex-direction: column; gap: 0.9em; }
  .verdict { display: flex; align-items: baseline; gap: 0.6em; min-height: 3.2em; }
  .verdict .digit { font-size: 2.6em; font-weight: 700; line-height: 1; color: var(--plainly-accent); }
  .verdict .text { font-size: 1.1em; }
  .bars { display: grid; grid-template-columns: 1.2em 1fr 4.2em; gap: 3px 0.5em; align-items: center; margin: 0; padding: 0; }
  .bar { display: contents; }
  .bar .label { font-variant-numeric: tabular-nums; text-align: right; font-weight: 600; }
  .bar .track { height: 14px; background: var(--plainly-panel); border-radius: 3px; overflow: hidden; }
  .bar .fill { display: block; height: 100%; width: 0; background: var(--plainly-accent); transition: width 120ms; }
  .bar.top .fill { background: var(--plainly-accent-strong); }
  .bar .value { font-variant-numeric: tabular-nums; font-size: 0.85em; color: var(--plainly-muted); }
  .views { display: flex; flex-wrap: wrap; gap: 1em; }
  .view { display: flex; flex-direction: column; gap: 0.3em; max-width: 190px; }
  .view canvas { width: 112px; height: 112px; image-rendering: pixelated; border: 1px solid var(--plainly-line); background: var(--plainly-paper); }
  .view canvas.grid16 { width: 128px; height: 128px; image-rendering: auto; }
  .vector {
    margin: 0; font: 11px/1.15 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    letter-spacing: 0.08em; color: var(--plainly-ink); background: var(--plainly-panel);
    padding: 0.4em; border-radius: 4px; white-space: pre;
  }
  .vector .on { color: var(--plainly-accent); font-weight: 700; }
  @media (prefers-reduced-motion: reduce) { .bar .fill { transition: none; } }
`;

class PlainlyDigit extends PlainlyElement {
  static settings = { backend: setting.choice(['flex', 'ndarray'], 'flex') };

  #prediction = null;
  #classifier = null;
  #pad = null;
  #timer = null;
  #lastRun = 0;
  #reading = null;
  #card = null;
  #loading = false;
  #samples = null; // the real test digits, fetched when the reader first asks for one
  #sampleIndex = 0;
  #sampleLabel = null;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="widget" part="widget">
        <div class="pad-col">
          <div class="pad-frame">
            <canvas class="pad" part="pad" role="img"></canvas>
            <div class="hint"></div>
          </div>
          <div class="pad-buttons"><button type="button" class="clear"></button> <button type="button" class="sample"></button></div>
          <p class="muted sample-note"></p>
          <p class="muted model-card"></p>
        </div>
        <div class="result-col">
          <div class="message" role="alert" hidden></div>
          <div class="verdict"><span class="digit" aria-hidden="true"></span><span class="text"></span></div>
          <div class="sr-live visually-hidden" aria-live="polite"></div>
          <div>
            <h3 class="bars-title"></h3>
            <div class="bars" role="list"></div>
          </div>
          <div class="views">
            <div class="view">
              <h4 class="input28-title"></h4>
              <canvas class="input28" width="28" height="28" role="img"></canvas>
              <span class="muted input28-note"></span>
            </div>
            <div class="view">
              <h4 class="grid-title"></h4>
              <canvas class="grid16" width="128" height="128" role="img"></canvas>
            </div>
            <div class="view">
              <h4 class="vector-title"></h4>
              <pre class="vector"></pre>
            </div>
          </div>
          <p class="grid-answer"></p>
        </div>
      </div>`;
    const bars = this.shadowRoot.querySelector('.bars');
    for (let d = 0; d < 10; d++) {
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.dataset.digit = String(d);
      bar.setAttribute('role', 'listitem');
      bar.innerHTML = `<span class="label">${d}</span><span class="track"><span class="fill"></span></span><span class="value"></span>`;
      bars.append(bar);
    }
  }

  /** The latest prediction: `{digit, probabilities}` (frozen), or null for an empty pad. */
  get prediction() {
    return this.#prediction;
  }

  firstConnected() {
    const root = this.shadowRoot;
    const canvas = root.querySelector('canvas.pad');
    // The theme's ink, read once per theme (getComputedStyle at every pointer move would force a
    // style recalculation per segment drawn).
    this.#ink = null;
    this.#pad = new DrawingPad(canvas, { ink: () => (this.#ink ??= getComputedStyle(this).getPropertyValue('--plainly-ink').trim() || '#111') });
    this.#pad.addEventListener('stroke', () => this.#schedule());
    this.#pad.addEventListener('strokeend', () => this.#classifyNow(true));
    this.#pad.addEventListener('stroke', () => this.#setSampleLabel(null));
    root.querySelector('.clear').addEventListener('click', () => this.clear());
    root.querySelector('.sample').addEventListener('click', () => this.showSample());
    new ResizeObserver(() => this.#pad.resize()).observe(canvas);
    this.#drawInput28();
    this.#drawGrid();
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  /** Empty the pad; the prediction becomes null. */
  clear() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#setSampleLabel(null);
    this.#pad?.clear();
    this.#show(null);
  }

  /**
   * Put a real MNIST test digit on the pad (the way to use the widget without drawing, from the
   * keyboard too); `index` picks one of the 1,000, by default the next one. Returns its label.
   */
  async showSample(index) {
    try {
      this.#samples ??= await fetchAsset('mnist-test-1000.u8');
    } catch (error) {
      this.showError('error.weights', error);
      return null;
    }
    const count = Math.floor(this.#samples.length / SAMPLE_RECORD);
    const i = Number.isInteger(index) ? ((index % count) + count) % count : this.#sampleIndex;
    this.#sampleIndex = (i + SAMPLE_STRIDE) % count;
    const record = this.#samples.subarray(i * SAMPLE_RECORD, (i + 1) * SAMPLE_RECORD);
    this.#pad.setPicture(record.subarray(1), 28);
    this.#setSampleLabel(record[0]);
    return record[0];
  }

  #setSampleLabel(label) {
    if (this.#sampleLabel === label) return;
    this.#sampleLabel = label;
    this.#renderSampleNote();
  }

  #renderSampleNote() {
    this.shadowRoot.querySelector('.sample-note').textContent = this.#sampleLabel === null
      ? '' : this.t('digit.sample.note', { label: this.#sampleLabel });
  }

  async #load() {
    if (this.#classifier || this.#loading) return;
    this.#loading = true;
    this.#renderVerdict();
    const { backend } = this.readSettings();
    let wasm;
    try {
      wasm = await plainlyWasm();
    } catch (error) {
      this.#loading = false;
      this.#renderVerdict();
      return this.showError('error.wasm', error);
    }
    try {
      const [cnn, grid] = await Promise.all([fetchAsset('digit-cnn.bpk'), fetchAsset('digit-grid.bpk')]);
      this.#classifier = callWasm(() => new wasm.DigitClassifier(cnn, grid, backend));
    } catch (error) {
      this.#loading = false;
      this.#renderVerdict();
      return this.showError('error.weights', error);
    }
    this.#loading = false;
    fetchJson('digits-card.json').then((card) => { this.#card = card; this.#renderCard(); }, () => {});
    this.#renderVerdict();
    if (!this.#pad.isEmpty) this.#classifyNow(true);
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  #schedule() {
    if (this.#timer !== null) return;
    const wait = Math.max(0, THROTTLE_MS - (performance.now() - this.#lastRun));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#classifyNow();
    }, wait);
  }

  // `announce`: tell screen readers the result (at the end of a stroke, not while drawing).
  #classifyNow(announce = false) {
    clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#classifier) return;
    this.#lastRun = performance.now();
    if (this.#pad.isEmpty) return this.#show(null);
    const image = this.#pad.imageData();
    try {
      const reading = callWasm(() => this.#classifier.classifyRgba(new Uint8Array(image.data.buffer), image.width, image.height));
      this.#show(reading ?? null, announce);
    } catch (error) {
      this.showError('error.input', error);
    }
  }

  #show(reading, announce = false) {
    this.#reading = reading;
    const root = this.shadowRoot;
    const probabilities = reading ? reading.probabilities : new Array(10).fill(0);
    root.querySelectorAll('.bar').forEach((bar, d) => {
      bar.querySelector('.fill').style.width = `${(probabilities[d] * 100).toFixed(2)}%`;
      bar.classList.toggle('top', !!reading && d === reading.digit);
    });
    this.#drawInput28(reading?.input28);
    this.#drawGrid(reading?.grid16);
    this.#renderTexts();
    this.#renderVerdict(announce);
    this.#prediction = reading
      ? Object.freeze({ digit: reading.digit, probabilities: Object.freeze([...reading.probabilities]), features: Object.freeze([...reading.features]) })
      : null;
    this.dispatchEvent(new CustomEvent('prediction', { detail: this.#prediction, bubbles: true, composed: true }));
  }

  #drawInput28(values) {
    const canvas = this.shadowRoot.querySelector('canvas.input28');
    const context = canvas.getContext('2d');
    const image = context.createImageData(28, 28);
    // paper where the value is 0, ink where it is 1 (black on white, or light on dark)
    const { ink, paper } = this.#colours();
    for (let i = 0; i < 784; i++) {
      const v = values?.[i] ?? 0;
      image.data.set([0, 1, 2].map((c) => Math.round(paper[c] + (ink[c] - paper[c]) * v)).concat(255), i * 4);
    }
    context.putImageData(image, 0, 0);
  }

  #drawGrid(cells) {
    const canvas = this.shadowRoot.querySelector('canvas.grid16');
    const context = canvas.getContext('2d');
    const cell = canvas.width / 16;
    const theme = this.theme();
    context.fillStyle = theme.paper || '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = theme.ink || '#1b1b1f';
    cells?.forEach((on, i) => on && context.fillRect((i % 16) * cell, Math.floor(i / 16) * cell, cell, cell));
    context.strokeStyle = theme.line || '#c9c9d3';
    context.lineWidth = 1;
    context.beginPath();
    for (let k = 0; k <= 16; k++) {
      const at = Math.min(canvas.width - 0.5, k * cell + 0.5);
      context.moveTo(at, 0); context.lineTo(at, canvas.height);
      context.moveTo(0, at); context.lineTo(canvas.width, at);
    }
    context.stroke();
    const vector = this.shadowRoot.querySelector('.vector');
    vector.replaceChildren();
    for (let row = 0; row < 16; row++) {
      for (let col = 0; col < 16; col++) {
        const on = cells?.[row * 16 + col] ? 1 : 0;
        const span = document.createElement('span');
        span.textContent = String(on);
        if (on) span.className = 'on';
        vector.append(span);
      }
      if (row < 15) vector.append('\n');
    }
  }

  #renderVerdict(announce = false) {
    const root = this.shadowRoot;
    const r = this.#reading;
    root.querySelector('.verdict .digit').textContent = r ? String(r.digit) : '';
    root.querySelector('.verdict .text').textContent = this.#classifier || !this.#loading
      ? (r ? `${this.t('digit.result', { digit: r.digit })} · ${this.t('digit.confidence', { percent: this.percent(r.probabilities[r.digit]) })}` : this.t('digit.empty'))
      : this.t('digit.loading');
    root.querySelector('.hint').textContent = this.#pad?.isEmpty === false ? '' : this.t('digit.empty');
    if (announce && r) {
      root.querySelector('.sr-live').textContent = this.t('digit.announce', { digit: r.digit, percent: this.percent(r.probabilities[r.digit], 0) });
    }
  }

  #renderTexts() {
    const root = this.shadowRoot;
    const r = this.#reading;
    root.querySelectorAll('.bar').forEach((bar, d) => {
      const p = r ? r.probabilities[d] : 0;
      bar.querySelector('.value').textContent = this.percent(p);
      bar.setAttribute('aria-label', this.t('digit.bar.label', { digit: d, percent: this.percent(p) }));
    });
    root.querySelector('.grid-answer').textContent = r
      ? this.t('digit.grid.answer', { digit: r.grid.digit, percent: this.percent(r.grid.probabilities[r.grid.digit]) })
      : this.t('digit.grid.answer.empty');
    const cells = r ? r.grid16.join('') : '';
    root.querySelector('.vector').setAttribute('aria-label', `${this.t('digit.vector.title')}: ${cells}`);
  }

  #renderCard() {
    const c = this.#card;
    this.shadowRoot.querySelector('.model-card').textContent = c
      ? this.t('digit.model', { cnn: this.percent(c.cnn.test_accuracy), grid: this.percent(c.grid.test_accuracy), total: c.test_digits.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en') })
      : '';
  }

  // The theme's ink and paper as [r, g, b] for pixel maths.
  #colours() {
    const probe = document.createElement('canvas').getContext('2d');
    const rgb = (colour, fallback) => {
      probe.fillStyle = fallback;
      probe.fillStyle = colour || fallback; // the canvas normalises any CSS colour to #rrggbb
      const n = parseInt(probe.fillStyle.slice(1), 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    };
    const theme = this.theme();
    return { ink: rgb(theme.ink, '#000000'), paper: rgb(theme.paper, '#ffffff') };
  }

  #ink = null;

  refreshTheme() {
    this.#ink = null;
    this.#pad?.redraw();
    this.#drawInput28(this.#reading?.input28);
    this.#drawGrid(this.#reading?.grid16);
  }

  refreshLanguage() {
    const root = this.shadowRoot;
    const set = (selector, key) => { root.querySelector(selector).textContent = this.t(key); };
    set('.clear', 'digit.clear');
    set('.sample', 'digit.sample');
    this.#renderSampleNote();
    set('.bars-title', 'digit.bars.title');
    set('.input28-title', 'digit.input28.title');
    set('.input28-note', 'digit.input28.note');
    set('.grid-title', 'digit.grid.title');
    set('.vector-title', 'digit.vector.title');
    root.querySelector('canvas.pad').setAttribute('aria-label', this.t('digit.pad.label'));
    root.querySelector('canvas.input28').setAttribute('aria-label', this.t('digit.input28.title'));
    root.querySelector('canvas.grid16').setAttribute('aria-label', this.t('digit.grid.title'));
    this.#renderTexts();
    this.#renderVerdict();
    this.#renderCard();
    this.refreshError();
  }
}

if (!customElements.get('plainly-digit')) customElements.define('plainly-digit', PlainlyDigit);
