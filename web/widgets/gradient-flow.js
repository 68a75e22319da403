// <plainly-gradient-flow>: how big each layer's gradient is after one backward pass through a deep
// stack, on 64 real MNIST test digits. Sigmoid stacks starve their first layers (vanishing),
// weights that start too large blow gradients up (exploding), ReLU with skip connections keeps
// them even. Every number is one real burn autodiff backward pass, measured in wasm.
//
// Attributes: lang; depth (1..50, default 20); init (small | xavier | he | large, default he);
// seed (default 1).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, fetchAsset, plainlyWasm } from '../core/wasm.js';
import { scaleLinear, scaleLog } from '../vendor/vendor.js';

const STACKS = ['sigmoid', 'tanh', 'relu', 'residual'];
const INITS = ['small', 'xavier', 'he', 'large'];
// Okabe–Ito colours (distinct for colour-blind readers), and each line has its own dash too.
const STYLE = {
  sigmoid: { colour: '#D55E00', dash: [] },
  tanh: { colour: '#E69F00', dash: [6, 4] },
  relu: { colour: '#0072B2', dash: [2, 3] },
  residual: { colour: '#009E73', dash: [10, 3, 2, 3] },
};

const CSS = `
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.8em; align-items: center; margin: 0.3em 0 0.8em; }
  select { font: inherit; padding: 0.2em; }
  .main { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  .chart { flex: 1 1 380px; max-width: 600px; }
  canvas { width: 100%; aspect-ratio: 4 / 3; border: 1px solid var(--plainly-line); border-radius: 8px; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1em; font-size: 0.9em; }
  .legend span::before { content: ''; display: inline-block; width: 1.6em; height: 0; border-top: 3px solid var(--c); margin-right: 0.35em; vertical-align: middle; }
  .legend .tanh::before { border-top-style: dashed; }
  .legend .relu::before { border-top-style: dotted; }
  .side { flex: 1 1 260px; max-width: 34em; }
  ul.figures { padding-left: 1.2em; font-variant-numeric: tabular-nums; }
`;

class PlainlyGradientFlow extends PlainlyElement {
  static settings = {
    depth: setting.number({ min: 1, max: 50, default: 20, integer: true }),
    init: setting.choice(INITS, 'he'),
    seed: setting.number({ min: 1, max: 2 ** 31 - 1, default: 1, integer: true }),
  };

