// <plainly-neuron>: one McCulloch–Pitts neuron with two inputs. Sliders set the inputs, the two
// weights and the threshold; the widget shows the weighted sum, whether the neuron fires, and the
// line the neuron draws across the input plane (computed by the Rust neuron in wasm).
//
// Attributes: lang; w1, w2, threshold (−2..2); x1, x2 (0..1).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, plainlyWasm } from '../core/wasm.js';
import { drawPlane } from '../core/plane.js';

const SLIDERS = [
  { key: 'x1', min: 0, max: 1, step: 0.05, value: 1 },
  { key: 'x2', min: 0, max: 1, step: 0.05, value: 0 },
  { key: 'w1', min: -2, max: 2, step: 0.1, value: 1 },
  { key: 'w2', min: -2, max: 2, step: 0.1, value: 1 },
  { key: 'threshold', min: -2, max: 2, step: 0.1, value: 1.5 },
];
const WINDOW = [-0.5, 1.5, -0.5, 1.5];
const GRID = 120;

const CSS = `
  .main { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  .controls { display: grid; grid-template-columns: auto 10em 3.5em; gap: 0.4em 0.6em; align-items: center; }
  .controls output { font-variant-numeric: tabular-nums; text-align: right; }
  .result { font-size: 1.1em; margin: 0.6em 0; font-variant-numeric: tabular-nums; }
  .fires { font-weight: 700; color: var(--plainly-accent); }
  canvas { border: 1px solid var(--plainly-line); border-radius: 8px; }
`;

class PlainlyNeuron extends PlainlyElement {
  static settings = Object.fromEntries(SLIDERS.map((s) => [s.key, setting.number({ min: s.min, max: s.max, default: s.value })]));

  #model = null;
  #values = {};

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="main">
        <div>
          <div class="controls">${SLIDERS.map((s) => `
            <label for="${s.key}" class="l-${s.key}"></label>
            <input type="range" id="${s.key}" min="${s.min}" max="${s.max}" step="${s.step}">
            <output for="${s.key}" class="o-${s.key}"></output>`).join('')}
          </div>
          <p class="result" aria-live="polite"></p>
          <p class="muted caption"></p>
        </div>
        <canvas role="img"></canvas>
      </div>`;
  }

  /** The latest computation: {x1, x2, w1, w2, threshold, sum, fires}. */
  get state() {
    return this.#state ?? null;
  }

  #state = null;

  async firstConnected() {
    const settings = this.readSettings();
    for (const s of SLIDERS) {
      const value = settings[s.key];
      const input = this.shadowRoot.getElementById(s.key);
      input.value = String(value);
      this.#values[s.key] = value;
      input.addEventListener('input', () => {
        this.#values[s.key] = Number(input.value);
        this.updateSettings({ [s.key]: this.#values[s.key] });
        this.#update();
      });
    }
    try {
      const wasm = await plainlyWasm();
      this.#model = callWasm(() => new wasm.Perceptron('and', 1));
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    this.#update();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  #update() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    for (const s of SLIDERS) $(`.o-${s.key}`).textContent = this.fixed(this.#values[s.key], s.step < 0.1 ? 2 : 1);
    if (!this.#model) return;
    const { x1, x2, w1, w2, threshold } = this.#values;
    try {
      // threshold θ is a bias of −θ: fires when w1 x1 + w2 x2 > θ
      callWasm(() => this.#model.setWeights(w1, w2, -threshold));
      const sum = callWasm(() => this.#model.sum(x1, x2)) + threshold;
      const fires = callWasm(() => this.#model.fire(x1, x2)) === 1;
      this.#state = { x1, x2, w1, w2, threshold, sum, fires };
      const region = callWasm(() => this.#model.region(GRID, GRID, ...WINDOW));
      drawPlane($('canvas'), { region, nx: GRID, ny: GRID, window: WINDOW, weights: [w1, w2, -threshold], marker: { x: x1, y: x2 }, size: 300, colours: this.theme() });
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.#renderText();
    this.dispatchEvent(new CustomEvent('neuron', { bubbles: true, composed: true, detail: this.#state }));
  }


  #renderText() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const s = this.#state;
    if (!s) return;
    const f = (v) => this.fixed(v, 2);
    const result = $('.result');
    result.textContent = this.t('neuron.sum', { w1: f(s.w1), x1: f(s.x1), w2: f(s.w2), x2: f(s.x2), sum: f(s.sum), threshold: f(s.threshold) });
    const verdict = document.createElement('span');
    verdict.className = s.fires ? 'fires' : '';
    verdict.textContent = ` ${this.t(s.fires ? 'neuron.fires' : 'neuron.quiet')}`;
    result.append(verdict);
    $('canvas').setAttribute('aria-label', this.t('neuron.plane', { w1: f(s.w1), w2: f(s.w2), threshold: f(s.threshold) }));
  }

  refreshTheme() {
    this.#update();
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    for (const s of SLIDERS) $(`.l-${s.key}`).textContent = this.t(`neuron.${s.key}`);
    $('.caption').textContent = this.t('neuron.caption');
    this.#renderText();
    this.refreshError();
  }
}

if (!customElements.get('plainly-neuron')) customElements.define('plainly-neuron', PlainlyNeuron);
