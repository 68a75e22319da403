// <plainly-digit-space>: the digit CNN's own space. 1,000 real MNIST test digits placed by the
// CNN's 128 penultimate features, laid out by PCA and drawn as their true labels; a digit drawn
// in a <plainly-digit> on the same page appears live among them.
//
// Attributes: lang; for (id of the <plainly-digit> to follow; by default any on the page).
// Property: placement (the latest drawn digit's {x, y, nearest_centre, neighbours, tsne}, or null).
// View: PCA (a straight projection) or t-SNE (a map fitted at build time, web/assets/digit-tsne.json,
// `make digit-tsne`); attribute view="tsne" starts on the map. t-SNE cannot map a new point, so a
// drawn digit is put at the affinity-weighted mean place of its nearest test digits, and we say so.

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, fetchAsset, plainlyWasm } from '../core/wasm.js';
import { Scatter } from '../core/scatter.js';
import { schemeTableau10 } from '../vendor/vendor.js';
import { darken, lighten } from '../core/plot.js';

// Tableau's ten category colours (made to stay apart for colour-blind readers), darkened to keep
// contrast as digits on white, lightened on the dark theme; the digit itself is drawn too, so no
// one has to tell colours apart.
const CLASS_COLOURS = schemeTableau10.map((c) => darken(c, 0.3));
const CLASS_COLOURS_DARK = schemeTableau10.map((c) => lighten(c, 0.25));

const NEIGHBOURS = 10;

const CSS = `
  .main { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: flex-start; }
  .plot { position: relative; flex: 1 1 380px; max-width: 620px; aspect-ratio: 1; border: 1px solid var(--plainly-line); border-radius: 10px; background: var(--plainly-paper); }
  .plot canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
  .side { flex: 1 1 240px; display: flex; flex-direction: column; gap: 0.8em; }
  .you { font-size: 1.05em; min-height: 3em; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.2em 0.9em; font-weight: 700; }
  .views { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0 0 0.8em; }
  .views button[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
`;

class PlainlyDigitSpace extends PlainlyElement {
  static settings = { view: setting.choice(['pca', 'tsne'], 'pca') };

  #space = null;
  #scatter = null;
  #base = [];
  #placement = null;
  #view = 'pca';
  #hasTsne = false;
  #pointsKey = null; // view and colours of the points the scatter holds
  #frameRequest = 0;
  #listener = (e) => this.#onPrediction(e);

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="views" role="group"><span class="views-label"></span><button type="button" data-view="pca" aria-pressed="true"></button><button type="button" data-view="tsne" aria-pressed="false" disabled></button></div>
      <div class="main">
        <div class="plot"><canvas role="img"></canvas></div>
        <div class="side">
          <p class="status muted"></p>
          <div class="legend" aria-hidden="true"></div>
          <p class="you" aria-live="polite"></p>
          <p class="note muted caption"></p>
        </div>
      </div>`;
  }

  /** Where the latest drawn digit landed, or null. */
  get placement() {
    return this.#placement;
  }

  /** 'pca' or 'tsne'. */
  get view() {
    return this.#view;
  }

  set view(v) {
    this.#view = v === 'tsne' && this.#hasTsne ? 'tsne' : 'pca';
    this.updateSettings({ view: this.#view });
    this.refreshLanguage();
  }

  /** The points as drawn in the current view: [{x, y, label}] (label = the true digit). */
  get points() {
    return this.#base.map((p) => ({ ...this.#at(p), label: p.class }));
  }

  #at(p) {
    return this.#view === 'tsne' ? { x: p.tx, y: p.ty } : { x: p.x, y: p.y };
  }

  firstConnected() {
    this.#scatter = new Scatter(this.shadowRoot.querySelector('canvas'), { padding: 16 });
    for (const b of this.shadowRoot.querySelectorAll('.views button')) b.addEventListener('click', () => (this.view = b.dataset.view));
    new ResizeObserver(() => this.#draw()).observe(this.shadowRoot.querySelector('.plot'));
    this.#load();
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('prediction', this.#listener);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('prediction', this.#listener);
  }

  async #load() {
    let wasm;
    try {
      wasm = await plainlyWasm();
    } catch (error) {
      return this.showError('error.wasm', error);
    }
    try {
      const [cnn, grid, extract] = await Promise.all(['digit-cnn.bpk', 'digit-grid.bpk', 'mnist-test-1000.u8'].map(fetchAsset));
      const classifier = callWasm(() => new wasm.DigitClassifier(cnn, grid));
      this.#space = callWasm(() => new wasm.DigitSpace(classifier, extract));
      classifier.free();
    } catch (error) {
      return this.showError('error.weights', error);
    }
    const coords = callWasm(() => this.#space.coords());
    const labels = callWasm(() => this.#space.labels());
    let map = null;
    try {
      const text = new TextDecoder().decode(await fetchAsset('digit-tsne.json'));
      callWasm(() => this.#space.setTsne(text));
      map = callWasm(() => this.#space.tsneCoords());
      this.#hasTsne = true;
    } catch (error) {
      this.showError('error.weights', error);
    }
    this.#base = Array.from(labels, (label, i) => ({ x: coords[2 * i], y: coords[2 * i + 1], tx: map?.[2 * i], ty: map?.[2 * i + 1], glyph: String(label), label: undefined, class: label, radius: 3.2 }));
    if (this.readSettings().view === 'tsne' && this.#hasTsne) this.#view = 'tsne';
    this.refreshLanguage();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  #onPrediction(e) {
    const forId = this.getAttribute('for');
    const source = e.composedPath()[0];
    if (forId && source?.id !== forId) return;
    if (!this.#space) return;
    const features = e.detail?.features;
    if (!features) {
      this.#placement = null;
    } else {
      try {
        this.#placement = { ...callWasm(() => this.#space.place(Float32Array.from(features), NEIGHBOURS)), digit: e.detail.digit };
      } catch (error) {
        return this.showError('error.input', error);
      }
    }
    this.#renderYou();
    this.#draw();
    this.dispatchEvent(new CustomEvent('placement', { detail: this.#placement, bubbles: true, composed: true }));
  }

  // Redraw at the next frame: a pen stroke can bring several predictions per frame, and the
  // browser lays the page out once per frame anyway.
  #draw() {
    if (this.#frameRequest) return;
    this.#frameRequest = requestAnimationFrame(() => {
      this.#frameRequest = 0;
      this.#drawNow();
    });
  }

  #drawNow() {
    if (!this.#scatter || !this.#base.length) return;
    const theme = this.theme();
    const colours = this.#classColours();
    const key = `${this.#view} ${colours === CLASS_COLOURS_DARK}`;
    if (key !== this.#pointsKey) {
      this.#scatter.setPoints(this.#base.map((p) => ({ ...p, ...this.#at(p), colour: colours[p.class] })));
      this.#pointsKey = key;
    }
    const at = this.#view === 'tsne' ? this.#placement?.tsne : this.#placement;
    this.#scatter.setOverlay(at ? [{ x: at.x, y: at.y, colour: theme.ink, radius: 9, strong: true, label: this.t('digitspace.you') }] : []);
    this.#scatter.draw({ ink: theme.ink, muted: theme.muted, paper: theme.paper });
  }

