// guide.html: every widget with its attributes, a copy-paste snippet (script tag + element, and
// the iframe address) and the widget itself, live. The attribute tables are built from each
// widget's declared settings (static settings, see core/element.js), so they cannot drift.

import { WIDGETS } from './plainly.js';
import { t } from './core/i18n.js';
import { languageToggle } from './core/page-lang.js';

// Each widget's heading (the reading page's section title) and an example set-up.
const WIDGET_INFO = {
  neuron: { title: 'neuron.section.title', example: { w1: '0.6', w2: '0.6', threshold: '1' } },
  perceptron: { title: 'perceptron.section.title', example: { set: 'xor' } },
  activations: { title: 'activations.section.title', example: { activation: 'relu' } },
  playground: { title: 'playground.section.title', example: { dataset: 'spiral', layers: '8,8,8', optimizer: 'adam', lr: '0.03' } },
  backprop: { title: 'backprop.section.title', example: { activation: 'tanh', loss: 'cross-entropy', x1: '2', x2: '-1', y: '0' } },
  'gradient-flow': { title: 'flow.section.title', example: { depth: '30', init: 'xavier' } },
  digit: { title: 'digit.section.title', example: {} },
  marbles: { title: 'marbles.section.title', example: { surface: 'bumpy', optimizer: 'sgd', lr: '0.01', compare: 'momentum' } },
  embeddings: { title: 'embeddings.section.title', example: { preset: 'royalty' } },
  'digit-space': { title: 'embeddings.digits.title', example: {}, note: 'embedguide.digit-space' },
  attention: { title: 'attention.section.title', example: { sentence: 'The cat sat on the mat because it was warm.', 'max-tokens': '32' } },
};

/** The Content Security Policy these pages are tested under (scripts/dist.mjs writes it too). */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

const SCRIPT = new URL('plainly.js', import.meta.url.includes('/web/js/') ? new URL('../', import.meta.url) : import.meta.url).href;
const EMBED = new URL(`embed.html`, location.href); // (backticks: not an i18n key)

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** The allowed values of one setting, in words. */
function describe(lang, spec) {
  switch (spec.kind) {
    case 'choice': return el('code', { text: spec.values.map((v) => (v === '' ? '""' : v)).join(', ') });
    case 'number': return t(lang, 'embedguide.number', { min: spec.min, max: spec.max });
    case 'integer': return t(lang, 'embedguide.integer', { min: spec.min, max: spec.max });
    case 'list': return t(lang, 'embedguide.list', { min: spec.min, max: spec.max });
    default: return t(lang, 'embedguide.text', { max: spec.maxLength });
  }
}

function defaultText(lang, spec) {
  if (typeof spec.default === 'function') return t(lang, 'embedguide.depends');
  if (spec.default === null) return t(lang, 'embedguide.auto');
  const text = spec.format(spec.default);
  if (text === '') return t(lang, 'embedguide.none');
  return spec.kind === 'choice' || spec.kind === 'list' || spec.kind === 'text' ? el('code', { text }) : text;
}

function snippetBox(lang, text) {
  const pre = el('pre', {}, el('code', { text }));
  const button = el('button', { type: 'button', class: 'copy', text: t(lang, 'share.copy') });
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = t(lang, 'embedguide.copied');
    } catch {
      getSelection().selectAllChildren(pre); // no clipboard access: select it for Ctrl+C
    }
  });
  return el('div', { class: 'snippet' }, pre, button);
}

function widgetSection(lang, name) {
  const Widget = customElements.get(`plainly-${name}`);
  const info = WIDGET_INFO[name] ?? { title: null, example: {} };
  const tag = `plainly-${name}`;
  const section = el('section', { id: `embed-${name}`, 'aria-labelledby': `embed-${name}-title` });
  const heading = el('h2', { id: `embed-${name}-title` }, el('code', { text: `<${tag}>` }));
  if (info.title) heading.append(` ${t(lang, info.title)}`);
  section.append(heading);
  if (info.note) section.append(el('p', { class: 'muted', text: t(lang, info.note) }));

  const rows = [['lang', el('code', { text: 'en, zh' }), t(lang, 'embedguide.lang.default')], ['hide-share', t(lang, 'embedguide.present'), t(lang, 'embedguide.absent')]];
  for (const [key, spec] of Object.entries(Widget.settings ?? {})) rows.push([key, describe(lang, spec), defaultText(lang, spec)]);
  section.append(el('table', {},
    el('thead', {}, el('tr', {}, ...['embedguide.th.attribute', 'embedguide.th.values', 'embedguide.th.default'].map((k) => el('th', { scope: 'col', text: t(lang, k) })))),
    el('tbody', {}, ...rows.map(([a, values, fallback]) => el('tr', {}, el('td', {}, el('code', { text: a })), el('td', {}, values), el('td', {}, fallback))))));

  const example = { lang, ...info.example };
  const attributes = Object.entries(example).map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  section.append(el('p', { text: t(lang, 'embedguide.snippet') }));
  section.append(snippetBox(lang, `<script type="module" src="${SCRIPT}"></script>\n<${tag}${attributes}></${tag}>`));
  const iframe = new URL(EMBED);
  iframe.search = '';
  iframe.searchParams.set('widget', name);
  for (const [k, v] of Object.entries(example)) iframe.searchParams.set(k, v);
  section.append(el('p', { text: t(lang, 'embedguide.iframe') }));
  section.append(snippetBox(lang, `<iframe src="${attr(iframe.href)}" width="100%" height="720" style="border:0" title="Plainly: ${name}"></iframe>`));

  const live = el('div', { class: 'live' }, el('p', { class: 'muted', text: t(lang, 'embedguide.live') }));
  const widget = document.createElement(tag);
  for (const [k, v] of Object.entries(example)) widget.setAttribute(k, v);
  live.append(widget);
  section.append(live);
  return section;
}

function render(lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'embedguide.page.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
  document.getElementById('csp').textContent = CSP;
  const index = document.querySelector('a[href="index.html"]');
  if (index) index.href = `index.html?lang=${lang}`;
  document.getElementById('widgets').replaceChildren(...WIDGETS.map((name) => widgetSection(lang, name)));
}

languageToggle(render);
