// The base of every Plainly widget: a custom element with its own shadow DOM (so a course
// site's styles neither leak in nor out), its language, and a message area for failures.

import { fixed, langOf, t, percent } from './i18n.js';
import { WasmCrash } from './wasm.js';

const instances = new Set();

// A page that switches language by setting <html lang> re-renders every widget.
if (globalThis.document) {
  new MutationObserver(() => instances.forEach((el) => el.refreshLanguage())).observe(
    document.documentElement,
    { attributes: true, attributeFilter: ['lang'] },
  );
  // Canvases are painted with the theme's colours: repaint when the reader's theme changes.
  globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
    instances.forEach((el) => el.refreshTheme());
  });
}

// The dark theme: the same custom properties, chosen for contrast ≥ WCAG AA on the dark paper.
// It follows the reader's prefers-color-scheme unless the element says theme="light" or "dark".
const DARK = `
    --plainly-ink: #ebebf0;
    --plainly-muted: #a9a9b7;
    --plainly-paper: #17181d;
    --plainly-panel: #24252d;
    --plainly-line: #4b4c58;
    --plainly-accent: #8ab4ff;
    --plainly-accent-soft: #233a63;
    --plainly-accent-strong: #c6dbff;
    --plainly-warn: #ffa366;
    --plainly-grid: #34353f;
    --plainly-axis: #7d7d8a;
    --plainly-danger: #ff9b9b;
    --plainly-danger-soft: #2e1719;
    color-scheme: dark;`;
const DARK_CSS = `
  @media (prefers-color-scheme: dark) { :host(:not([theme=light])) { ${DARK} } }
  :host([theme=dark]) { ${DARK} }`;

/** The colours a canvas needs, by custom property name (without the --plainly- prefix). */
export const THEME_COLOURS = ['ink', 'muted', 'paper', 'panel', 'line', 'accent', 'accent-soft', 'accent-strong', 'warn', 'grid', 'axis', 'danger'];

export const BASE_CSS = `
  :host {
    display: block;
    container-type: inline-size;
    --plainly-ink: #1b1b1f;
    --plainly-muted: #5b5b66;
    --plainly-paper: #ffffff;
    --plainly-panel: #f4f4f7;
    --plainly-line: #c9c9d3;
    --plainly-accent: #1f5fbf;
    --plainly-accent-soft: #d9e6fb;
    --plainly-accent-strong: #0b3d91;
    --plainly-warn: #c2410c;
    --plainly-grid: #e3e3ea;
    --plainly-axis: #8a8a96;
    --plainly-danger: #a4161a;
    --plainly-danger-soft: #fff5f5;
    color-scheme: light;
    color: var(--plainly-ink);
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  }
  ${DARK_CSS}
  [hidden] { display: none !important; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  input, select, textarea { color: var(--plainly-ink); background-color: var(--plainly-paper); }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
  button {
    font: inherit; padding: 0.35em 1em; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--plainly-line); background: var(--plainly-paper); color: var(--plainly-ink);
  }
  button:hover { border-color: var(--plainly-accent); }
  :focus-visible { outline: 3px solid var(--plainly-accent); outline-offset: 2px; }
  .message {
    margin: 0.5em 0; padding: 0.6em 0.8em; border-radius: 6px;
    border: 1px solid var(--plainly-danger); color: var(--plainly-danger); background: var(--plainly-danger-soft);
  }
  h3, h4 { margin: 0 0 0.4em; font-size: 0.95em; font-weight: 600; }
  .muted { color: var(--plainly-muted); font-size: 0.85em; }
`;

