// <plainly-marbles>: gradient descent as marbles on a bumpy loss surface.
//
// Attributes (all optional): lang, surface (bowl | rosenbrock | himmelblau | bumpy | saddle |
// network), optimizer (sgd | momentum | nesterov | adagrad | rmsprop | adam), lr, beta1, beta2,
// count (swarm size, 1–200), speed (steps per frame, 1–20), compare (a second optimizer for the
// side-by-side view), compare-lr.
// Events: `marbles-step` after each animation frame that moved marbles (detail: snapshot()).
// Methods: snapshot(), reset(), dropAt(x, y), dropSwarm(n).

import { BASE_CSS, PlainlyElement, setting } from '../core/element.js';
import { callWasm, fetchAsset, plainlyWasm } from '../core/wasm.js';
import { drawContours, lineChart, logNormalise, surfaceCanvas } from '../core/plot.js';

export const SURFACES = ['bowl', 'rosenbrock', 'himmelblau', 'bumpy', 'saddle', 'network'];
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
// A learning rate each surface is pleasant to watch with (plain SGD).
const SUGGESTED_LR = { bowl: 0.1, rosenbrock: 0.001, himmelblau: 0.01, bumpy: 0.01, saddle: 0.05, network: 0.02 };
const LR_MIN = -4; // log10 of the slider's ends: 0.0001 … 10
const LR_MAX = 1;
const SAMPLES = 160; // surface samples per axis for the picture
const TRAIL = 80; // positions kept per marble for its trail
const HISTORY = 5000; // losses kept per marble for the chart
const COLOURS = ['#ffffff', '#ffb000']; // marbles of panel A and B: visible on viridis
const SETTLE_TOLERANCE = 1e-4;
const REDUCED_STEPS = 500; // with prefers-reduced-motion, Play runs up to this many steps out of sight
const SLICE = 25; // steps per slice of such a run, so the page stays responsive

const CSS = `
  .controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0.6em 1.2em; margin-bottom: 0.8em; }
  label { display: flex; flex-direction: column; gap: 0.15em; font-size: 0.9em; }
  label .row { display: flex; gap: 0.5em; align-items: center; }
  label output { font-variant-numeric: tabular-nums; min-width: 4.5em; }
  select, input[type=range] { font: inherit; width: 100%; }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin-bottom: 0.8em; }
  .buttons .play[aria-pressed=true] { border-color: var(--plainly-accent); color: var(--plainly-accent); }
  .compare-settings { display: contents; }
  .panels { display: flex; flex-wrap: wrap; gap: 1em; }
  .panel { flex: 1 1 300px; max-width: 560px; display: flex; flex-direction: column; gap: 0.3em; }
  .panel h3 { margin: 0; }
  .frame { position: relative; aspect-ratio: 1; width: 100%; border-radius: 8px; overflow: hidden; background: #222; }
  .frame canvas { position: absolute; inset: 0; width: 100%; height: 100%; cursor: crosshair; touch-action: none; }
  .tally { min-height: 2.6em; font-size: 0.92em; }
  .status { font-size: 0.92em; }
  .chart { width: 100%; height: 160px; display: block; }
  .legend { font-size: 0.85em; color: var(--plainly-muted); }
  .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; border: 1px solid var(--plainly-ink); vertical-align: -0.05em; margin-right: 0.3em; }
`;

const lrFromSlider = (v) => 10 ** (LR_MIN + ((LR_MAX - LR_MIN) * v) / 1000);
const sliderFromLr = (lr) => Math.round(((Math.log10(lr) - LR_MIN) / (LR_MAX - LR_MIN)) * 1000);

class PlainlyMarbles extends PlainlyElement {
  static observedAttributes = ['lang'];

