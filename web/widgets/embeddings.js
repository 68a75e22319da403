// <plainly-embeddings>: words as vectors. GloVe 6B 50-d, laid out by PCA; nearest neighbours on
// hover; analogies with their offset arrows.
//
// Attributes: lang; preset (animals | royalty | capitals); words (comma-separated, replaces the
// preset); analogy ("king,man,woman": a − b + c).
// The 5 MB of vectors load when the widget comes into view (or on its button).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, fetchAsset, fetchWithProgress, plainlyWasm } from '../core/wasm.js';
import { Scatter } from '../core/scatter.js';
import { darken, lighten } from '../core/plot.js';

export const PRESETS = {
  animals: ['puppy', 'dog', 'cat', 'kitten', 'horse', 'cow', 'mouse', 'bird', 'house', 'houses', 'apartment', 'building', 'cottage', 'mansion'],
  royalty: ['king', 'queen', 'man', 'woman', 'prince', 'princess', 'boy', 'girl', 'husband', 'wife', 'uncle', 'aunt', 'actor', 'actress'],
  capitals: ['france', 'paris', 'japan', 'tokyo', 'germany', 'berlin', 'italy', 'rome', 'spain', 'madrid', 'russia', 'moscow', 'china', 'beijing', 'canada', 'ottawa'],
};
// The analogy each preset starts with: a − b + c.
const ANALOGIES = { animals: ['kitten', 'cat', 'dog'], royalty: ['king', 'man', 'woman'], capitals: ['paris', 'france', 'japan'] };
const MAX_WORDS = 60;
// Words in the theme's accent (blue), the analogy's words in its warm colour (vermillion) and the
// answer in Okabe–Ito's reddish purple: three hues colour-blind readers tell apart; the answer is
// also bold, larger and labelled.
const RESULT = '#CC79A7';

const CSS = `
  .loader { display: flex; gap: 0.8em; align-items: center; flex-wrap: wrap; margin: 0.4em 0; }
  progress { width: 14em; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.4em 0 0.8em; }
  .toolbar button[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
  input[type=text] { font: inherit; padding: 0.3em 0.5em; border: 1px solid var(--plainly-line); border-radius: 6px; min-width: 0; width: 9em; }
  .main { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: flex-start; }
  .plot { position: relative; flex: 1 1 380px; max-width: 620px; aspect-ratio: 1; border: 1px solid var(--plainly-line); border-radius: 10px; background: var(--plainly-paper); }
  .plot canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
  .tip { position: absolute; pointer-events: none; background: var(--plainly-ink); color: var(--plainly-paper); font-size: 0.82em; padding: 0.35em 0.55em; border-radius: 6px; max-width: 18em; z-index: 2; }
  .side { flex: 1 1 260px; display: flex; flex-direction: column; gap: 1em; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.3em; }
  .chip { display: inline-flex; align-items: center; gap: 0.2em; border: 1px solid var(--plainly-line); border-radius: 999px; padding: 0.05em 0.2em 0.05em 0.6em; font-size: 0.9em; }
  .chip button { border: 0; padding: 0 0.35em; background: none; font-size: 1em; line-height: 1.3; }
  .analogy .row { display: flex; flex-wrap: wrap; gap: 0.35em; align-items: center; }
  .analogy input { width: 6.5em; }
  ol.results { margin: 0.4em 0 0; padding-left: 1.6em; font-variant-numeric: tabular-nums; }
  ol.results li:first-child { font-weight: 700; }
  .note { font-size: 0.9em; }
  .unknown { color: var(--plainly-danger); font-size: 0.9em; min-height: 1.3em; }
`;