/*
 * Shareable settings: what a link (or an embed.html address) must reproduce.
 *
 * A widget declares its settings once, as attribute name → spec:
 *
 *   static settings = {
 *     surface: setting.choice(SURFACES, 'bumpy'),
 *     lr: setting.number({ min: 1e-4, max: 10, default: (s) => SUGGESTED_LR[s.surface] }),
 *     words: setting.list({ default: [], max: 60 }),
 *   };
 *
 * - On set-up it calls `this.readSettings()`: each attribute parsed; a missing one gives the
 *   default (a function of the settings declared before it, or a value); a malformed or unknown
 *   one also gives the default, and the widget shows a note naming it. Never an exception.
 * - When the reader changes a setting it calls `this.updateSettings({ lr: 0.1 })`: `settings`
 *   follows, and a `settings-change` event bubbles out ({widget, settings, url}).
 * - `shareUrl()` is the embed.html address that reproduces the widget (values equal to their
 *   default are left out); the base adds a keyboard-usable "Copy link" button for it
 *   (attribute `hide-share` hides it). embed.html passes exactly these attribute names (and
 *   `lang`, `hide-share`) from its query to the widget.
 * A widget without `static settings` has no link button and behaves as before.
 */

const asText = (s) => String(s);

/** Setting specs: each has `default` and `parse(text)` (→ value, or undefined when malformed)
 *  and `format(value)` (→ the attribute text that parses back to it). */
export const setting = {
  /** A number in [min, max]; `integer` rounds nothing, it refuses fractions. `default` may be null
   *  (no value: the widget decides, e.g. attention's automatically found head). */
  number({ min = -Infinity, max = Infinity, default: fallback, integer = false }) {
    return {
      kind: integer ? 'integer' : 'number', min, max, default: fallback,
      parse(raw) {
        if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) return undefined;
        const n = Number(raw);
        if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
        return n;
      },
      format: (v) => (v === null || v === undefined ? '' : asText(integer ? Math.round(v) : Number(Number(v).toPrecision(4)))),
    };
  },
  /** One of `values`. */
  choice(values, fallback) {
    return {
      kind: 'choice', values, default: fallback,
      parse: (raw) => (values.includes(raw) ? raw : undefined),
      format: asText,
    };
  },
  /** Free text up to `maxLength` characters (shown as text, never as HTML). */
  text({ default: fallback = '', maxLength = 2000 } = {}) {
    return {
      kind: 'text', default: fallback, maxLength,
      parse: (raw) => (raw.length <= maxLength ? raw : undefined),
      format: asText,
    };
  },
  /** A comma-separated list of `min`..`max` items, each matching `item` (a RegExp). */
  list({ default: fallback = [], min = 0, max = 100, item = /^[^,]{1,60}$/ } = {}) {
    return {
      kind: 'list', default: fallback, min, max,
      parse(raw) {
        const items = raw.split(',').map((w) => w.trim()).filter(Boolean);
        return items.length >= min && items.length <= max && items.every((w) => item.test(w)) ? items : undefined;
      },
      format: (v) => (v ?? []).join(','),
    };
  },
};

const sameValue = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// The share row and the fallback note carry their own styles, so a widget's CSS needs nothing.
const SHARE_CSS = `
  .plainly-share { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin-top: 0.8em; font-size: 0.9em; }
  .plainly-share input { flex: 1 1 18em; min-width: 0; font: inherit; padding: 0.25em 0.45em; border: 1px solid var(--plainly-line); border-radius: 6px; }
  .plainly-settings-note { margin: 0.5em 0; padding: 0.45em 0.8em; border-radius: 6px; font-size: 0.9em;
    border: 1px dashed var(--plainly-muted); background: var(--plainly-panel); color: var(--plainly-ink); }
`;