  static settings = {
    surface: setting.choice(SURFACES, 'bumpy'),
    optimizer: setting.choice(OPTIMIZERS, 'sgd'),
    lr: setting.number({ min: 10 ** LR_MIN, max: 10 ** LR_MAX, default: (s) => SUGGESTED_LR[s.surface] }),
    beta1: setting.number({ min: 0, max: 0.99, default: 0.9 }),
    beta2: setting.number({ min: 0.5, max: 0.999, default: 0.999 }),
    count: setting.number({ min: 1, max: 200, default: 100, integer: true }),
    speed: setting.number({ min: 1, max: 20, default: 2, integer: true }),
    compare: setting.choice(['', ...OPTIMIZERS], ''),
    'compare-lr': setting.number({ min: 10 ** LR_MIN, max: 10 ** LR_MAX, default: (s) => s.lr }),
  };

  #wasm = null;
  #landscape = null; // text of the network's landscape file, fetched when first needed
  #state = null;
  #panels = []; // [{field, canvas, background, swarms: [{index, trails, history}]}]
  #starts = []; // what the reader dropped: [{points: Float32Array}] — replayed when settings change
  #playing = false;
  #frame = null;
  #timer = null;
  #selected = { swarm: 0, marble: 0 };
  #seed = 1;
  #steps = 0;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `<style>${BASE_CSS}${CSS}</style>
      <div class="message" role="alert" hidden></div>
      <div class="controls">
        <label><span class="l-surface"></span><select class="surface"></select></label>
        <label><span class="l-optimizer"></span><select class="optimizer"></select></label>
        <label><span class="l-lr"></span><span class="row"><input type="range" class="lr" min="0" max="1000" step="1"><output class="lr-out"></output></span></label>
        <label><span class="l-beta1"></span><span class="row"><input type="range" class="beta1" min="0" max="0.99" step="0.01"><output class="beta1-out"></output></span></label>
        <label><span class="l-beta2"></span><span class="row"><input type="range" class="beta2" min="0.5" max="0.999" step="0.001"><output class="beta2-out"></output></span></label>
        <label><span class="l-count"></span><span class="row"><input type="range" class="count" min="1" max="200" step="1"><output class="count-out"></output></span></label>
        <label><span class="l-speed"></span><span class="row"><input type="range" class="speed" min="1" max="20" step="1"><output class="speed-out"></output></span></label>
        <label><span class="l-compare"></span><select class="compare"></select></label>
        <label class="compare-lr-label"><span class="l-compare-lr"></span><span class="row"><input type="range" class="compare-lr" min="0" max="1000" step="1"><output class="compare-lr-out"></output></span></label>
      </div>
      <div class="buttons">
        <button type="button" class="play" aria-pressed="false"></button>
        <button type="button" class="step"></button>
        <button type="button" class="swarm"></button>
        <button type="button" class="reset"></button>
        <span class="muted hint"></span>
      </div>
      <div class="panels"></div>
      <p class="status"></p>
      <p class="visually-hidden announce" aria-live="polite"></p>
      <canvas class="chart" role="img"></canvas>
      <p class="legend"></p>`;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#pause();
  }

  /** Positions, losses and statuses of every marble: `{steps, panels: [{optimizer, lr, marbles:
   *  [{x, y, loss, status}]}]}`; status 0 rolling, k > 0 diverged at step k, −k left at step k. */
  snapshot() {
    return {
      steps: this.#steps,
      panels: this.#panels.map((p) => ({
        optimizer: p.optimizer,
        lr: p.lr,
        marbles: p.swarms.flatMap((s) => {
          const xy = callWasm(() => p.field.positions(s.index));
          const loss = callWasm(() => p.field.losses(s.index));
          const status = callWasm(() => p.field.status(s.index));
          return Array.from(loss, (l, k) => ({ x: xy[2 * k], y: xy[2 * k + 1], loss: l, status: status[k] }));
        }),
      })),
    };
  }

  firstConnected() {
    const { 'compare-lr': compareLr, ...rest } = this.readSettings();
    this.#state = { ...rest, compareLr };
    const $ = (s) => this.shadowRoot.querySelector(s);
    $('.lr').addEventListener('input', (e) => this.#set({ lr: lrFromSlider(+e.target.value) }));
    $('.compare-lr').addEventListener('input', (e) => this.#set({ compareLr: lrFromSlider(+e.target.value) }));
    $('.beta1').addEventListener('input', (e) => this.#set({ beta1: +e.target.value }));
    $('.beta2').addEventListener('input', (e) => this.#set({ beta2: +e.target.value }));
    $('.count').addEventListener('input', (e) => this.#set({ count: +e.target.value }, false));
    $('.speed').addEventListener('input', (e) => this.#set({ speed: +e.target.value }, false));
    $('.optimizer').addEventListener('change', (e) => this.#set({ optimizer: e.target.value }));
    $('.compare').addEventListener('change', (e) => this.#set({ compare: e.target.value }, true, true));
    $('.surface').addEventListener('change', (e) => {
      const surface = e.target.value;
      this.#starts = [];
      this.#set({ surface, lr: SUGGESTED_LR[surface], compareLr: SUGGESTED_LR[surface] }, true, true);
    });
    $('.play').addEventListener('click', () => (this.#playing ? this.#pause() : this.#play()));
    $('.step').addEventListener('click', () => { this.#pause(); this.#advance(1); });
    $('.swarm').addEventListener('click', () => this.dropSwarm(this.#state.count));
    $('.reset').addEventListener('click', () => this.reset());
    this.#syncControls();
    new ResizeObserver(() => this.#draw()).observe(this.shadowRoot.querySelector('.panels'));
    this.#build();
  }

  /** Change settings; marbles already dropped start again from where they were dropped. */
  #set(change, rebuild = true, relayout = false) {
    Object.assign(this.#state, change);
    const { compareLr, ...rest } = this.#state;
    this.updateSettings({ ...rest, 'compare-lr': compareLr });
    this.#syncControls();
    if (relayout) return this.#build();
    if (rebuild) this.#restart();
    else this.#renderTexts();
  }

  #syncControls() {
    const s = this.#state;
    const $ = (q) => this.shadowRoot.querySelector(q);
    const fmt = (v) => new Intl.NumberFormat(this.lang === 'zh' ? 'zh-CN' : 'en', { maximumSignificantDigits: 3 }).format(v);
    $('.lr').value = sliderFromLr(s.lr);
    $('.lr-out').textContent = fmt(s.lr);
    $('.compare-lr').value = sliderFromLr(s.compareLr);
    $('.compare-lr-out').textContent = fmt(s.compareLr);
    $('.beta1').value = s.beta1;
    $('.beta1-out').textContent = fmt(s.beta1);
    $('.beta2').value = s.beta2;
    $('.beta2-out').textContent = fmt(s.beta2);
    $('.count').value = s.count;
    $('.count-out').textContent = String(s.count);
    $('.speed').value = s.speed;
    $('.speed-out').textContent = String(s.speed);
    $('.surface').value = s.surface;
    $('.optimizer').value = s.optimizer;
    $('.compare').value = s.compare;
    $('.compare-lr-label').hidden = !s.compare;
  }

  /** (Re)create the panels and their fields for the current surface. */
  async #build() {
    const s = this.#state;
    try {
      this.#wasm ??= await plainlyWasm();
      if (s.surface === 'network' && !this.#landscape) {
        this.#landscape = new TextDecoder().decode(await fetchAsset('landscape-digit-cnn.json'));
      }
    } catch (error) {
      return this.showError(this.#wasm ? 'error.weights' : 'error.wasm', error);
    }
    for (const p of this.#panels) p.field.free();
    const container = this.shadowRoot.querySelector('.panels');
    container.replaceChildren();
    const settings = [{ optimizer: s.optimizer, lr: s.lr }];
    if (s.compare) settings.push({ optimizer: s.compare, lr: s.compareLr });
    try {
      this.#panels = settings.map((setting, k) => {
        const field = callWasm(() => new this.#wasm.MarbleField(s.surface, s.surface === 'network' ? this.#landscape : undefined));
        const panel = document.createElement('div');
        panel.className = 'panel';
        panel.innerHTML = `<h3></h3><div class="frame"><canvas role="img"></canvas></div><div class="tally"></div>`;
        container.append(panel);
        const canvas = panel.querySelector('canvas');
        canvas.addEventListener('pointerdown', (e) => this.#click(e, canvas));
        const domain = field.domain();
        const values = callWasm(() => field.sample(SAMPLES, SAMPLES));
        const t = logNormalise(values);
        return { ...setting, field, canvas, panel, domain, t, background: null, swarms: [], colour: COLOURS[k] };
      });
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.#restart();
    if (!this.ready) {
      this.ready = true;
      this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
    }
  }

  /** Drop every remembered start again with the current settings. */
  #restart() {
    const s = this.#state;
    this.#steps = 0;
    for (const p of this.#panels) {
      if (p !== this.#panels[0]) { p.optimizer = s.compare; p.lr = s.compareLr; } else { p.optimizer = s.optimizer; p.lr = s.lr; }
      callWasm(() => p.field.clear());
      p.swarms = [];
      for (const start of this.#starts) this.#addSwarm(p, start.points);
    }
    this.#hideError();
    this.#draw(true);
  }

  #addSwarm(panel, points) {
    const s = this.#state;
    const beta2 = panel.optimizer === 'rmsprop' ? Math.min(s.beta2, 0.99) : s.beta2;
    try {
      const index = callWasm(() => panel.field.add(points, panel.optimizer, panel.lr, s.beta1, beta2));
      const n = points.length / 2;
      const trails = Array.from({ length: n }, (_, k) => [[points[2 * k], points[2 * k + 1]]]);
      const losses = callWasm(() => panel.field.losses(index));
      panel.swarms.push({ index, trails, history: Array.from(losses, (l) => [l]) });
    } catch (error) {
      this.showError('error.input', error);
    }
  }

  /** Drop one marble at surface coordinates (x, y) in every panel. */
  dropAt(x, y) {
    const points = new Float32Array([x, y]);
    this.#starts.push({ points });
    for (const p of this.#panels) this.#addSwarm(p, points);
    this.#selected = { swarm: this.#panels[0]?.swarms.length - 1 ?? 0, marble: 0 };
    this.#draw();
  }

  /** Drop `n` marbles at random (reproducible) places in every panel. */
  dropSwarm(n = this.#state.count) {
    const first = this.#panels[0];
    if (!first) return;
    let points;
    try {
      points = callWasm(() => first.field.randomStarts(n, this.#seed++));
    } catch (error) {
      return this.showError('error.input', error);
    }
    this.#starts.push({ points });
    for (const p of this.#panels) this.#addSwarm(p, points);
    this.#selected = { swarm: first.swarms.length - 1, marble: 0 };
    this.#draw();
  }

  /** Remove every marble. */
  reset() {
    this.#pause();
    this.#starts = [];
    this.#restart();
  }

  #click(e, canvas) {
    e.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const p = this.#panels[0];
    const [x0, x1, y0, y1] = p.domain;
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    // a click on an existing marble selects it instead of dropping one
    const panel = this.#panels.find((q) => q.canvas === canvas) ?? p;
    const hit = this.#nearestMarble(panel, fx, fy, 8 / rect.width);
    if (hit) {
      this.#selected = hit;
      return this.#draw();
    }
    this.dropAt(x0 + fx * (x1 - x0), y1 - fy * (y1 - y0));
  }

  #nearestMarble(panel, fx, fy, radius) {
    const [x0, x1, y0, y1] = panel.domain;
    let best = null;
    panel.swarms.forEach((s, si) => s.trails.forEach((trail, m) => {
      const [x, y] = trail[trail.length - 1];
      const d = Math.hypot((x - x0) / (x1 - x0) - fx, (y1 - y) / (y1 - y0) - fy);
      if (d < radius && (!best || d < best.d)) best = { swarm: si, marble: m, d };
    }));
    return best && { swarm: best.swarm, marble: best.marble };
  }

  #play() {
    if (this.#playing) return;
    this.#playing = true;
    this.#renderTexts();
    if (this.reducedMotion) return this.#runToEnd();
    const tick = () => {
      if (!this.#playing) return;
      this.#advance(this.#state.speed);
      this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  // prefers-reduced-motion: no rolling picture. The steps run out of sight, a slice at a time,
  // until every marble has settled or REDUCED_STEPS were taken; then the end state is drawn once
  // (with the trails of where the marbles went).
  #runToEnd() {
    const end = this.#steps + REDUCED_STEPS;
    const slice = () => {
      this.#timer = null;
      if (!this.#playing) return;
      if (!this.#advance(Math.min(SLICE, end - this.#steps), false) || this.#steps >= end || this.#allSettled()) {
        this.#pause();
        this.#draw();
        this.dispatchEvent(new CustomEvent('marbles-step', { detail: { steps: this.#steps }, bubbles: true, composed: true }));
        return;
      }
      this.#timer = setTimeout(slice, 0);
    };
    this.#timer = setTimeout(slice, 0);
  }

  #allSettled() {
    return this.#panels.every((p) => p.swarms.every((s) => callWasm(() => p.field.settled(s.index, SETTLE_TOLERANCE))));
  }

  #pause() {
    this.#playing = false;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = null;
    clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#state) this.#renderTexts();
  }

  /** Take `count` optimizer steps in every panel, recording trails and losses; `draw`: show them.
   *  False when there was nothing to move or it failed. */
  #advance(count, draw = true) {
    if (!this.#panels.some((p) => p.swarms.length)) {
      this.#draw();
      return false;
    }
    try {
      for (let k = 0; k < count; k++) {
        for (const p of this.#panels) {
          callWasm(() => p.field.step(1));
          for (const s of p.swarms) {
            const xy = callWasm(() => p.field.positions(s.index));
            const losses = callWasm(() => p.field.losses(s.index));
            s.trails.forEach((trail, m) => {
              const point = [xy[2 * m], xy[2 * m + 1]];
              if (Number.isFinite(point[0]) && Number.isFinite(point[1])) trail.push(point);
              if (trail.length > TRAIL) trail.shift();
            });
            s.history.forEach((h, m) => { if (h.length < HISTORY) h.push(losses[m]); });
          }
        }
        this.#steps++;
      }
    } catch (error) {
      this.#pause();
      this.showError('error.input', error);
      return false;
    }
    if (!draw) return true;
    this.#draw();
    this.dispatchEvent(new CustomEvent('marbles-step', { detail: { steps: this.#steps }, bubbles: true, composed: true }));
    return true;
  }

  #draw(repaintSurface = false) {
    for (const p of this.#panels) {
      const canvas = p.canvas;
      const rect = canvas.getBoundingClientRect();
      if (!rect.width) continue;
      const ratio = globalThis.devicePixelRatio || 1;
      const W = Math.round(rect.width * ratio);
      const H = Math.round(rect.height * ratio);
      if (canvas.width !== W || canvas.height !== H || repaintSurface || !p.background) {
        canvas.width = W;
        canvas.height = H;
        p.background = document.createElement('canvas');
        p.background.width = W;
        p.background.height = H;
        const bg = p.background.getContext('2d');
        bg.imageSmoothingEnabled = true;
        bg.drawImage(surfaceCanvas(p.t, SAMPLES, SAMPLES), 0, 0, W, H);
        drawContours(bg, p.t, SAMPLES, SAMPLES, W, H, { lineWidth: ratio });
        const [x0, x1, y0, y1] = p.domain;
        const minima = callWasm(() => p.field.minima());
        for (const m of minima) {
          const px = ((m.x - x0) / (x1 - x0)) * W;
          const py = ((y1 - m.y) / (y1 - y0)) * H;
          bg.strokeStyle = m.global ? '#ff4d6d' : 'rgba(255,255,255,0.7)';
          bg.lineWidth = 1.5 * ratio;
          const r = (m.global ? 6 : 3) * ratio;
          bg.beginPath(); bg.moveTo(px - r, py); bg.lineTo(px + r, py); bg.moveTo(px, py - r); bg.lineTo(px, py + r); bg.stroke();
        }
      }
      const context = canvas.getContext('2d');
      context.drawImage(p.background, 0, 0);
      const [x0, x1, y0, y1] = p.domain;
      const toPx = ([x, y]) => [((x - x0) / (x1 - x0)) * W, ((y1 - y) / (y1 - y0)) * H];
      p.swarms.forEach((s, si) => {
        const status = callWasm(() => p.field.status(s.index));
        const losses = callWasm(() => p.field.losses(s.index));
        s.trails.forEach((trail, m) => {
          context.strokeStyle = p.colour;
          context.globalAlpha = 0.55;
          context.lineWidth = 1.2 * ratio;
          context.beginPath();
          trail.forEach((point, k) => { const [px, py] = toPx(point); if (k) context.lineTo(px, py); else context.moveTo(px, py); });
          context.stroke();
          context.globalAlpha = 1;
          const [px, py] = toPx(trail[trail.length - 1]);
          const selected = this.#selected.swarm === si && this.#selected.marble === m;
          if (status[m] !== 0) {
            context.strokeStyle = '#ff3b3b';
            context.lineWidth = 2.5 * ratio;
            const r = 6 * ratio;
            const cx = Math.max(r, Math.min(W - r, px));
            const cy = Math.max(r, Math.min(H - r, py));
            context.beginPath(); context.moveTo(cx - r, cy - r); context.lineTo(cx + r, cy + r); context.moveTo(cx + r, cy - r); context.lineTo(cx - r, cy + r); context.stroke();
          } else {
            context.fillStyle = p.colour;
            context.strokeStyle = '#111';
            context.lineWidth = (selected ? 2.5 : 1) * ratio;
            context.beginPath();
            context.arc(px, py, (selected ? 6 : 4) * ratio, 0, 2 * Math.PI);
            context.fill();
            context.stroke();
          }
          if (p.swarms.reduce((n, q) => n + q.trails.length, 0) <= 3) {
            // with few marbles, each one's loss sits beside it
            context.font = `${12 * ratio}px system-ui, sans-serif`;
            context.fillStyle = '#fff';
            context.strokeStyle = 'rgba(0,0,0,0.7)';
            context.lineWidth = 3 * ratio;
            const text = status[m] !== 0 ? this.#statusText(status[m]) : this.t('marbles.loss', { loss: fmtLoss(losses[m]) });
            const tx = Math.max(4 * ratio, Math.min(px + 9 * ratio, W - context.measureText(text).width - 4 * ratio));
            const ty = Math.max(14 * ratio, Math.min(H - 6 * ratio, py - 8 * ratio));
            context.strokeText(text, tx, ty);
            context.fillText(text, tx, ty);
          }
        });
      });
    }
    this.#renderTexts();
  }

  #statusText(code) {
    if (code > 0) return this.t('marbles.diverged', { step: code });
    if (code === -2147483648) return this.t('marbles.off');
    return this.t('marbles.left', { step: -code });
  }

  #renderTexts() {
    const $ = (q) => this.shadowRoot.querySelector(q);
    if (!this.#state) return;
    $('.play').textContent = this.t(this.#playing ? 'marbles.pause' : 'marbles.play');
    $('.play').setAttribute('aria-pressed', String(this.#playing));
    const name = (o) => this.t(`marbles.optimizer.${o}`);
    const fmt = (v) => new Intl.NumberFormat(this.lang === 'zh' ? 'zh-CN' : 'en', { maximumSignificantDigits: 3 }).format(v);
    for (const p of this.#panels) {
      p.panel.querySelector('h3').textContent = this.t('marbles.panel', { optimizer: name(p.optimizer), lr: fmt(p.lr) });
      p.canvas.setAttribute('aria-label', this.t('marbles.canvas', { surface: this.t(`marbles.surface.${this.#state.surface}`) }));
      p.panel.querySelector('.tally').textContent = this.#tallyText(p);
    }
    const first = this.#panels[0];
    const sel = first?.swarms[this.#selected.swarm];
    const chart = $('.chart');
    const theme = this.theme();
    chart.setAttribute('aria-label', this.t('marbles.chart.label'));
    if (!sel) {
      $('.status').textContent = this.t('marbles.empty');
      lineChart(chart, []);
      $('.legend').textContent = '';
      this.#announce();
      return;
    }
    const m = this.#selected.marble;
    const series = this.#panels.map((p) => ({ values: p.swarms[this.#selected.swarm]?.history[m] ?? [], colour: p === first ? theme.accent : theme.warn }));
    const status = callWasm(() => first.field.status(sel.index))[m];
    const loss = callWasm(() => first.field.losses(sel.index))[m];
    $('.status').textContent = status !== 0
      ? this.t('marbles.selected.stopped', { step: this.#steps, status: this.#statusText(status) })
      : this.t('marbles.selected', { step: this.#steps, loss: fmtLoss(loss) });
    lineChart(chart, series, { log: true, xLabel: this.t('marbles.chart.x'), yLabel: this.t('marbles.chart.y'), ink: theme.ink, muted: theme.muted, grid: theme.grid });
    $('.legend').textContent = this.#panels.length > 1
      ? this.t('marbles.legend2', { a: name(this.#panels[0].optimizer), b: name(this.#panels[1].optimizer) })
      : this.t('marbles.legend1');
    this.#announce();
  }

  // Screen readers hear the selected marble and the tally when the marbles stand still (after a
  // step, a drop, a pause), not at every animation frame.
  #announce() {
    if (this.#playing) return;
    const text = [this.shadowRoot.querySelector('.status').textContent, this.#panels[0]?.panel.querySelector('.tally').textContent]
      .filter(Boolean).join(' ');
    const live = this.shadowRoot.querySelector('.announce');
    if (live.textContent !== text) live.textContent = text;
  }

  #tallyText(p) {
    if (!p.swarms.length) return '';
    const total = { global: 0, local: 0, elsewhere: 0, diverged: 0 };
    let settled = true;
    const [x0, x1] = p.domain;
    const radius = this.#state.surface === 'network' ? 0.05 * (x1 - x0) : 0.25;
    for (const s of p.swarms) {
      const t = callWasm(() => p.field.tally(s.index, radius));
      for (const k of Object.keys(total)) total[k] += t[k];
      settled &&= this.#steps > 0 && callWasm(() => p.field.settled(s.index, SETTLE_TOLERANCE));
    }
    const n = total.global + total.local + total.elsewhere + total.diverged;
    const parts = { ...total, n, step: this.#steps };
    return this.t(settled ? 'marbles.tally.settled' : 'marbles.tally.rolling', parts);
  }

  #hideError() {
    const box = this.shadowRoot.querySelector('.message');
    box.hidden = true;
    this.errorShown = null;
  }

  refreshLanguage() {
    const $ = (q) => this.shadowRoot.querySelector(q);
    const set = (q, key) => { $(q).textContent = this.t(key); };
    set('.l-surface', 'marbles.surface');
    set('.l-optimizer', 'marbles.optimizer');
    set('.l-lr', 'marbles.lr');
    set('.l-beta1', 'marbles.beta1');
    set('.l-beta2', 'marbles.beta2');
    set('.l-count', 'marbles.count');
    set('.l-speed', 'marbles.speed');
    set('.l-compare', 'marbles.compare');
    set('.l-compare-lr', 'marbles.compare.lr');
    set('.step', 'marbles.step');
    set('.swarm', 'marbles.swarm');
    set('.reset', 'marbles.reset');
    set('.hint', 'marbles.hint');
    const fill = (select, values, prefix, extra) => {
      const current = select.value;
      select.replaceChildren(...(extra ? [new Option(this.t(extra), '')] : []), ...values.map((v) => new Option(this.t(`${prefix}.${v}`), v)));
      select.value = current;
    };
    fill($('.surface'), SURFACES, 'marbles.surface');
    fill($('.optimizer'), OPTIMIZERS, 'marbles.optimizer');
    fill($('.compare'), OPTIMIZERS, 'marbles.optimizer', 'marbles.compare.none');
    if (this.#state) {
      this.#syncControls();
      this.#draw();
    }
    this.refreshError();
  }
}

function fmtLoss(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : v.toPrecision(3);
}

if (!customElements.get('plainly-marbles')) customElements.define('plainly-marbles', PlainlyMarbles);
