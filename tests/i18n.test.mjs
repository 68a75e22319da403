// Every user-visible string exists in English and Simplified Chinese, and every key the code or
// the page asks for exists.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STRINGS, LANGS, SAME_IN_BOTH, t, normalise } from '../web/core/i18n.js';
import { ROOT } from './helpers.mjs';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('both languages have exactly the same keys, none empty, with the same placeholders', () => {
  assert.deepEqual(LANGS, ['en', 'zh']);
  const en = Object.keys(STRINGS.en).sort();
  const zh = Object.keys(STRINGS.zh).sort();
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], 'keys missing in zh');
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], 'keys missing in en');
  for (const key of en) {
    for (const lang of LANGS) assert.ok(STRINGS[lang][key].trim(), `${lang} ${key} is empty`);
    assert.deepEqual(placeholders(STRINGS.zh[key]), placeholders(STRINGS.en[key]), `placeholders of ${key}`);
  }
});

test('Chinese strings are Chinese: any string with words has Han characters and differs from English', () => {
  for (const [key, text] of Object.entries(STRINGS.zh)) {
    const words = text.replace(/\{\w+\}/g, '');
    if (!/[A-Za-z\p{Script=Han}]/u.test(words)) continue; // only placeholders and punctuation
    if (SAME_IN_BOTH.has(key)) {
      assert.match(text, /^[A-Z][A-Za-z]+$/, `${key} is listed as a proper name`);
      continue;
    }
    assert.match(words, /\p{Script=Han}/u, `zh ${key}`);
    assert.notEqual(text, STRINGS.en[key], `zh ${key} is untranslated`);
  }
});

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'pkg' || name === 'assets') continue;
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(js|html)$/.test(name)) out.push(path);
  }
  return out;
}

test('every key the code and the page use exists', () => {
  const sources = [...files(join(ROOT, 'web')), join(ROOT, 'index.html')];
  const prefixes = [...new Set(Object.keys(STRINGS.en).map((k) => k.split('.')[0]))].join('|');
  const pattern = new RegExp(`['"](?:${prefixes})\\.[\\w.]+['"]`, 'g');
  let used = 0;
  for (const file of sources) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const key = match[0].slice(1, -1);
      used++;
      assert.ok(key in STRINGS.en, `${file} uses unknown key ${key}`);
    }
  }
  assert.ok(used > 20, `found only ${used} key uses`);
});

test('t() fills placeholders and rejects unknown keys; language tags normalise', () => {
  assert.equal(t('en', 'digit.result', { digit: 7 }), 'It is a 7');
  assert.equal(t('zh', 'digit.result', { digit: 7 }), '这是 7');
  assert.throws(() => t('en', 'no.such.key'), /missing i18n key/);
  assert.equal(normalise('zh-CN'), 'zh');
  assert.equal(normalise('ZH_hans'), 'zh');
  assert.equal(normalise('en-GB'), 'en');
  assert.equal(normalise('fr'), null);
  assert.equal(normalise(undefined), null);
});

// In the browser: every widget alone on embed.html?lang=zh (with a malformed and an unknown
// parameter, so the fallback note shows), and the embedding guide, show no English interface
// text. Rendered text is scanned, shadow roots and aria-labels included; code (snippets,
// attribute names and values) and the data itself (words, sentences, model names) are not UI.
const ENGLISH_UI = /\b(Copy|link|settings?|Ignored|defaults?|understood|Load|Loading|Play|Pause|Reset|Step|Clear|weights?|threshold|learning|rate|layers?|heads?|surface|optimizer|Add|words|Analogy|Similarity|Compare|Draw|digits?|Attribute|Values|Default|embed|widget|number|between|from|with|your|this)\b/gi;

const shownText = () => {
  const texts = [];
  const walk = (node) => {
    if (node.nodeType === 3) {
      const parent = node.parentElement?.localName;
      if (!['style', 'script', 'code', 'pre', 'textarea'].includes(parent)) texts.push(node.textContent);
      return;
    }
    if (node.nodeType === 1 && node.hidden) return;
    if (node.nodeType === 1 && node.getAttribute('aria-label')) texts.push(node.getAttribute('aria-label'));
    if (node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(document.body);
  return texts.join(' ');
};

// Malformed values per widget (each must produce the fallback note).
const customWidgetNames = new Set(['neuron', 'perceptron', 'activations', 'gradient-flow', 'digit', 'marbles', 'embeddings', 'digit-space', 'attention', 'playground', 'backprop']);
const MALFORMED = { neuron: 'w1=lots', perceptron: 'set=nand', activations: 'activation=swish', 'gradient-flow': 'depth=999', digit: 'backend=gpu', marbles: 'lr=fast', embeddings: 'analogy=a,b', attention: 'layer=9', backprop: 'activation=relu' };

test('lang=zh: embed.html for every widget and the embedding guide show no English interface strings', async () => {
  const { serve: serveRoot, launch: launchChrome, screenshot } = await import('./helpers.mjs');
  const server = await serveRoot();
  const chrome = await launchChrome();
  try {
    const page = await chrome.newPage({ viewport: { width: 1000, height: 900 } });
    for (const [widget, bad] of Object.entries(MALFORMED)) {
      await page.goto(`${server.url}/embed.html?widget=${widget}&lang=zh&${bad}&colour=red`);
      await page.waitForFunction((w) => {
        const note = document.querySelector(`plainly-${w}`)?.shadowRoot.querySelector('.plainly-settings-note');
        return note && !note.hidden && note.textContent.includes('colour');
      }, widget);
      await page.waitForTimeout(300); // let the first computation render its texts
      const text = await page.evaluate(shownText);
      assert.match(text, /有些设置无法识别/, `${widget}: the fallback note in Chinese`);
      assert.match(text, /复制链接/, `${widget}: the copy button in Chinese`);
      // the rejected values are quoted back as typed; data words are not interface
      const ui = text.replace(/[\w-]+ = "[^"]*"/g, '').replace(/\b(colour|GloVe|MNIST|PCA|MiniLM|BERT)\b/g, '');
      assert.equal(ui.match(ENGLISH_UI), null, `${widget}: English left`);
    }
    await page.goto(`${server.url}/embed.html?widget=nothing&lang=zh`);
    const unknown = await page.evaluate(shownText);
    assert.match(unknown, /没有名为“nothing”的 Plainly 组件/);
    // the list of widget names is code (what to type after widget=)
    assert.equal(unknown.replace(/[a-z]+(-[a-z]+)*/g, (w) => (customWidgetNames.has(w) ? '' : w)).match(ENGLISH_UI), null);
    await page.goto(`${server.url}/guide.html?lang=zh`);
    await page.waitForFunction(() => document.querySelector('#embed-neuron plainly-neuron')?.state);
    const guide = (await page.evaluate(shownText)).replace(/\b(colour|GloVe|MNIST|PCA|MiniLM|BERT|iframe|script|Plainly|WebAssembly|embed\.html|application\/wasm|wasm-unsafe-eval|eval|Content Security Policy)\b/g, '');
    assert.equal(guide.match(ENGLISH_UI), null, "guide: English left");
    await screenshot(page, 'i18n-guide-zh');
    assert.deepEqual(page.errors, []);
  } finally {
    await chrome.close();
    await server.close();
  }
});