const WORD = /^[\p{L}\p{N}'’-]{1,40}$/u;

class PlainlyEmbeddings extends PlainlyElement {
  static settings = {
    preset: setting.choice(Object.keys(PRESETS), 'animals'),
    // the words on the plot when they are not exactly a preset's (empty: the preset's)
    words: setting.list({ default: [], min: 2, max: MAX_WORDS, item: WORD }),
    analogy: setting.list({ default: (s) => ANALOGIES[s.preset], min: 3, max: 3, item: WORD }),
  };

  #space = null;
  #loading = null;
  #words = [];
  #analogy = null; // {a, b, c, results}
  #layout = null;
  #scatter = null;
  #hover = -1;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="loader"><button type="button" class="load"></button><progress max="1" value="0" hidden></progress><span class="muted load-note"></span></div>
      <div class="toolbar">
        <span class="muted l-presets"></span>
        <button type="button" class="preset" data-preset="animals"></button>
        <button type="button" class="preset" data-preset="royalty"></button>
        <button type="button" class="preset" data-preset="capitals"></button>
      </div>
      <div class="main">
        <div class="plot"><canvas role="img" tabindex="0"></canvas><div class="tip" hidden></div><p class="visually-hidden tip-live" aria-live="polite"></p></div>
        <div class="side">
          <form class="add">
            <label><span class="l-add"></span>
              <span class="toolbar" style="margin:0.2em 0"><input type="text" class="word" autocomplete="off" spellcheck="false" maxlength="40"><button type="submit" class="add-button"></button></span>
            </label>
            <div class="unknown" aria-live="polite"></div>
          </form>
          <div><h3 class="l-words"></h3><div class="chips"></div></div>
          <form class="analogy">
            <h3 class="l-analogy"></h3>
            <div class="row">
              <input type="text" class="a" value="king" aria-label="a"> − <input type="text" class="b" value="man" aria-label="b"> + <input type="text" class="c" value="woman" aria-label="c"> = ?
              <button type="submit" class="go"></button>
            </div>
            <ol class="results" aria-live="polite"></ol>
          </form>
          <p class="note caption"></p>
        </div>
      </div>`;
  }

  /** The words on the plot with their layout coordinates: [{word, x, y}]. */
  get points() {
    if (!this.#layout) return [];
    return this.#layout.words.map((word, i) => ({ word, x: this.#layout.coords[2 * i], y: this.#layout.coords[2 * i + 1] }));
  }

  /** The last analogy's answers: [{word, cosine}], or null. */
  get analogy() {
    return this.#analogy?.results ?? null;
  }

  /** Load the vectors now (they also load by themselves when the widget comes into view). */
  load() {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const canvas = $('canvas');
    this.#scatter = new Scatter(canvas);
    const settings = this.readSettings();
    const fromAttribute = settings.words;
    this.#words = fromAttribute.length >= 2 ? [...fromAttribute] : [...PRESETS[settings.preset]];
    this.preset = fromAttribute.length >= 2 ? null : settings.preset;
    this.#setAnalogy(...settings.analogy);
    $('.load').addEventListener('click', () => this.load());
    this.shadowRoot.querySelectorAll('.preset').forEach((b) => b.addEventListener('click', () => this.#choosePreset(b.dataset.preset)));
    $('.add').addEventListener('submit', (e) => { e.preventDefault(); this.addWord($('.word').value); });
    $('.analogy').addEventListener('submit', (e) => { e.preventDefault(); this.#runAnalogy(); });
    canvas.addEventListener('pointermove', (e) => this.#hoverAt(e));
    canvas.addEventListener('pointerleave', () => { this.#hover = -1; $('.tip').hidden = true; this.#draw(); });
    // the keyboard's hover: arrows step through the words, Escape hides the tip
    canvas.addEventListener('keydown', (e) => {
      const n = this.#layout?.words.length ?? 0;
      if (!n) return;
      let i = this.#hover;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') i = (i + 1) % n;
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') i = i <= 0 ? n - 1 : i - 1;
      else if (e.key === 'Escape') i = -1;
      else return;
      e.preventDefault();
      this.#showTip(i, true);
    });
    canvas.addEventListener('blur', () => { if (this.#hover >= 0) this.#showTip(-1); });
    new ResizeObserver(() => this.#draw()).observe($('.plot'));
    this.whenVisible(() => this.load(), '300px');
  }

  async #load() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const { progress, failed } = this.startLoading();
    try {
      const wasm = await plainlyWasm();
      const [vectors, words] = await Promise.all([
        fetchWithProgress('glove-50d.f16', (fraction) => { progress.value = fraction; }),
        fetchAsset('glove-50d.words.txt').then((b) => new TextDecoder().decode(b)),
      ]);
      this.#space = callWasm(() => new wasm.WordSpace(vectors, words));
    } catch (error) {
      failed();
      this.#loading = null;
      return this.showError(this.#space ? 'error.input' : 'error.weights', error);
    }
    $('.loader').hidden = true;
    this.#words = this.#words.map((w) => callWasm(() => this.#space.canonical(w)) ?? w).filter((w) => callWasm(() => this.#space.canonical(w)));
    this.#runAnalogy();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  #choosePreset(name) {
    this.preset = name;
    this.#words = [...PRESETS[name]];
    this.#setAnalogy(...ANALOGIES[name]);
    this.updateSettings({ preset: name, words: [], analogy: [...ANALOGIES[name]] });
    if (this.#space) this.#runAnalogy(); else this.#render();
  }

  #setAnalogy(a, b, c) {
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.a').value = a; $('.b').value = b; $('.c').value = c;
  }

  /** Add a word to the plot. Unknown words get a message, never a silent miss. */
  addWord(raw) {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const typed = String(raw ?? '').trim();
    const note = $('.unknown');
    note.textContent = '';
    if (!typed || !this.#space) return false;
    const word = callWasm(() => this.#space.canonical(typed));
    if (!word) {
      note.textContent = this.t('embeddings.unknown', { word: typed, count: this.#count() });
      return false;
    }
    if (!this.#words.includes(word)) {
      if (this.#words.length >= MAX_WORDS) this.#words.shift();
      this.#words.push(word);
    }
    $('.word').value = '';
    this.preset = null;
    this.updateSettings({ words: [...this.#words] });
    this.#relayout();
    return true;
  }

  removeWord(word) {
    if (this.#words.length <= 2) return;
    this.#words = this.#words.filter((w) => w !== word);
    this.preset = null;
    this.updateSettings({ words: [...this.#words] });
    this.#relayout();
  }

  #count() {
    return new Intl.NumberFormat(this.lang === 'zh' ? 'zh-CN' : 'en').format(this.#space?.size ?? 50000);
  }

  #runAnalogy() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    if (!this.#space) return;
    const [a, b, c] = ['.a', '.b', '.c'].map((s) => $(s).value.trim());
    const unknown = [a, b, c].find((w) => !callWasm(() => this.#space.canonical(w)));
    if (unknown !== undefined) {
      this.#analogy = null;
      $('.unknown').textContent = this.t('embeddings.unknown', { word: unknown, count: this.#count() });
    } else {
      const canon = (w) => callWasm(() => this.#space.canonical(w));
      const results = callWasm(() => this.#space.analogy(a, b, c, 5));
      this.#analogy = { a: canon(a), b: canon(b), c: canon(c), results };
      this.updateSettings({ analogy: [this.#analogy.a, this.#analogy.b, this.#analogy.c] });
    }
    this.#relayout();
  }

  #relayout() {
    if (!this.#space) return this.#render();
    const shown = [...this.#words];
    if (this.#analogy) {
      for (const w of [this.#analogy.a, this.#analogy.b, this.#analogy.c, this.#analogy.results[0]?.word]) {
        if (w && !shown.includes(w)) shown.push(w);
      }
    }
    try {
      this.#layout = shown.length >= 2 ? callWasm(() => this.#space.layout(shown, 2)) : null;
    } catch (error) {
      this.showError('error.input', error);
      this.#layout = null;
    }
    this.#render();
  }

  #render() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.shadowRoot.querySelectorAll('.preset').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.preset === this.preset)));
    const chips = $('.chips');
    chips.replaceChildren(...this.#words.map((w) => {
      const chip = document.createElement('span');
      chip.className = 'chip';
      const text = document.createElement('span');
      text.textContent = w;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', this.t('embeddings.remove', { word: w }));
      remove.addEventListener('click', () => this.removeWord(w));
      chip.append(text, remove);
      return chip;
    }));
    const results = $('.results');
    results.replaceChildren(...(this.#analogy?.results ?? []).map((r) => {
      const li = document.createElement('li');
      li.textContent = `${r.word} (${this.t('embeddings.cosine')} ${r.cosine.toFixed(3)})`;
      return li;
    }));
    if (this.#layout) {
      const [r1, r2] = this.#layout.ratios;
      $('.caption').textContent = this.t('embeddings.caption', { percent: this.percent(r1 + r2, 0) });
    }
    this.#draw();
  }

  #draw() {
    if (!this.#scatter) return;
    const theme = this.theme();
    const COLOURS = { word: theme.accent, analogy: theme.warn, result: this.dark ? lighten(RESULT, 0.2) : darken(RESULT, 0.35) };
    const layout = this.#layout;
    const points = layout ? layout.words.map((word, i) => {
      const a = this.#analogy;
      const inAnalogy = a && [a.a, a.b, a.c].includes(word);
      const isResult = a && a.results[0]?.word === word;
      return {
        x: layout.coords[2 * i], y: layout.coords[2 * i + 1], label: word,
        colour: isResult ? COLOURS.result : inAnalogy ? COLOURS.analogy : COLOURS.word,
        labelColour: isResult ? COLOURS.result : undefined,
        strong: isResult || inAnalogy, radius: isResult ? 6 : 4.5,
      };
    }) : [];
    const key = JSON.stringify(points.map((p) => [p.label, p.x, p.y, p.colour]));
    if (key !== this.pointsKey) {
      this.#scatter.setPoints(points);
      this.pointsKey = key;
    }
    const arrows = [];
    if (layout && this.#analogy?.results[0]) {
      const at = (w) => { const i = layout.words.indexOf(w); return i < 0 ? null : { x: layout.coords[2 * i], y: layout.coords[2 * i + 1] }; };
      const [a, b, c, d] = [this.#analogy.a, this.#analogy.b, this.#analogy.c, this.#analogy.results[0].word].map(at);
      // b → a (man → king) and c → d (woman → queen): the same offset, drawn twice
      if (a && b) arrows.push({ from: b, to: a, colour: COLOURS.analogy });
      if (c && d) arrows.push({ from: c, to: d, colour: COLOURS.result });
    }
    this.#scatter.draw({ arrows, highlight: this.#hover, ink: theme.ink, muted: theme.muted, paper: theme.paper });
    const canvas = this.shadowRoot.querySelector('canvas');
    canvas.setAttribute('aria-label', `${this.t('embeddings.plot', { words: (layout?.words ?? []).join(', ') })} ${this.t('embeddings.plot.keys')}`);
  }

  #hoverAt(e) {
    this.#showTip(this.#scatter.pick(e.clientX, e.clientY));
  }

  // Highlight word `i` (−1: none) and show its tip; `announce` also reads it to screen readers.
  #showTip(i, announce = false) {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const tip = $('.tip');
    if (i !== this.#hover) {
      this.#hover = i;
      this.#draw();
    }
    if (i < 0 || !this.#layout) { tip.hidden = true; return; }
    const word = this.#layout.words[i];
    const near = callWasm(() => this.#space.neighbours(word, 5));
    tip.textContent = this.t('embeddings.tip', {
      word,
      x: this.#layout.coords[2 * i].toFixed(2),
      y: this.#layout.coords[2 * i + 1].toFixed(2),
      near: near.map((n) => `${n.word} ${n.cosine.toFixed(2)}`).join(', '),
    });
    const [px, py] = this.#scatter.toScreen(this.#layout.coords[2 * i], this.#layout.coords[2 * i + 1]);
    const plot = $('.plot').getBoundingClientRect();
    tip.style.left = `${Math.min(px + 12, plot.width - 200)}px`;
    tip.style.top = `${Math.max(0, py - 40)}px`;
    tip.hidden = false;
    if (announce) $('.tip-live').textContent = tip.textContent;
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const set = (s, key, params) => { $(s).textContent = this.t(key, params); };
    set('.load', 'embeddings.load');
    set('.load-note', 'embeddings.load.note');
    set('.l-presets', 'embeddings.presets');
    this.shadowRoot.querySelectorAll('.preset').forEach((b) => { b.textContent = this.t(`embeddings.preset.${b.dataset.preset}`); });
    set('.l-add', 'embeddings.add');
    set('.add-button', 'embeddings.add.button');
    set('.l-words', 'embeddings.words');
    set('.l-analogy', 'embeddings.analogy');
    set('.go', 'embeddings.analogy.go');
    $('.caption').textContent = '';
    this.#render();
    this.refreshError();
  }
}

if (!customElements.get('plainly-embeddings')) customElements.define('plainly-embeddings', PlainlyEmbeddings);
