// <plainly-attention>: the attention of a real pretrained transformer (all-MiniLM-L6-v2, a BERT
// encoder: 6 layers × 12 heads) running in the reader's browser.
//
// Attributes: lang; sentence (the text to read); layer and head (1-based; default: the head the
// code finds where "it" looks most at "animal", else layer 1 head 1); max-tokens (shown at most,
// 2..512, default 64); compare (the second sentence of the similarity box).
// The 45 MB of weights load when the widget comes into view (or on its button) and are kept in
// the browser's Cache Storage, so a second visit reads them from disk.

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, fetchAsset, fetchCached, plainlyWasm } from '../core/wasm.js';
import { interpolateBlues } from '../vendor/vendor.js';

export const DEFAULT_SENTENCE = "The animal didn't cross the street because it was too tired";
export const SECOND_SENTENCE = "The animal didn't cross the street because it was too wide";
const SIMILARITY_PAIR = ['A man is eating food.', 'A man is eating a piece of bread.'];
const DEFAULT_MAX = 64;
// The colour map sampled once: 72 thumbnails of 48 × 48 cells would otherwise parse 166,000
// colour strings per sentence.
const BLUES = Array.from({ length: 256 }, (_, i) => parseRgb(interpolateBlues(i / 255)));
const MODEL_MAX = 512;

const CSS = `
  .loader { display: flex; gap: 0.8em; align-items: center; flex-wrap: wrap; margin: 0.4em 0; }
  progress { width: 14em; }
  .sentence { display: flex; gap: 0.5em; flex-wrap: wrap; align-items: center; margin: 0.3em 0; }
  .sentence textarea { flex: 1 1 22em; font: inherit; padding: 0.35em 0.5em; border: 1px solid var(--plainly-line); border-radius: 6px; min-height: 2.6em; resize: vertical; }
  .examples { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.3em 0; }
  .note { color: var(--plainly-danger); font-size: 0.9em; min-height: 1.3em; }
  .main { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: flex-start; margin-top: 0.5em; }
  .heat { flex: 1 1 420px; max-width: 640px; }
  .heat canvas { width: 100%; display: block; touch-action: none; }
  .lines { flex: 0 1 260px; }
  .lines canvas { width: 100%; display: block; }
  .pick { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; margin: 0.3em 0; }
  select { font: inherit; padding: 0.2em; }
  .found { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; margin: 0.4em 0; }
  .found button[aria-pressed=true], .average[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); font-weight: 600; }
  .grid { display: grid; grid-template-columns: auto repeat(12, minmax(0, 1fr)); gap: 3px; max-width: 640px; margin-top: 0.6em; align-items: center; }
  .grid .label { font-size: 0.75em; color: var(--plainly-muted); text-align: center; }
  .grid button { padding: 0; border: 2px solid transparent; border-radius: 3px; line-height: 0; background: var(--plainly-paper); }
  .grid button[aria-pressed=true] { border-color: var(--plainly-accent); }
  .grid canvas { width: 100%; aspect-ratio: 1; }
  .similarity { margin-top: 1em; display: flex; flex-direction: column; gap: 0.4em; max-width: 640px; }
  .similarity input { font: inherit; padding: 0.3em 0.5em; border: 1px solid var(--plainly-line); border-radius: 6px; }
  .similarity output { font-weight: 700; font-variant-numeric: tabular-nums; }
  .honest { font-size: 0.92em; background: var(--plainly-panel); border-radius: 8px; padding: 0.5em 0.8em; }
`;

class PlainlyAttention extends PlainlyElement {
  static settings = {
    sentence: setting.text({ default: DEFAULT_SENTENCE, maxLength: 2000 }),
    // null: the head the code finds for "it" → "animal"
    layer: setting.number({ min: 1, max: 6, default: null, integer: true }),
    head: setting.number({ min: 1, max: 12, default: null, integer: true }),
    'max-tokens': setting.number({ min: 2, max: MODEL_MAX, default: DEFAULT_MAX, integer: true }),
    compare: setting.text({ default: SIMILARITY_PAIR[1], maxLength: 2000 }),
  };

