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
}

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
    --plainly-danger: #a4161a;
    color: var(--plainly-ink);
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  }
  [hidden] { display: none !important; }
  button {
    font: inherit; padding: 0.35em 1em; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--plainly-line); background: var(--plainly-paper); color: var(--plainly-ink);
  }
  button:hover { border-color: var(--plainly-accent); }
  :focus-visible { outline: 3px solid var(--plainly-accent); outline-offset: 2px; }
  .message {
    margin: 0.5em 0; padding: 0.6em 0.8em; border-radius: 6px;
    border: 1px solid var(--plainly-danger); color: var(--plainly-danger); background: #fff5f5;
  }
  h3, h4 { margin: 0 0 0.4em; font-size: 0.95em; font-weight: 600; }
  .muted { color: var(--plainly-muted); font-size: 0.85em; }
`;

export class PlainlyElement extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    instances.add(this);
  }

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
  }
}