export class PlainlyElement extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  #connected = false;

  connectedCallback() {
    instances.add(this);
    this.#mountShare();
    if (!this.#connected) {
      this.#connected = true;
      this.firstConnected();
    }
    this.refreshLanguage();
  }

  /**
   * Runs once, the first time the element is put in a document, before its first
   * `refreshLanguage`: wire the controls, start loading the model. Widgets override; it may be
   * async (nobody waits for it: a widget announces itself with its own `ready` event).
   */
  firstConnected() {}

  disconnectedCallback() {
    instances.delete(this);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'lang' && oldValue !== newValue) this.refreshLanguage();
  }

  /** The widget's language, 'en' or 'zh'. */
  get lang() {
    return langOf(this);
  }

  /** A translated string. */
  t(key, params) {
    return t(this.lang, key, params);
  }

  /** A number with exactly `digits` decimals, locale-formatted. */
  fixed(value, digits) {
    return fixed(this.lang, value, digits);
  }

  /** A fraction as a locale-formatted percentage. */
  percent(fraction, digits = 1) {
    return percent(this.lang, fraction, digits);
  }

  /** Call `load` once the widget comes within `margin` of the viewport (lazy downloads). */
  whenVisible(load, margin = '300px') {
    new IntersectionObserver((entries, observer) => {
      if (entries.some((e) => e.isIntersecting)) { observer.disconnect(); load(); }
    }, { rootMargin: margin }).observe(this);
  }

  /**
   * The widget's `.loader` (a `.load` button and a `<progress>`) at the start of a download:
   * shows the bar, locks the button. Returns the bar, and `failed()` to unlock the button so the
   * reader can try again.
   */
  startLoading() {
    const progress = this.shadowRoot.querySelector('.loader progress');
    const button = this.shadowRoot.querySelector('.loader .load');
    progress.hidden = false;
    button.disabled = true;
    return { progress, failed: () => { button.disabled = false; progress.hidden = true; } };
  }

  /** Re-render every text in the current language; widgets override. */
  refreshLanguage() {}

  /**
   * The theme's colours as this element resolves them (light, dark, or a course site's own
   * --plainly-* values), for drawing on canvases: {ink, muted, paper, accent, 'accent-soft', …}.
   */
  theme() {
    const style = getComputedStyle(this);
    return Object.fromEntries(THEME_COLOURS.map((name) => [name, style.getPropertyValue(`--plainly-${name}`).trim()]));
  }

  /** True when the theme is dark (prefers-color-scheme or theme="dark"). */
  get dark() {
    return getComputedStyle(this).colorScheme === 'dark';
  }

  /** True when the reader asked for less motion: animations jump to their end state. */
  get reducedMotion() {
    return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  }

  /** Repaint after the theme changed; by default the same as a language change. */
  refreshTheme() {
    this.refreshLanguage();
  }

  /**
   * Show a failure inside the widget (never a blank). `key` picks the sentence; the error's own
   * message is added as detail, as text (never HTML).
   */
  showError(key, error) {
    const box = this.shadowRoot.querySelector('.message');
    if (!box) return;
    const k = error instanceof WasmCrash ? 'error.crashed' : key;
    this.errorShown = { key: k, detail: error?.message ?? String(error) };
    box.textContent = this.t(k, { detail: this.errorShown.detail });
    box.hidden = false;
  }

  /** Re-translate a visible error after a language change. */
  refreshError() {
    const box = this.shadowRoot.querySelector('.message');
    if (box && this.errorShown) box.textContent = this.t(this.errorShown.key, { detail: this.errorShown.detail });
    this.#renderShare(); // every widget's refreshLanguage ends here: the share texts follow too
  }

  // --- shareable settings (see the comment above `setting`) -------------------------------------

  #settings = null;
  #rejected = []; // [{name, value}] attributes that fell back to defaults; value null: ignored parameter
  #shareStatus = null;

  /** Parse the declared settings from the attributes; malformed values give defaults and a note. */
  readSettings() {
    const values = {};
    this.#rejected = [];
    for (const [name, spec] of Object.entries(this.constructor.settings ?? {})) {
      const fallback = typeof spec.default === 'function' ? spec.default(values) : spec.default;
      const raw = this.getAttribute(name);
      if (raw === null || raw.trim() === '') { values[name] = fallback; continue; }
      let parsed;
      try { parsed = spec.parse(raw.trim(), values); } catch { parsed = undefined; }
      if (parsed === undefined) this.#rejected.push({ name, value: raw });
      values[name] = parsed === undefined ? fallback : parsed;
    }
    this.#settings = values;
    this.#renderShare();
    return { ...values };
  }

  /** The widget's current shareable settings (attribute name → value). */
  get settings() {
    if (!this.#settings) this.readSettings();
    return structuredClone(this.#settings);
  }

  /** Attribute names (or embed.html parameters) that were not understood: [{name, value}]. */
  get rejectedSettings() {
    return this.#rejected.map((r) => ({ ...r }));
  }

  /** Record a reader's change; fires `settings-change`. */
  updateSettings(change) {
    if (!this.#settings) this.readSettings();
    const before = JSON.stringify(this.#settings);
    Object.assign(this.#settings, change);
    if (JSON.stringify(this.#settings) === before) return;
    // a setting the reader has now chosen is no longer a fallback
    this.#rejected = this.#rejected.filter((r) => !(r.name in change));
    this.#renderShare();
    this.dispatchEvent(new CustomEvent('settings-change', {
      bubbles: true, composed: true,
      detail: { widget: this.localName, settings: this.settings, url: this.shareUrl() },
    }));
  }

  /** Show a note for parameters a host page (embed.html) could not pass on. */
  noteIgnored(names) {
    for (const name of names) this.#rejected.push({ name, value: null });
    this.#renderShare();
  }

  /** Attribute name → text for every setting that differs from its default. */
  settingsAttributes() {
    const values = this.settings;
    const out = {};
    const before = {};
    for (const [name, spec] of Object.entries(this.constructor.settings ?? {})) {
      const fallback = typeof spec.default === 'function' ? spec.default(before) : spec.default;
      before[name] = values[name];
      if (!sameValue(values[name], fallback) && values[name] !== null && values[name] !== undefined) out[name] = spec.format(values[name]);
    }
    return out;
  }

  /** The embed.html address that shows this widget alone with its current settings. */
  shareUrl() {
    const url = new URL('../../embed.html', import.meta.url);
    url.searchParams.set('widget', this.localName.replace(/^plainly-/, ''));
    url.searchParams.set('lang', this.lang);
    for (const [name, value] of Object.entries(this.settingsAttributes())) url.searchParams.set(name, value);
    return url.href;
  }

  #mountShare() {
    if (this.shadowRoot.querySelector('.plainly-share') || !Object.keys(this.constructor.settings ?? {}).length) return;
    const style = document.createElement('style');
    style.textContent = SHARE_CSS;
    const note = document.createElement('p');
    note.className = 'plainly-settings-note';
    note.setAttribute('role', 'status');
    note.hidden = true;
    const message = this.shadowRoot.querySelector('.message');
    if (message) message.after(note); else this.shadowRoot.prepend(note);
    const row = document.createElement('div');
    row.className = 'plainly-share';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'plainly-share-copy';
    const field = document.createElement('input');
    field.type = 'text';
    field.readOnly = true;
    field.className = 'plainly-share-url';
    field.hidden = true;
    const status = document.createElement('span');
    status.className = 'plainly-share-status muted';
    status.setAttribute('role', 'status');
    row.append(button, field, status);
    this.shadowRoot.append(style, row);
    button.addEventListener('click', () => this.#copyLink());
    this.#renderShare();
  }

  async #copyLink() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const url = this.shareUrl();
    const field = $('.plainly-share-url');
    field.value = url;
    field.hidden = false;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      field.focus();
      field.select(); // no clipboard access (permissions, plain http): the reader copies it
    }
    this.#shareStatus = copied ? 'share.copied' : 'share.select';
    this.#renderShare();
  }

  #renderShare() {
    const $ = (s) => this.shadowRoot.querySelector(s);
    const row = $('.plainly-share');
    if (!row) return;
    row.hidden = this.hasAttribute('hide-share');
    $('.plainly-share-copy').textContent = this.t('share.copy');
    $('.plainly-share-url').setAttribute('aria-label', this.t('share.url'));
    $('.plainly-share-status').textContent = this.#shareStatus ? this.t(this.#shareStatus) : '';
    const note = $('.plainly-settings-note');
    const fallbacks = this.#rejected.filter((r) => r.value !== null).map((r) => `${r.name} = "${r.value.slice(0, 80)}"`).join(', ');
    const ignored = this.#rejected.filter((r) => r.value === null).map((r) => r.name.slice(0, 40)).join(', ');
    note.textContent = [fallbacks && this.t('share.fallback', { list: fallbacks }), ignored && this.t('share.ignored', { list: ignored })].filter(Boolean).join(' ');
    note.hidden = !note.textContent;
  }
}