  #model = null;
  #loading = null;
  #reading = null; // {tokens, layers, heads, attentions: Float32Array, fullLength, truncated}
  #layer = 0;
  #head = 0;
  #average = false;
  #hover = -1;
  #ranked = [];
  #pinned = false; // layer/head chosen by attribute or by the reader
  #timer = 0;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="loader"><button type="button" class="load"></button><progress max="1" value="0" hidden></progress><span class="muted load-note"></span></div>
      <label class="sentence"><span class="l-sentence"></span><textarea rows="2" spellcheck="false"></textarea></label>
      <div class="examples"><button type="button" class="ex-tired"></button><button type="button" class="ex-wide"></button></div>
      <div class="note" aria-live="polite"></div>
      <div class="found" aria-live="polite"></div>
      <div class="pick">
        <label><span class="l-layer"></span> <select class="layer"></select></label>
        <label><span class="l-head"></span> <select class="head"></select></label>
        <button type="button" class="average" aria-pressed="false"></button>
      </div>
      <div class="main">
        <div class="heat"><canvas class="heatmap" role="img" tabindex="0"></canvas><p class="muted caption"></p></div>
        <div class="lines"><h3 class="l-lines"></h3><canvas class="lines-canvas" role="img"></canvas></div>
      </div>
      <h3 class="l-grid"></h3>
      <div class="grid"></div>
      <p class="honest"></p>
      <form class="similarity">
        <h3 class="l-similarity"></h3>
        <input type="text" class="s1" aria-label="1"><input type="text" class="s2" aria-label="2">
        <div><button type="submit" class="compare"></button> <output aria-live="polite"></output></div>
      </form>`;
  }

  /** The latest reading: {tokens, layer, head, rows (the shown map, queries × keys), truncated, fullLength}, or null. */
  get reading() {
    if (!this.#reading) return null;
    const r = this.#reading;
    return { tokens: [...r.tokens], layer: this.#layer + 1, head: this.#head + 1, average: this.#average, rows: this.#map(), truncated: r.truncated, fullLength: r.fullLength };
  }

  /** Heads ranked by how much the chosen query token attends to the chosen key token: [{layer, head, weight}] (1-based). */
  get rankedHeads() {
    return this.#ranked.map((h) => ({ layer: h.layer + 1, head: h.head + 1, weight: h.weight }));
  }

  /** Index of the token whose row is highlighted, or -1. */
  get hovered() {
    return this.#hover;
  }

  /** Load the model now (it also loads by itself when the widget comes into view). */
  load() {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  get maxTokens() {
    return this.settings['max-tokens'];
  }

  firstConnected() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const settings = this.readSettings();
    $('textarea').value = settings.sentence;
    $('.s1').value = SIMILARITY_PAIR[0];
    $('.s2').value = settings.compare;
    const { layer, head } = settings;
    if (layer !== null && head !== null) {
      this.#layer = layer - 1;
      this.#head = head - 1;
      this.#pinned = true;
    }
    $('.load').addEventListener('click', () => this.load());
    $('textarea').addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#read(), 250);
    });
    $('.ex-tired').addEventListener('click', () => { $('textarea').value = DEFAULT_SENTENCE; this.#read(); });
    $('.ex-wide').addEventListener('click', () => { $('textarea').value = SECOND_SENTENCE; this.#read(); });
    $('.layer').addEventListener('change', (e) => this.select(Number(e.target.value) + 1, this.#head + 1));
    $('.head').addEventListener('change', (e) => this.select(this.#layer + 1, Number(e.target.value) + 1));
    $('.average').addEventListener('click', () => { this.#average = !this.#average; this.#draw(); });
    $('.similarity').addEventListener('submit', (e) => { e.preventDefault(); this.#compare(); });
    const heat = $('.heatmap');
    heat.addEventListener('pointermove', (e) => this.#hoverAt(e));
    heat.addEventListener('pointerleave', () => { this.#hover = -1; this.#draw(); });
    heat.addEventListener('keydown', (e) => {
      if (!this.#reading) return;
      const n = this.#reading.tokens.length;
      if (e.key === 'ArrowDown') this.#hover = Math.min(n - 1, this.#hover + 1);
      else if (e.key === 'ArrowUp') this.#hover = Math.max(0, this.#hover - 1);
      else if (e.key === 'Escape') this.#hover = -1;
      else return;
      e.preventDefault();
      this.#draw();
    });
    this.#buildGrid();
    new ResizeObserver(() => this.#draw()).observe($('.heat'));
    this.whenVisible(() => this.load(), '200px');
  }

  #buildGrid() {
    const grid = this.shadowRoot.querySelector('.grid');
    const cells = [document.createElement('span')];
    for (let h = 0; h < 12; h++) {
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = String(h + 1);
      cells.push(label);
    }
    for (let l = 0; l < 6; l++) {
      const label = document.createElement('span');
      label.className = 'label row-label';
      cells.push(label);
      for (let h = 0; h < 12; h++) {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.layer = String(l);
        button.dataset.head = String(h);
        const canvas = document.createElement('canvas');
        canvas.width = 48;
        canvas.height = 48;
        button.append(canvas);
        button.addEventListener('click', () => this.select(l + 1, h + 1));
        cells.push(button);
      }
    }
    grid.replaceChildren(...cells);
  }

  async #load() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const { progress, failed } = this.startLoading();
    try {
      // Downloads start before the wasm is ready; marks show where a load spends its time.
      const files = fetchAsset('minilm-l6.json').then((card) => {
        card = JSON.parse(new TextDecoder().decode(card));
        return Promise.all([
          fetchCached('minilm-l6.bpk', card.weights_fnv1a, (fraction) => { progress.value = fraction; }),
          fetchCached('minilm-l6.tokenizer.json', card.tokenizer_fnv1a),
        ]);
      });
      files.catch(() => {}); // handled below; not an unhandled rejection while the wasm loads
      const wasm = await plainlyWasm();
      performance.mark('plainly-attention:wasm');
      const [weights, tokenizer] = await files;
      performance.mark('plainly-attention:files');
      this.#model = callWasm(() => new wasm.AttentionModel(weights, tokenizer));
      performance.mark('plainly-attention:model');
    } catch (error) {
      failed();
      this.#loading = null;
      return this.showError('error.weights', error);
    }
    $('.loader').hidden = true;
    this.#read();
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
    // the similarity box is below the heatmap: fill it once the heatmap is on screen
    setTimeout(() => this.#compare(), 0);
  }

  /** Show layer `layer`, head `head` (both 1-based). */
  select(layer, head) {
    if (!(layer >= 1 && layer <= 6 && head >= 1 && head <= 12)) return;
    this.#layer = layer - 1;
    this.#head = head - 1;
    this.#average = false;
    this.#pinned = true;
    this.updateSettings({ layer, head });
    this.#draw();
  }

  #read() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    if (!this.#model) return;
    const text = $('textarea').value;
    this.updateSettings({ sentence: text });
    const note = $('.note');
    note.textContent = '';
    if (!text.trim()) {
      this.#reading = null;
      note.textContent = this.t('attention.empty');
      this.#ranked = [];
      this.#draw();
      return;
    }
    try {
      const sentence = callWasm(() => this.#model.read(text, this.maxTokens));
      this.#reading = {
        tokens: sentence.tokens, layers: sentence.layers, heads: sentence.heads,
        attentions: sentence.attentions, fullLength: sentence.fullLength, truncated: sentence.truncated,
      };
      sentence.free();
    } catch (error) {
      return this.showError('error.input', error);
    }
    if (this.#reading.truncated) {
      note.textContent = this.t('attention.truncated', { shown: this.#reading.tokens.length, total: this.#reading.fullLength, max: MODEL_MAX });
    }
    this.#findHeads();
    this.#draw();
    this.dispatchEvent(new CustomEvent('attention', { bubbles: true, composed: true, detail: this.reading }));
  }

  // Heads where "it" looks most at "animal", ranked by the code (if the sentence has both words).
  #findHeads() {
    const tokens = this.#reading.tokens;
    const query = tokens.indexOf('it');
    const key = tokens.indexOf('animal');
    this.#ranked = [];
    if (query < 0 || key < 0) return;
    this.#ranked = callWasm(() => this.#model.rankHeads(this.#reading.attentions, query, key));
    if (!this.#pinned) {
      this.#layer = this.#ranked[0].layer;
      this.#head = this.#ranked[0].head;
    }
  }

  #compare() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    if (!this.#model) return;
    const [a, b] = [$('.s1').value, $('.s2').value];
    this.updateSettings({ compare: b });
    if (!a.trim() || !b.trim()) {
      $('output').textContent = this.t('attention.empty');
      return;
    }
    try {
      const cos = callWasm(() => this.#model.similarity(a, b));
      this.similarity = cos;
      $('output').textContent = this.t('attention.cosine', { value: this.fixed(cos, 3) });
    } catch (error) {
      this.showError('error.input', error);
    }
  }


  // The map on show: one head's, or the mean over the layer's heads. [tokens × tokens] rows = queries.
  #map(layer = this.#layer, head = this.#head, average = this.#average) {
    const r = this.#reading;
    const n = r.tokens.length;
    const size = n * n;
    if (!average) return Array.from(r.attentions.subarray((layer * r.heads + head) * size, (layer * r.heads + head + 1) * size));
    const out = new Array(size).fill(0);
    for (let h = 0; h < r.heads; h++) {
      const base = (layer * r.heads + h) * size;
      for (let k = 0; k < size; k++) out[k] += r.attentions[base + k] / r.heads;
    }
    return out;
  }

  #draw() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    this.#renderControls();
    const canvas = $('.heatmap');
    const lines = $('.lines-canvas');
    const r = this.#reading;
    if (!r) {
      for (const c of [canvas, lines]) { c.width = 0; c.height = 0; }
      return;
    }
    const n = r.tokens.length;
    const map = this.#map();
    const theme = this.theme();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(240, $('.heat').clientWidth || 480);
    const context = canvas.getContext('2d');
    context.font = '12px system-ui, sans-serif';
    const labelWidth = Math.min(110, 10 + Math.max(...r.tokens.map((t) => context.measureText(t).width)));
    const cell = Math.max(4, (width - labelWidth - 4) / n);
    const height = labelWidth + cell * n + 4;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, width, height);
    const x0 = labelWidth;
    const y0 = labelWidth;
    this.geometry = { x0, y0, cell, n };
    for (let q = 0; q < n; q++) {
      for (let k = 0; k < n; k++) {
        const rgb = BLUES[Math.round(Math.min(1, Math.max(0, map[q * n + k])) * 255)];
        context.fillStyle = `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
        context.fillRect(x0 + k * cell, y0 + q * cell, Math.ceil(cell), Math.ceil(cell));
      }
    }
    if (this.#hover >= 0) {
      context.strokeStyle = theme.warn;
      context.lineWidth = 2;
      context.strokeRect(x0 + 1, y0 + this.#hover * cell + 1, cell * n - 2, cell - 2);
    }
    // Labels: queries down the left, keys along the top (rotated). Text drawn on a canvas is never HTML.
    const fontSize = Math.max(8, Math.min(13, cell * 0.8));
    context.font = `${fontSize}px system-ui, sans-serif`;
    context.textBaseline = 'middle';
    r.tokens.forEach((token, i) => {
      const special = token.startsWith('[') && token.endsWith(']');
      const piece = token.startsWith('##');
      context.fillStyle = i === this.#hover ? theme.warn : special ? theme.muted : piece ? (this.dark ? '#c4a5ff' : '#7c3aed') : theme.ink;
      context.textAlign = 'right';
      context.fillText(clip(token, 14), x0 - 4, y0 + (i + 0.5) * cell);
      context.save();
      context.translate(x0 + (i + 0.5) * cell, y0 - 4);
      context.rotate(-Math.PI / 2);
      context.textAlign = 'left';
      context.fillText(clip(token, 14), 0, 0);
      context.restore();
    });
    canvas.setAttribute('aria-label', this.t('attention.heatmap', {
      layer: this.#layer + 1, head: this.#average ? this.t('attention.average.short') : this.#head + 1, tokens: r.tokens.join(' '),
    }));
    $('.caption').textContent = this.t('attention.caption');
    this.#drawLines(lines, map, n);
    this.#drawGrid();
  }

  // Two columns of tokens; from the hovered query (or every query, faintly) a line to each key,
  // as thick and dark as the attention it pays.
  #drawLines(canvas, map, n) {
    const r = this.#reading;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(200, canvas.parentElement.clientWidth || 240);
    const row = 18;
    const height = row * n + 10;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
    const context = canvas.getContext('2d');
    const theme = this.theme();
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.font = '12px system-ui, sans-serif';
    context.textBaseline = 'middle';
    const left = width * 0.38;
    const right = width * 0.62;
    const queries = this.#hover >= 0 ? [this.#hover] : [...Array(n).keys()];
    for (const q of queries) {
      for (let k = 0; k < n; k++) {
        const w = map[q * n + k];
        if (w < 0.02) continue;
        context.strokeStyle = theme.accent;
        context.globalAlpha = this.#hover >= 0 ? Math.min(1, 0.15 + w) : w * 0.6;
        context.lineWidth = 0.5 + w * (this.#hover >= 0 ? 6 : 2);
        context.beginPath();
        context.moveTo(left + 4, 5 + (q + 0.5) * row);
        context.lineTo(right - 4, 5 + (k + 0.5) * row);
        context.stroke();
      }
    }
    context.globalAlpha = 1;
    r.tokens.forEach((token, i) => {
      context.fillStyle = i === this.#hover ? theme.warn : theme.ink;
      context.textAlign = 'right';
      context.fillText(clip(token, 12), left, 5 + (i + 0.5) * row);
      context.textAlign = 'left';
      const w = this.#hover >= 0 ? map[this.#hover * n + i] : 0;
      context.fillStyle = w > 0.3 ? theme.accent : theme.ink;
      context.fillText(clip(token, 12), right, 5 + (i + 0.5) * row);
    });
    canvas.setAttribute('aria-label', this.#hover >= 0
      ? this.t('attention.lines.one', { token: r.tokens[this.#hover], top: topKeys(map, n, this.#hover, r.tokens) })
      : this.t('attention.lines.all'));
  }

  #drawGrid() {
    const r = this.#reading;
    const n = r.tokens.length;
    this.shadowRoot.querySelectorAll('.grid button').forEach((button) => {
      const l = Number(button.dataset.layer);
      const h = Number(button.dataset.head);
      button.setAttribute('aria-pressed', String(!this.#average && l === this.#layer && h === this.#head));
      button.setAttribute('aria-label', this.t('attention.pick', { layer: l + 1, head: h + 1 }));
      const key = `${r.tokens.join('\u0000')}:${l}:${h}`;
      if (button.dataset.key === key) return;
      button.dataset.key = key;
      const canvas = button.firstChild;
      const context = canvas.getContext('2d');
      const image = context.createImageData(48, 48);
      const base = (l * r.heads + h) * n * n;
      for (let y = 0; y < 48; y++) {
        for (let x = 0; x < 48; x++) {
          const q = Math.floor((y * n) / 48);
          const k = Math.floor((x * n) / 48);
          const rgb = BLUES[Math.round(Math.min(1, Math.max(0, r.attentions[base + q * n + k])) * 255)];
          const i = (y * 48 + x) * 4;
          image.data[i] = rgb[0]; image.data[i + 1] = rgb[1]; image.data[i + 2] = rgb[2]; image.data[i + 3] = 255;
        }
      }
      context.putImageData(image, 0, 0);
    });
  }

  #renderControls() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const fill = (select, count, chosen) => {
      if (select.options.length !== count) {
        select.replaceChildren(...Array.from({ length: count }, (_, i) => new Option(String(i + 1), String(i))));
      }
      select.value = String(chosen);
    };
    fill($('.layer'), 6, this.#layer);
    fill($('.head'), 12, this.#head);
    $('.head').disabled = this.#average;
    $('.average').setAttribute('aria-pressed', String(this.#average));
    const found = $('.found');
    if (!this.#ranked.length) {
      found.replaceChildren();
    } else {
      const intro = document.createElement('span');
      intro.textContent = this.t('attention.found');
      found.replaceChildren(intro, ...this.#ranked.slice(0, 3).map((h) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = this.t('attention.found.head', { layer: h.layer + 1, head: h.head + 1, percent: this.percent(h.weight, 0) });
        b.setAttribute('aria-pressed', String(!this.#average && h.layer === this.#layer && h.head === this.#head));
        b.addEventListener('click', () => this.select(h.layer + 1, h.head + 1));
        return b;
      }));
    }
  }

  #hoverAt(e) {
    if (!this.geometry || !this.#reading) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const { x0, y0, cell, n } = this.geometry;
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    // A row by its cells or its label on the left; a column label on top picks that key's row too.
    let i = -1;
    if (y >= y0) i = Math.floor((y - y0) / cell);
    else if (x >= x0) i = Math.floor((x - x0) / cell);
    if (i >= n) i = -1;
    if (i !== this.#hover) {
      this.#hover = i;
      this.#draw();
    }
  }

  refreshLanguage() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const set = (s, key, params) => { $(s).textContent = this.t(key, params); };
    set('.load', 'attention.load');
    set('.load-note', 'attention.load.note');
    set('.l-sentence', 'attention.sentence');
    set('.ex-tired', 'attention.example.tired');
    set('.ex-wide', 'attention.example.wide');
    set('.l-layer', 'attention.layer');
    set('.l-head', 'attention.head');
    set('.average', 'attention.average');
    set('.l-lines', 'attention.lines');
    set('.l-grid', 'attention.grid');
    set('.honest', 'attention.honest');
    set('.l-similarity', 'attention.similarity');
    set('.compare', 'attention.compare');
    this.shadowRoot.querySelectorAll('.row-label').forEach((el, l) => { el.textContent = this.t('attention.layer.short', { layer: l + 1 }); });
    this.#draw();
    if (this.similarity !== undefined) $('output').textContent = this.t('attention.cosine', { value: this.fixed(this.similarity, 3) });
    if (this.#reading?.truncated) {
      set('.note', 'attention.truncated', { shown: this.#reading.tokens.length, total: this.#reading.fullLength, max: MODEL_MAX });
    }
    this.refreshError();
  }
}

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function topKeys(map, n, q, tokens) {
  return [...Array(n).keys()].sort((a, b) => map[q * n + b] - map[q * n + a]).slice(0, 3)
    .map((k) => `${tokens[k]} ${(map[q * n + k] * 100).toFixed(0)}%`).join(', ');
}

function parseRgb(colour) {
  const m = colour.match(/\d+(\.\d+)?/g);
  return m ? m.slice(0, 3).map(Number) : [0, 0, 0];
}

if (!customElements.get('plainly-attention')) customElements.define('plainly-attention', PlainlyAttention);