  #batch = null;
  #flows = {}; // stack → {norms, loss}

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="toolbar">
        <label><span class="l-depth"></span> <input type="range" class="depth" min="1" max="50" step="1" value="20"></label> <output class="o-depth"></output>
        <label><span class="l-init"></span> <select class="init">${INITS.map((i) => `<option value="${i}"></option>`).join('')}</select></label>
      </div>
      <div class="main">
        <div class="chart"><canvas role="img"></canvas>
          <div class="legend">${STACKS.map((s) => `<span class="${s}" style="--c:${STYLE[s].colour}"></span>`).join('')}</div>
        </div>
        <div class="side"><p class="intro"></p><ul class="figures" aria-live="polite"></ul><p class="muted caption"></p></div>
      </div>`;
  }

  /** The latest measurements: {depth, init, flows: {sigmoid|tanh|relu|residual: {norms, loss}}}. */
  get measured() {
    return { depth: this.depth, init: this.init, flows: structuredClone(this.#flows) };
  }

  get depth() {
    return Number(this.shadowRoot.querySelector('.depth').value);
  }

  get init() {
    return this.shadowRoot.querySelector('.init').value;
  }

  async firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const settings = this.readSettings();
    $('.depth').value = String(settings.depth);
    $('.init').value = settings.init;
    $('.depth').addEventListener('input', () => { $('.o-depth').textContent = String(this.depth); });
    $('.depth').addEventListener('change', () => this.measure());
    $('.init').addEventListener('change', () => this.measure());
    new ResizeObserver(() => this.#draw()).observe($('canvas'));
    $('.o-depth').textContent = String(this.depth);
    try {
      const wasm = await plainlyWasm();
      const extract = await fetchAsset('mnist-test-1000.u8');
      this.#batch = callWasm(() => new wasm.GradientFlow(extract));
    } catch (error) {
      return this.showError('error.weights', error);
    }
    this.measure();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  /** Run the four backward passes for the current depth and initialisation. */
  measure() {
    if (!this.#batch) return;
    const seed = this.settings.seed;
    this.updateSettings({ depth: this.depth, init: this.init });
    try {
      for (const stack of STACKS) this.#flows[stack] = callWasm(() => this.#batch.measure(stack, this.init, this.depth, seed));
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.#draw();
    this.#renderFigures();
    this.dispatchEvent(new CustomEvent('measured', { bubbles: true, composed: true, detail: this.measured }));
  }

  #draw() {
    const canvas = this.shadowRoot.querySelector('canvas');
    const rect = canvas.getBoundingClientRect();
    const flows = Object.entries(this.#flows);
    if (!rect.width || !flows.length) return;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const c = canvas.getContext('2d');
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    const all = flows.flatMap(([, f]) => f.norms).filter((v) => v > 0 && Number.isFinite(v));
    const lo = Math.min(...all, 1e-3);
    const hi = Math.max(...all, 1);
    const left = 56;
    const bottom = 30;
    const depth = flows[0][1].norms.length;
    const sx = scaleLinear().domain([1, Math.max(2, depth)]).range([left, rect.width - 12]);
    const sy = scaleLog().domain([lo / 2, hi * 2]).range([rect.height - bottom, 10]).clamp(true);
    const theme = this.theme();
    c.font = '11px system-ui, sans-serif';
    c.fillStyle = theme.muted;
    c.strokeStyle = theme.grid;
    const decades = [];
    for (let e = Math.floor(Math.log10(lo / 2)); e <= Math.ceil(Math.log10(hi * 2)); e++) decades.push(10 ** e);
    const step = Math.max(1, Math.ceil(decades.length / 8));
    decades.filter((_, i) => i % step === 0).forEach((d) => {
      const y = sy(d);
      c.beginPath(); c.moveTo(left, y); c.lineTo(rect.width - 12, y); c.stroke();
      c.fillText(`1e${Math.round(Math.log10(d))}`, 6, y + 4);
    });
    sx.ticks(Math.min(10, depth)).filter(Number.isInteger).forEach((t) => c.fillText(String(t), sx(t) - 3, rect.height - bottom + 14));
    c.fillText(this.t('flow.axis.layer'), left, rect.height - 3);
    for (const [stack, flow] of flows) {
      c.strokeStyle = STYLE[stack].colour;
      c.setLineDash(STYLE[stack].dash);
      c.lineWidth = 2.5;
      c.beginPath();
      flow.norms.forEach((v, i) => {
        const y = sy(Math.max(v, lo / 2));
        if (i === 0) c.moveTo(sx(1), y); else c.lineTo(sx(i + 1), y);
      });
      c.stroke();
      c.setLineDash([]);
    }
    canvas.setAttribute('aria-label', this.t('flow.plot', { depth }));
  }

  #renderFigures() {
    const ul = this.shadowRoot.querySelector('.figures');
    const fmt = (v) => (v === 0 || !Number.isFinite(v) ? String(v) : v.toExponential(1));
    ul.replaceChildren(...STACKS.filter((s) => this.#flows[s]).map((stack) => {
      const n = this.#flows[stack].norms;
      const li = document.createElement('li');
      li.textContent = this.t('flow.figure', { stack: this.t(`flow.stack.${stack}`), first: fmt(n[0]), last: fmt(n[n.length - 1]), ratio: fmt(n[0] / n[n.length - 1]) });
      return li;
    }));
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.l-depth').textContent = this.t('flow.depth');
    $('.l-init').textContent = this.t('flow.init');
    this.shadowRoot.querySelectorAll('.init option').forEach((o) => { o.textContent = this.t(`flow.init.${o.value}`); });
    STACKS.forEach((s) => { $(`.legend .${s}`).textContent = this.t(`flow.stack.${s}`); });
    $('.intro').textContent = this.t('flow.intro');
    $('.caption').textContent = this.t('flow.caption');
    this.#renderFigures();
    this.#draw();
    this.refreshError();
  }
}

if (!customElements.get('plainly-gradient-flow')) customElements.define('plainly-gradient-flow', PlainlyGradientFlow);
