// <plainly-backprop>: one forward and one backward pass of a 2-3-1 network on one example, a
// layer at a time. Forward: each layer's sums z and activations. Backward: each layer's
// gradients of the loss, from burn autodiff in wasm (float64), every one of them next to a
// central finite difference. For one chosen weight (click an edge, a node, or a table row) the
// chain rule is written out factor by factor with its numbers. This file only draws: every
// number comes from the Rust model (plainly-models/src/backprop.rs).
//
// Attributes: lang; seed; activation (of the hidden layer: sigmoid | tanh); loss (squared-error | cross-entropy);
// x1, x2 (−10..10); y (0..1); lr (learning rate, 0.01..10); param (the chosen parameter, 0..12).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, plainlyWasm } from '../core/wasm.js';

const INPUTS = 2;
const HIDDEN = 3;
const PARAMS = HIDDEN * INPUTS + 2 * HIDDEN + 1;
const W = HIDDEN * INPUTS; // first bias index
const V = W + HIDDEN; // first output weight index
const C = PARAMS - 1;
const SUB = ['₀', '₁', '₂', '₃'];
// Stages of the walk-through: what has been computed so far.
const STAGES = ['start', 'hidden', 'output', 'back-output', 'back-hidden'];
const LAST_FORWARD = 2;
const LAST = STAGES.length - 1;
// Okabe–Ito blue and vermilion: weight signs readable by colour-blind readers (and by thickness).
const POSITIVE = '#0072B2';
const NEGATIVE = '#D55E00';

const CSS = `
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5em 0.9em; align-items: center; margin: 0.3em 0 0.7em; }
  .toolbar input[type=number] { width: 5em; font: inherit; padding: 0.15em 0.3em; }
  select { font: inherit; padding: 0.2em; }
  button:disabled { opacity: 0.45; cursor: default; border-color: var(--plainly-line); }
  .main { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: flex-start; }
  .net { flex: 1 1 420px; max-width: 660px; }
  canvas { width: 100%; aspect-ratio: 16 / 10; border: 1px solid var(--plainly-line); border-radius: 8px; cursor: pointer; }
  .side { flex: 1 1 300px; max-width: 36em; }
  .status { min-height: 3em; }
  .chain { background: var(--plainly-panel); border-radius: 8px; padding: 0.5em 0.8em; font-variant-numeric: tabular-nums; overflow-x: auto; }
  .chain p { margin: 0.25em 0; }
  .chain .formula { font-size: 1.05em; }
  .chain table td { padding: 0 0.6em 0 0; }
  .check { margin-top: 0.5em !important; }
  table.grads { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9em; margin-top: 0.8em; width: 100%; max-width: 660px; }
  table.grads th, table.grads td { text-align: right; padding: 0.15em 0.5em; border-bottom: 1px solid var(--plainly-line); }
  table.grads th:first-child, table.grads td:first-child { text-align: left; }
  table.grads tr.layer th { text-align: left; background: var(--plainly-panel); font-weight: 600; }
  table.grads tr[aria-selected=true] td { background: var(--plainly-accent-soft); }
  table.grads button { padding: 0 0.5em; font-variant-numeric: tabular-nums; }
`;

const paramName = (k) => {
  if (k < W) return `w${SUB[Math.floor(k / INPUTS) + 1]}${SUB[(k % INPUTS) + 1]}`;
  if (k < V) return `b${SUB[k - W + 1]}`;
  if (k < C) return `v${SUB[k - V + 1]}`;
  return 'c';
};

class PlainlyBackprop extends PlainlyElement {
  static settings = {
    seed: setting.number({ min: 1, max: 2 ** 31 - 1, default: 1, integer: true }),
    // (not `hidden`: that is HTML's own attribute, and would hide the element)
    activation: setting.choice(['sigmoid', 'tanh'], 'sigmoid'),
    loss: setting.choice(['squared-error', 'cross-entropy'], 'squared-error'),
    x1: setting.number({ min: -10, max: 10, default: 1 }),
    x2: setting.number({ min: -10, max: 10, default: 0.5 }),
    y: setting.number({ min: 0, max: 1, default: 1 }),
    lr: setting.number({ min: 0.01, max: 10, default: 0.5 }),
    param: setting.number({ min: 0, max: PARAMS - 1, default: 2, integer: true }),
  };

