// <plainly-perceptron>: Rosenblatt's learning rule, one pass (epoch) at a time, on four point
// sets. It separates AND, OR and two clouds; on XOR it keeps making mistakes for ever, and the
// widget says why. The rule runs in Rust (wasm); this draws the plane.
//
// Attributes: lang; set (separable | and | or | xor); lr (learning rate, 0.01..1).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, plainlyWasm } from '../core/wasm.js';
import { drawPlane } from '../core/plane.js';

const SETS = ['separable', 'and', 'or', 'xor'];
const WINDOW = [-0.5, 1.5, -0.5, 1.5];
const GRID = 120;
const XOR_PATIENCE = 100; // epochs without a perfect pass before the widget explains XOR

const CSS = `
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.3em 0 0.8em; }
  .toolbar button[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
  .main { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  .stats { font-variant-numeric: tabular-nums; }
  .why { background: var(--plainly-panel); border-radius: 8px; padding: 0.5em 0.8em; max-width: 34em; }
  canvas { border: 1px solid var(--plainly-line); border-radius: 8px; }
`;

class PlainlyPerceptron extends PlainlyElement {
  static settings = {
    set: setting.choice(SETS, 'and'),
    lr: setting.number({ min: 0.01, max: 1, default: 0.1 }),
  };

  #wasm = null;
  #model = null;
  #set = 'and';
  #timer = 0;
  #history = []; // mistakes per epoch

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="toolbar sets">${SETS.map((s) => `<button type="button" data-set="${s}"></button>`).join('')}</div>
      <div class="toolbar">
        <button type="button" class="step"></button>
        <button type="button" class="play"></button>
        <button type="button" class="reset"></button>
        <label><span class="l-lr"></span> <input type="range" class="lr" min="-2" max="0" step="0.1" value="-1"></label> <output class="o-lr"></output>
      </div>
      <div class="main">
        <canvas role="img"></canvas>
        <div>
          <p class="stats"></p>
          <p class="visually-hidden announce" aria-live="polite"></p>
          <p class="rule muted"></p>
          <p class="why" hidden></p>
        </div>
      </div>`;
  }

  /** {set, epochs, accuracy, mistakes (last epoch), weights: [w1, w2, b]} or null. */
  get state() {
    if (!this.#model) return null;
    return {
      set: this.#set, epochs: this.#model.epochs, accuracy: callWasm(() => this.#model.accuracy()),
      mistakes: this.#history.at(-1) ?? null, weights: Array.from(callWasm(() => this.#model.weights())),
    };
  }

  get learningRate() {
    return 10 ** Number(this.shadowRoot.querySelector('.lr').value);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.pause();
  }

  async firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const settings = this.readSettings();
    this.#set = settings.set;
    $('.lr').value = String(Math.log10(settings.lr));
    this.shadowRoot.querySelectorAll('[data-set]').forEach((b) => b.addEventListener('click', () => this.choose(b.dataset.set)));
    $('.step').addEventListener('click', () => { this.pause(); this.step(); });
    $('.play').addEventListener('click', () => (this.#timer ? this.pause() : this.play()));
    $('.reset').addEventListener('click', () => this.reset());
    $('.lr').addEventListener('input', () => { this.updateSettings({ lr: this.learningRate }); this.#render(); });
    try {
      this.#wasm = await plainlyWasm();
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    this.reset();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  /** Switch point set and start again. */
  choose(set) {
    if (!SETS.includes(set)) return;
    this.#set = set;
    this.updateSettings({ set });
    this.reset();
  }

  reset() {
    this.pause();
    if (!this.#wasm) return;
    this.#model?.free();
    this.#model = callWasm(() => new this.#wasm.Perceptron(this.#set, 7));
    this.#history = [];
    this.#render();
  }

  /** One epoch of the perceptron rule. Returns the mistakes made. */
  step() {
    if (!this.#model) return null;
    const mistakes = callWasm(() => this.#model.epoch(this.learningRate));
    this.#history.push(mistakes);
    this.#render();
    return mistakes;
  }

  play() {
    if (this.#timer || !this.#model) return;
    if (this.reducedMotion) {
      // No animation: run to the end (a perfect pass, or XOR_PATIENCE epochs) and show that.
      for (let k = 0; k < XOR_PATIENCE && this.#model.epochs < 1000; k++) {
        const mistakes = callWasm(() => this.#model.epoch(this.learningRate));
        this.#history.push(mistakes);
        if (mistakes === 0) break;
      }
      return this.#render();
    }
    this.#timer = setInterval(() => {
      const mistakes = this.step();
      if (mistakes === 0 || this.#model.epochs >= 1000) this.pause();
    }, 60);
    this.#render();
  }

  pause() {
    const wasPlaying = this.#timer !== 0;
    clearInterval(this.#timer);
    this.#timer = 0;
    this.#renderButtons();
    if (wasPlaying) this.#announce();
  }

  // Screen readers hear the numbers when training stops, not at every epoch.
  #announce() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    if (this.#timer) return;
    $('.announce').textContent = $('.stats').textContent;
  }

  #render() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.#renderButtons();
    $('.o-lr').textContent = this.learningRate.toPrecision(2);
    if (!this.#model) return;
    const weights = Array.from(callWasm(() => this.#model.weights()));
    const points = callWasm(() => this.#model.points()).map((p) => ({ ...p, wrong: callWasm(() => this.#model.fire(p.x, p.y)) !== p.target }));
    const region = callWasm(() => this.#model.region(GRID, GRID, ...WINDOW));
    drawPlane($('canvas'), { region, nx: GRID, ny: GRID, window: WINDOW, weights, points, size: 320, colours: this.theme() });
    this.#renderText();
    this.dispatchEvent(new CustomEvent('perceptron', { bubbles: true, composed: true, detail: this.state }));
  }

  #renderButtons() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.shadowRoot.querySelectorAll('[data-set]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.set === this.#set)));
    $('.play').textContent = this.t(this.#timer ? 'perceptron.pause' : 'perceptron.play');
  }

  #renderText() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    if (!this.#model) return;
    const s = this.state;
    const f = (v) => this.fixed(v, 2);
    $('.stats').textContent = this.t(s.epochs ? 'perceptron.stats' : 'perceptron.stats.start', {
      epochs: s.epochs, accuracy: this.percent(s.accuracy, 0),
      mistakes: s.mistakes ?? '—', w1: f(s.weights[0]), w2: f(s.weights[1]), b: f(s.weights[2]),
    });
    if (s.epochs) this.#announce();
    const why = $('.why');
    const perfect = this.#history.some((m) => m === 0);
    if (this.#set === 'xor' && s.epochs >= XOR_PATIENCE && !perfect) {
      why.textContent = this.t('perceptron.xor', { epochs: s.epochs });
      why.hidden = false;
    } else if (perfect) {
      why.textContent = this.t('perceptron.done', { epochs: this.#history.indexOf(0) + 1 });
      why.hidden = false;
    } else {
      why.hidden = true;
    }
    $('canvas').setAttribute('aria-label', this.t('perceptron.plane', { set: this.t(`perceptron.set.${this.#set}`), accuracy: this.percent(s.accuracy, 0) }));
  }

  refreshTheme() {
    this.#render();
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.shadowRoot.querySelectorAll('[data-set]').forEach((b) => { b.textContent = this.t(`perceptron.set.${b.dataset.set}`); });
    $('.step').textContent = this.t('perceptron.step');
    $('.reset').textContent = this.t('perceptron.reset');
    $('.l-lr').textContent = this.t('perceptron.lr');
    $('.rule').textContent = this.t('perceptron.rule');
    this.#renderButtons();
    this.#renderText();
    this.refreshError();
  }
}

if (!customElements.get('plainly-perceptron')) customElements.define('plainly-perceptron', PlainlyPerceptron);
