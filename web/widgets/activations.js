// <plainly-activations>: activation functions and their slopes. The slopes come from burn
// autodiff in wasm (the backward pass that trains every network here), not from formulas typed
// into the page. The step function's slope is zero wherever it exists: nothing for gradient
// descent to follow.
//
// Attributes: lang; activation (step | sigmoid | tanh | relu | leaky-relu | gelu).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, plainlyWasm } from '../core/wasm.js';
import { scaleLinear } from '../vendor/vendor.js';

const NAMES = ['step', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'gelu'];
const X = [-5, 5];
const Y = [-1.5, 2.5];
const SAMPLES = 401;

const CSS = `
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.3em 0 0.8em; }
  .toolbar button[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
  .main { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  .chart { flex: 1 1 360px; max-width: 560px; }
  canvas { width: 100%; aspect-ratio: 4 / 3; border: 1px solid var(--plainly-line); border-radius: 8px; touch-action: none; }
  .legend { display: flex; gap: 1.2em; font-size: 0.9em; }
  .legend .d { border-bottom: 3px dashed var(--plainly-warn); }
  .legend .f { border-bottom: 3px solid var(--plainly-accent); }
  .side { flex: 1 1 240px; max-width: 32em; }
  .readout { font-variant-numeric: tabular-nums; min-height: 1.5em; }
`;

class PlainlyActivations extends PlainlyElement {
  static settings = { activation: setting.choice(NAMES, 'sigmoid') };

  #wasm = null;
  #name = 'sigmoid';
  #curve = null; // {xs, values, slopes}
  #hover = null;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="toolbar">${NAMES.map((n) => `<button type="button" data-name="${n}"></button>`).join('')}</div>
      <div class="main">
        <div class="chart">
          <canvas role="img" tabindex="0"></canvas>
          <div class="legend"><span class="f"></span><span class="d"></span></div>
        </div>
        <div class="side">
          <p class="readout" aria-live="polite"></p>
          <p class="about"></p>
        </div>
      </div>`;
  }

  /** {name, xs, values, slopes} of the curve on show (slopes by autodiff), or null. */
  get curve() {
    return this.#curve ? { name: this.#name, ...this.#curve } : null;
  }

  async firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.#name = this.readSettings().activation;
    this.shadowRoot.querySelectorAll('[data-name]').forEach((b) => b.addEventListener('click', () => this.choose(b.dataset.name)));
    const canvas = $('canvas');
    canvas.addEventListener('pointermove', (e) => {
      const rect = canvas.getBoundingClientRect();
      this.#hover = X[0] + ((e.clientX - rect.left) / rect.width) * (X[1] - X[0]);
      this.#draw();
    });
    canvas.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      this.#hover = Math.min(X[1], Math.max(X[0], (this.#hover ?? 0) + (e.key === 'ArrowRight' ? 0.25 : -0.25)));
      this.#draw();
    });
    new ResizeObserver(() => this.#draw()).observe(canvas);
    try {
      this.#wasm = await plainlyWasm();
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    this.choose(this.#name);
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  /** Show one activation. */
  choose(name) {
    if (!NAMES.includes(name) || !this.#wasm) return;
    this.#name = name;
    this.updateSettings({ activation: name });
    const xs = Float32Array.from({ length: SAMPLES }, (_, i) => X[0] + ((X[1] - X[0]) * i) / (SAMPLES - 1));
    try {
      const both = callWasm(() => this.#wasm.activationCurve(name, xs));
      this.#curve = { xs: Array.from(xs), values: Array.from(both.subarray(0, SAMPLES)), slopes: Array.from(both.subarray(SAMPLES)) };
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.refreshLanguage();
  }

  #draw() {
    const canvas = this.shadowRoot.querySelector('canvas');
    const rect = canvas.getBoundingClientRect();
    if (!rect.width || !this.#curve) return;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const c = canvas.getContext('2d');
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    const sx = scaleLinear().domain(X).range([0, rect.width]);
    const sy = scaleLinear().domain(Y).range([rect.height, 0]);
    const theme = this.theme();
    c.font = '12px system-ui, sans-serif';
    c.strokeStyle = theme.grid;
    c.fillStyle = theme.muted;
    c.lineWidth = 1;
    for (const t of sx.ticks(10)) { c.beginPath(); c.moveTo(sx(t), 0); c.lineTo(sx(t), rect.height); c.stroke(); c.fillText(String(t), sx(t) + 2, sy(0) + 13); }
    for (const t of sy.ticks(8)) { c.beginPath(); c.moveTo(0, sy(t)); c.lineTo(rect.width, sy(t)); c.stroke(); if (t) c.fillText(String(t), sx(0) + 3, sy(t) - 2); }
    c.strokeStyle = theme.axis;
    c.beginPath(); c.moveTo(sx(0), 0); c.lineTo(sx(0), rect.height); c.moveTo(0, sy(0)); c.lineTo(rect.width, sy(0)); c.stroke();
    const line = (ys, colour, dash) => {
      c.strokeStyle = colour;
      c.lineWidth = 2.5;
      c.setLineDash(dash);
      c.beginPath();
      ys.forEach((y, i) => {
        const px = sx(this.#curve.xs[i]);
        const py = sy(y);
        // the step jumps: don't draw the jump as a steep line
        const jump = i > 0 && Math.abs(y - ys[i - 1]) > 0.5;
        if (i === 0 || jump) c.moveTo(px, py); else c.lineTo(px, py);
      });
      c.stroke();
      c.setLineDash([]);
    };
    line(this.#curve.values, theme.accent, []);
    line(this.#curve.slopes, theme.warn, [7, 5]);
    if (this.#name === 'step') {
      // at 0 the step has no slope at all: an open circle where the maths is undefined
      c.strokeStyle = theme.warn;
      c.fillStyle = theme.paper;
      c.beginPath(); c.arc(sx(0), sy(0), 5, 0, 2 * Math.PI); c.fill(); c.stroke();
    }
    const readout = this.shadowRoot.querySelector('.readout');
    if (this.#hover !== null) {
      const i = Math.round(((this.#hover - X[0]) / (X[1] - X[0])) * (SAMPLES - 1));
      const x = this.#curve.xs[i];
      c.strokeStyle = theme.ink;
      c.setLineDash([2, 3]);
      c.beginPath(); c.moveTo(sx(x), 0); c.lineTo(sx(x), rect.height); c.stroke();
      c.setLineDash([]);
      const f = (v) => this.fixed(v, 3);
      readout.textContent = this.t('activations.readout', { x: f(x), value: f(this.#curve.values[i]), slope: f(this.#curve.slopes[i]) });
    }
    canvas.setAttribute('aria-label', this.t('activations.plot', { name: this.t(`activations.name.${this.#name}`) }));
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.shadowRoot.querySelectorAll('[data-name]').forEach((b) => {
      b.textContent = this.t(`activations.name.${b.dataset.name}`);
      b.setAttribute('aria-pressed', String(b.dataset.name === this.#name));
    });
    $('.legend .f').textContent = this.t('activations.legend.f');
    $('.legend .d').textContent = this.t('activations.legend.d');
    $('.about').textContent = this.t(`activations.about.${this.#name}`);
    if (this.#hover === null) $('.readout').textContent = this.t('activations.hint');
    this.#draw();
    this.refreshError();
  }
}

if (!customElements.get('plainly-activations')) customElements.define('plainly-activations', PlainlyActivations);