  #model = null;
  #pass = null;
  #chain = null;
  #stage = 0;
  #selected = 2;
  #descent = null; // {before, after} of the last gradient-descent step
  #layout = null;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="toolbar example">
        <label><span class="l-x1"></span> <input type="number" class="x1" min="-10" max="10" step="0.1"></label>
        <label><span class="l-x2"></span> <input type="number" class="x2" min="-10" max="10" step="0.1"></label>
        <label><span class="l-y"></span> <input type="number" class="y" min="0" max="1" step="0.1"></label>
        <label><span class="l-hidden"></span> <select class="hidden-act"><option value="sigmoid"></option><option value="tanh"></option></select></label>
        <label><span class="l-loss"></span> <select class="loss"><option value="squared-error"></option><option value="cross-entropy"></option></select></label>
      </div>
      <div class="toolbar steps">
        <button type="button" class="forward"></button>
        <button type="button" class="backward"></button>
        <button type="button" class="reset"></button>
        <button type="button" class="descend"></button>
        <label><span class="l-lr"></span> <input type="number" class="lr" min="0.01" max="10" step="0.1"></label>
      </div>
      <div class="main">
        <div class="net">
          <canvas role="img"></canvas>
          <p class="muted legend"></p>
        </div>
        <div class="side">
          <p class="status" aria-live="polite"></p>
          <div class="chain" aria-live="polite"></div>
          <p class="muted caption"></p>
        </div>
      </div>
      <table class="grads"><thead><tr>
        <th class="h-param"></th><th class="h-value"></th><th class="h-autodiff"></th><th class="h-fd"></th><th class="h-rel"></th>
      </tr></thead><tbody></tbody></table>`;
  }

  /** The last full pass from wasm (values and both kinds of gradient), or null. */
  get pass() {
    return this.#pass ? structuredClone(this.#pass) : null;
  }

  /** The chain rule of the chosen parameter, or null. */
  get chain() {
    return this.#chain ? structuredClone(this.#chain) : null;
  }

  /** How far the walk-through has got: 'start', 'hidden', 'output', 'back-output', 'back-hidden'. */
  get stage() {
    return STAGES[this.#stage];
  }

  /** Index of the chosen parameter (0..12: w₁₁ w₁₂ w₂₁ w₂₂ w₃₁ w₃₂ b₁ b₂ b₃ v₁ v₂ v₃ c). */
  get selected() {
    return this.#selected;
  }

  async firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const s = this.readSettings();
    $('.x1').value = String(s.x1);
    $('.x2').value = String(s.x2);
    $('.y').value = String(s.y);
    $('.lr').value = String(s.lr);
    $('.hidden-act').value = s.activation;
    $('.loss').value = s.loss;
    this.#selected = s.param;
    for (const cls of ['.x1', '.x2', '.y']) $(cls).addEventListener('change', () => this.#exampleChanged());
    $('.hidden-act').addEventListener('change', () => this.#settingsChanged());
    $('.loss').addEventListener('change', () => this.#settingsChanged());
    $('.lr').addEventListener('change', () => {
      const lr = Number($('.lr').value);
      if (Number.isFinite(lr) && lr >= 0.01 && lr <= 10) this.updateSettings({ lr });
    });
    $('.forward').addEventListener('click', () => this.forward());
    $('.backward').addEventListener('click', () => this.backward());
    $('.reset').addEventListener('click', () => this.reset());
    $('.descend').addEventListener('click', () => this.descend());
    $('canvas').addEventListener('click', (e) => this.#click(e));
    new ResizeObserver(() => this.#draw()).observe($('canvas'));
    let wasm;
    try {
      wasm = await plainlyWasm();
      this.#model = callWasm(() => new wasm.Backprop(s.seed));
      callWasm(() => this.#model.setSettings(s.activation, s.loss));
      callWasm(() => this.#model.setExample(s.x1, s.x2, s.y));
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    this.#compute();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  /** Reveal the next layer of the forward pass. */
  forward() {
    if (this.#stage >= LAST_FORWARD) return;
    this.#stage++;
    this.#render();
  }

  /** Reveal the next layer of the backward pass (after the forward pass is complete). */
  backward() {
    if (this.#stage < LAST_FORWARD || this.#stage >= LAST) return;
    this.#stage++;
    this.#render();
  }

  /** Back to the start: nothing computed, the starting weights. */
  reset() {
    if (!this.#model) return;
    callWasm(() => this.#model.reset());
    this.#stage = 0;
    this.#descent = null;
    this.#compute();
  }

  /** One gradient-descent step with the chosen learning rate (needs the whole backward pass). */
  descend() {
    if (!this.#model || this.#stage < LAST) return;
    try {
      const [before, after] = callWasm(() => this.#model.descend(this.settings.lr));
      this.#descent = { before, after };
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.#stage = LAST_FORWARD; // new weights: their forward pass is done, the backward one is not
    this.#compute();
  }

  /** Choose the parameter whose chain rule is written out. */
  select(k) {
    if (!Number.isInteger(k) || k < 0 || k >= PARAMS) return;
    this.#selected = k;
    this.updateSettings({ param: k });
    this.#compute();
  }

  #exampleChanged() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const [x1, x2, y] = ['.x1', '.x2', '.y'].map((c) => Number($(c).value));
    try {
      callWasm(() => this.#model.setExample(x1, x2, y));
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.updateSettings({ x1, x2, y });
    this.#descent = null;
    this.#compute();
  }

  #settingsChanged() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const hidden = $('.hidden-act').value;
    const loss = $('.loss').value;
    try {
      callWasm(() => this.#model.setSettings(hidden, loss));
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.updateSettings({ activation: hidden, loss });
    this.#descent = null;
    this.#compute();
  }

  /** Ask wasm for the pass and the chain, then redraw. */
  #compute() {
    if (!this.#model) return;
    try {
      this.#pass = callWasm(() => this.#model.pass());
      this.#chain = callWasm(() => this.#model.chain(this.#selected));
    } catch (error) {
      return this.showError('error.input', error);
    }
    const box = this.shadowRoot.querySelector('.message');
    box.hidden = true;
    this.errorShown = null;
    this.#render();
  }

  #render() {
    this.#renderButtons();
    this.#draw();
    this.#renderText();
    this.#renderTable();
    this.dispatchEvent(new CustomEvent('backprop', { bubbles: true, composed: true, detail: { stage: this.stage, selected: this.#selected } }));
  }

  /** A number for reading: 4 decimals, or 3 significant digits times a power of ten when small. */
  #num(v, digits = 4) {
    if (!Number.isFinite(v)) return String(v);
    if (v === 0 || Math.abs(v) >= 10 ** -(digits - 1)) return this.fixed(v, digits);
    return this.#sci(v);
  }

  #sci(v) {
    if (v === 0) return this.fixed(0, 0);
    const e = Math.floor(Math.log10(Math.abs(v)));
    const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);
    return `${this.fixed(v / 10 ** e, 2)}×10${sup}`;
  }

  /** A factor inside a product: negative numbers in brackets. */
  #factor(v) {
    const s = this.#num(v);
    return v < 0 ? `(${s})` : s;
  }

  /** Whether the gradient of parameter k has been revealed at the current stage. */
  #revealed(k) {
    return k >= V ? this.#stage >= 3 : this.#stage >= 4;
  }

  #renderButtons() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.forward').disabled = !this.#model || this.#stage >= LAST_FORWARD;
    $('.backward').disabled = !this.#model || this.#stage < LAST_FORWARD || this.#stage >= LAST;
    $('.descend').disabled = !this.#model || this.#stage < LAST;
  }

  #layoutFor(width, height) {
    const col = [0.09, 0.4, 0.7, 0.9].map((f) => f * width);
    const rows = (n) => Array.from({ length: n }, (_, i) => height * (0.5 + (i - (n - 1) / 2) * (n === 2 ? 0.34 : 0.3)));
    const r = Math.max(16, Math.min(24, width / 28));
    return {
      r,
      inputs: rows(INPUTS).map((y) => ({ x: col[0], y })),
      hidden: rows(HIDDEN).map((y) => ({ x: col[1], y })),
      out: { x: col[2], y: height / 2 },
      loss: { x: col[3], y: height / 2 },
    };
  }

  /** The edges: [{k, from, to}], k the weight's parameter index. */
  #edges(l) {
    const edges = [];
    for (let j = 0; j < HIDDEN; j++) for (let i = 0; i < INPUTS; i++) edges.push({ k: j * INPUTS + i, from: l.inputs[i], to: l.hidden[j] });
    for (let j = 0; j < HIDDEN; j++) edges.push({ k: V + j, from: l.hidden[j], to: l.out });
    return edges;
  }

  #click(e) {
    if (!this.#layout) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const p = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    const l = this.#layout;
    const near = (q, d) => Math.hypot(p.x - q.x, p.y - q.y) <= d;
    const hidden = l.hidden.findIndex((q) => near(q, l.r + 4));
    if (hidden >= 0) return this.select(W + hidden);
    if (near(l.out, l.r + 4)) return this.select(C);
    let best = null;
    for (const edge of this.#edges(l)) {
      const { from: a, to: b } = edge;
      const t = Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / ((b.x - a.x) ** 2 + (b.y - a.y) ** 2)));
      const d = Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y)));
      if (d <= 10 && (!best || d < best.d)) best = { d, k: edge.k };
    }
    if (best) this.select(best.k);
  }

  /** Centre of the edge of weight k, in CSS pixels of the canvas (for tests and pointers). */
  edgePoint(k) {
    const edge = this.#layout && this.#edges(this.#layout).find((e) => e.k === k);
    if (!edge) return null;
    // a third of the way from the target: edges into one node stay apart there
    return { x: edge.to.x + (edge.from.x - edge.to.x) / 3, y: edge.to.y + (edge.from.y - edge.to.y) / 3 };
  }

  #draw() {
    const canvas = this.shadowRoot.querySelector('canvas');
    const rect = canvas.getBoundingClientRect();
    if (!rect.width || !this.#pass) return;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const c = canvas.getContext('2d');
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    const theme = this.theme();
    const p = this.#pass;
    const l = this.#layoutFor(rect.width, rect.height);
    this.#layout = l;
    const stage = this.#stage;
    const font = (px, weight = '') => `${weight} ${px}px system-ui, sans-serif`;
    const gradColour = this.dark ? '#dcaee6' : '#7b3294'; // purple: apart from both weight colours
    const text = (s, x, y, colour = theme.ink, align = 'center', px = 12, weight = '') => {
      c.font = font(px, weight);
      c.textAlign = align;
      c.fillStyle = colour;
      c.fillText(s, x, y);
    };
    // text on a paper-coloured patch, so crossing connections don't run through it
    const boxed = (s, x, y, colour, px = 11) => {
      c.font = font(px);
      const w = c.measureText(s).width + 6;
      c.fillStyle = theme.paper || '#fff';
      c.fillRect(x - w / 2, y - px + 1, w, px + 3);
      text(s, x, y, colour, 'center', px);
    };
    c.clearRect(0, 0, rect.width, rect.height);
    // edges, coloured by the weight's sign, thickness by its size
    for (const edge of this.#edges(l)) {
      const w = p.params[edge.k];
      const chosen = edge.k === this.#selected;
      if (chosen) {
        c.strokeStyle = theme['accent-soft'] || '#d9e6fb';
        c.lineWidth = 12;
        c.beginPath(); c.moveTo(edge.from.x, edge.from.y); c.lineTo(edge.to.x, edge.to.y); c.stroke();
      }
      c.strokeStyle = w >= 0 ? POSITIVE : NEGATIVE;
      c.lineWidth = Math.min(7, 0.8 + 3 * Math.abs(w));
      c.beginPath(); c.moveTo(edge.from.x, edge.from.y); c.lineTo(edge.to.x, edge.to.y); c.stroke();
    }
    // the output's link to the loss
    c.strokeStyle = theme.line || '#c9c9d3';
    c.lineWidth = 1.5;
    c.beginPath(); c.moveTo(l.out.x + l.r, l.out.y); c.lineTo(l.loss.x - 28, l.loss.y); c.stroke();
    // label of the chosen weight, on its edge
    const chosenEdge = this.#edges(l).find((e) => e.k === this.#selected);
    // at the middle of the edge: clear of both circles however narrow the canvas
    const pt = chosenEdge && { x: (chosenEdge.to.x + chosenEdge.from.x) / 2, y: (chosenEdge.to.y + chosenEdge.from.y) / 2 };
    if (pt) {
      const label = `${paramName(this.#selected)} = ${this.fixed(p.params[this.#selected], 2)}`;
      c.font = font(12, '600');
      const wdt = c.measureText(label).width + 8;
      c.fillStyle = theme.paper || '#fff';
      c.fillRect(pt.x - wdt / 2, pt.y - 9, wdt, 18);
      text(label, pt.x, pt.y + 4, theme['accent-strong'] || theme.accent, 'center', 12, '600');
    }
    const node = (q, inside, chosen) => {
      c.beginPath();
      c.arc(q.x, q.y, l.r, 0, 2 * Math.PI);
      c.fillStyle = chosen ? theme['accent-soft'] || '#d9e6fb' : theme.panel || '#f4f4f7';
      c.fill();
      c.strokeStyle = chosen ? theme.accent : theme.axis || '#8a8a96';
      c.lineWidth = chosen ? 2.5 : 1.5;
      c.stroke();
      if (inside) text(inside, q.x, q.y + 4, theme.ink, 'center', 12, '600');
    };
    // inputs
    l.inputs.forEach((q, i) => {
      node(q, this.fixed(p.x[i], 2), false);
      text(`x${SUB[i + 1]}`, q.x, q.y - l.r - 6, theme.muted);
    });
    // hidden units: z above, h inside, gradients below
    l.hidden.forEach((q, j) => {
      node(q, stage >= 1 ? this.fixed(p.h[j], 3) : `h${SUB[j + 1]}`, this.#selected === W + j);
      if (stage >= 1) {
        boxed(`z${SUB[j + 1]} = ${this.fixed(p.z[j], 3)}`, q.x, q.y - l.r - 6, theme.muted, 12);
      }
      if (stage >= 4) {
        boxed(`∂L/∂h${SUB[j + 1]} = ${this.#num(p.autodiff.h[j])}`, q.x, q.y + l.r + 14, gradColour);
        boxed(`∂L/∂z${SUB[j + 1]} = ${this.#num(p.autodiff.z[j])}`, q.x, q.y + l.r + 28, gradColour);
      }
    });
    // output
    node(l.out, stage >= 2 ? this.fixed(p.yhat, 3) : 'ŷ', this.#selected === C);
    if (stage >= 2) boxed(`zₒ = ${this.fixed(p.zo, 3)}`, l.out.x, l.out.y - l.r - 6, theme.muted, 12);
    else text('ŷ', l.out.x, l.out.y - l.r - 6, theme.muted);
    if (stage >= 3) {
      boxed(`∂L/∂ŷ = ${this.#num(p.autodiff.yhat)}`, l.out.x, l.out.y + l.r + 14, gradColour);
      boxed(`∂L/∂zₒ = ${this.#num(p.autodiff.zo)}`, l.out.x, l.out.y + l.r + 28, gradColour);
    }
    // loss box
    const bw = 56;
    c.fillStyle = theme.paper || '#fff';
    c.strokeStyle = theme.ink;
    c.lineWidth = 1.5;
    c.beginPath();
    c.rect(l.loss.x - bw / 2, l.loss.y - 16, bw, 32);
    c.fill(); c.stroke();
    text(stage >= 2 ? this.fixed(p.loss, 4) : 'L', l.loss.x, l.loss.y + 4, theme.ink, 'center', 12, '600');
    text('L', l.loss.x, l.loss.y - 24, theme.muted);
    text(`y = ${this.fixed(p.y, 2)}`, l.loss.x, l.loss.y + 34, theme.muted);
    // layer captions along the bottom
    const bottom = rect.height - 8;
    text(this.t('backprop.layer.input'), l.inputs[0].x, bottom, theme.muted, 'center', 11);
    text(this.t(`backprop.layer.hidden.${p.hidden}`), l.hidden[0].x, bottom, theme.muted, 'center', 11);
    text(this.t('backprop.layer.output'), l.out.x, bottom, theme.muted, 'center', 11);
    text(this.t('backprop.layer.loss'), l.loss.x, bottom, theme.muted, 'center', 11);
    canvas.setAttribute('aria-label', this.t('backprop.plot', {
      stage: this.t(`backprop.stage.${this.stage}`), loss: stage >= 2 ? this.fixed(p.loss, 4) : '—',
    }));
  }

  #renderText() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const p = this.#pass;
    if (!p) return;
    const f = (v) => this.fixed(v, 4);
    const params = {
      // act: the function's name as written in formulas (sigmoid′, tanh′), the same in both languages
      act: p.hidden, loss: f(p.loss), yhat: f(p.yhat), y: this.fixed(p.y, 2),
      dyhat: this.#num(p.autodiff.yhat), dzo: this.#num(p.autodiff.zo),
    };
    let status = this.t(`backprop.status.${this.stage}`, params);
    if (this.#descent && this.#stage === LAST_FORWARD) {
      status = `${this.t('backprop.descended', { before: f(this.#descent.before), after: f(this.#descent.after), steps: p.steps, lr: this.fixed(this.settings.lr, 2) })} ${status}`;
    }
    $('.status').textContent = status;
    this.#renderChain();
  }

  /** The formula behind each factor of the chain, for the reader (values come from wasm). */
  #meaning(symbol) {
    const p = this.#pass;
    const sub = (s) => s.match(/[₁₂₃]/g) ?? [];
    if (symbol === '∂L/∂ŷ') return p.loss_name === 'squared-error' ? 'ŷ − y' : '−y/ŷ + (1 − y)/(1 − ŷ)';
    if (symbol === '∂ŷ/∂zₒ') return 'σ′(zₒ) = ŷ(1 − ŷ)';
    if (/^∂zₒ\/∂h/.test(symbol)) return `v${sub(symbol)[0]}`;
    if (/^∂h/.test(symbol)) {
      const j = sub(symbol)[0];
      return p.hidden === 'tanh' ? `tanh′(z${j}) = 1 − h${j}²` : `σ′(z${j}) = h${j}(1 − h${j})`;
    }
    if (/^∂zₒ\/∂v/.test(symbol)) return `h${sub(symbol)[0]}`;
    if (/∂w/.test(symbol)) return `x${sub(symbol)[2]}`;
    return '1';
  }