  #classColours() {
    return this.dark ? CLASS_COLOURS_DARK : CLASS_COLOURS;
  }

  #renderYou() {
    const p = this.#placement;
    const you = this.shadowRoot.querySelector('.you');
    if (!p) {
      you.textContent = this.t('digitspace.draw');
      return;
    }
    const counts = new Map();
    for (const l of p.neighbours) counts.set(l, (counts.get(l) ?? 0) + 1);
    const list = [...counts].sort((a, b) => b[1] - a[1]).map(([l, n]) => this.t('digitspace.count', { digit: l, n })).join(this.lang === 'zh' ? '，' : ', ');
    const centre = this.#view === 'tsne' && p.tsne ? p.tsne.nearest_centre : p.nearest_centre;
    you.textContent = this.t('digitspace.placed', { digit: p.digit, centre, k: p.neighbours.length, list });
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.status').textContent = this.#space ? this.t('digitspace.ready', { n: this.#base.length.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en') }) : this.t('digitspace.loading');
    if (this.#space) {
      const [r1, r2] = callWasm(() => this.#space.ratios);
      $('.caption').textContent = this.#view === 'tsne' ? this.t('digitspace.tsne.caption') : this.t('digitspace.caption', { percent: this.percent(r1 + r2, 0) });
    }
    $('.views-label').textContent = this.t('digitspace.views');
    for (const b of this.shadowRoot.querySelectorAll('.views button')) {
      b.textContent = this.t(`digitspace.view.${b.dataset.view}`);
      b.setAttribute('aria-pressed', String(b.dataset.view === this.#view));
      if (b.dataset.view === 'tsne') b.disabled = !this.#hasTsne;
    }
    const legend = $('.legend');
    legend.replaceChildren(...this.#classColours().map((colour, d) => {
      const span = document.createElement('span');
      span.style.color = colour;
      span.textContent = String(d);
      return span;
    }));
    $('canvas').setAttribute('aria-label', this.t(this.#view === 'tsne' ? 'digitspace.tsne.plot' : 'digitspace.plot'));
    this.#renderYou();
    this.#draw();
    this.refreshError();
  }
}

if (!customElements.get('plainly-digit-space')) customElements.define('plainly-digit-space', PlainlyDigitSpace);
