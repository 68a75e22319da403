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