  #renderChain() {
    const box = this.shadowRoot.querySelector('.chain');
    const ch = this.#chain;
    if (!ch) return;
    const name = ch.name;
    const head = document.createElement('h3');
    head.textContent = this.t('backprop.chain.title', { name });
    const rows = [head];
    if (!this.#revealed(ch.param)) {
      const p = document.createElement('p');
      p.textContent = this.t(ch.param >= V ? 'backprop.chain.wait.output' : 'backprop.chain.wait.hidden', { name });
      box.replaceChildren(...rows, p);
      return;
    }
    const line = (cls, s) => {
      const p = document.createElement('p');
      p.className = cls;
      p.textContent = s;
      return p;
    };
    rows.push(line('formula', `∂L/∂${name} = ${ch.factors.map((x) => x.symbol).join(' · ')}`));
    rows.push(line('numbers', `= ${ch.factors.map((x) => this.#factor(x.value)).join(' × ')}`));
    rows.push(line('product', `= ${this.#num(ch.product, 6)}`));
    const table = document.createElement('table');
    for (const x of ch.factors) {
      const tr = table.insertRow();
      [x.symbol, `= ${this.#meaning(x.symbol)}`, `= ${this.#num(x.value)}`].forEach((s) => { tr.insertCell().textContent = s; });
    }
    rows.push(table);
    rows.push(line('check', this.t('backprop.chain.check', {
      fd: this.#num(ch.finite_difference, 6), rel: this.#sci(ch.relative_error), ok: this.t(ch.relative_error <= 1e-3 ? 'backprop.ok' : 'backprop.bad'),
    })));
    box.replaceChildren(...rows);
  }

  #renderTable() {
    const p = this.#pass;
    const body = this.shadowRoot.querySelector('table.grads tbody');
    if (!p) return;
    const rows = [];
    const section = (key) => {
      const tr = document.createElement('tr');
      tr.className = 'layer';
      const th = document.createElement('th');
      th.colSpan = 5;
      th.textContent = this.t(key);
      tr.append(th);
      rows.push(tr);
    };
    const row = (k) => {
      const tr = document.createElement('tr');
      tr.dataset.param = String(k);
      tr.setAttribute('aria-selected', String(k === this.#selected));
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = paramName(k);
      button.setAttribute('aria-label', this.t('backprop.choose', { name: paramName(k) }));
      button.addEventListener('click', () => this.select(k));
      tr.insertCell().append(button);
      const shown = this.#revealed(k);
      const cells = [this.fixed(p.params[k], 3),
        shown ? this.#num(p.autodiff.params[k], 6) : '—',
        shown ? this.#num(p.finite_difference.params[k], 6) : '—',
        shown ? this.#sci(p.relative_error.params[k]) : '—'];
      cells.forEach((s, i) => { const td = tr.insertCell(); td.textContent = s; td.className = ['value', 'autodiff', 'fd', 'rel'][i]; });
      rows.push(tr);
    };
    section('backprop.table.output');
    for (let k = V; k < PARAMS; k++) row(k);
    section('backprop.table.hidden');
    for (let k = 0; k < V; k++) row(k);
    body.replaceChildren(...rows);
    const caption = this.shadowRoot.querySelector('.caption');
    caption.textContent = this.t('backprop.caption', {
      max: this.#stage >= LAST ? this.#sci(p.max_relative_error) : '—',
    });
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.l-x1').textContent = this.t('backprop.x1');
    $('.l-x2').textContent = this.t('backprop.x2');
    $('.l-y').textContent = this.t('backprop.y');
    $('.l-hidden').textContent = this.t('backprop.hidden');
    $('.l-loss').textContent = this.t('backprop.loss');
    $('.l-lr').textContent = this.t('backprop.lr');
    this.shadowRoot.querySelectorAll('.hidden-act option').forEach((o) => { o.textContent = this.t(`backprop.act.${o.value}`); });
    this.shadowRoot.querySelectorAll('.loss option').forEach((o) => { o.textContent = this.t(`backprop.loss.${o.value}`); });
    $('.forward').textContent = this.t('backprop.forward');
    $('.backward').textContent = this.t('backprop.backward');
    $('.reset').textContent = this.t('backprop.reset');
    $('.descend').textContent = this.t('backprop.descend');
    $('.legend').textContent = this.t('backprop.legend');
    $('.h-param').textContent = this.t('backprop.table.param');
    $('.h-value').textContent = this.t('backprop.table.value');
    $('.h-autodiff').textContent = this.t('backprop.table.autodiff');
    $('.h-fd').textContent = this.t('backprop.table.fd');
    $('.h-rel').textContent = this.t('backprop.table.rel');
    if (this.#pass) this.#render();
    else $('.caption').textContent = '';
    this.refreshError();
  }
}

if (!customElements.get('plainly-backprop')) customElements.define('plainly-backprop', PlainlyBackprop);
