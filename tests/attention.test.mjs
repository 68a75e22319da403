// <plainly-attention> in real headless Chromium: the pretrained transformer loads, reads what is
// typed, highlights a hovered row, cuts long text with a note, shows markup as text, and keeps
// its weights in Cache Storage.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot, useBrowser, openWidget, ROOT } from './helpers.mjs';

const reference = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/minilm-reference.json'), 'utf8'));
const A = 'plainly-attention';
const shared = useBrowser({ before, after });
const open = (attrs = '', lang = 'en', page = null) => openWidget(shared, `<plainly-attention ${attrs}></plainly-attention>`, { lang, page, viewport: { width: 1200, height: 1100 } });

const reading = (page) => page.evaluate((a) => document.querySelector(a).reading, A);
const text = (page, s) => page.evaluate(([a, s]) => document.querySelector(a).shadowRoot.querySelector(s).textContent, [A, s]);

async function type(page, sentence) {
  const box = page.locator(`${A} textarea`);
  await box.fill('');
  const changed = page.evaluate((a) => new Promise((resolve) => document.querySelector(a).addEventListener('attention', resolve, { once: true })), A);
  await box.fill(sentence);
  await changed;
}

test('the default sentence: reference tokens, rows sum to 1, the code finds the it → animal heads', async () => {
  const page = await open();
  const r = await reading(page);
  assert.deepEqual(r.tokens, reference.cases[0].tokens);
  const n = r.tokens.length;
  for (let q = 0; q < n; q++) {
    const sum = r.rows.slice(q * n, q * n + n).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `row ${q} sums to ${sum}`);
  }
  const ranked = await page.evaluate((a) => document.querySelector(a).rankedHeads, A);
  assert.equal(ranked.length, 72);
  assert.equal(r.layer, ranked[0].layer, 'the best head is shown first');
  assert.equal(r.head, ranked[0].head);
  // The shown map matches the numpy reference (float16 weights: 2e-3).
  const want = reference.cases[0].attentions[r.layer - 1][r.head - 1].flat();
  const worst = Math.max(...r.rows.map((v, i) => Math.abs(v - want[i])));
  assert.ok(worst < 2e-3, `heatmap off the reference by ${worst}`);
  const it = r.tokens.indexOf('it');
  const animal = r.tokens.indexOf('animal');
  assert.ok(Math.abs(r.rows[it * n + animal] - ranked[0].weight) < 1e-6);
  assert.match(await text(page, '.found'), /layer \d, head \d+: \d+%/);
  await page.waitForFunction((a) => document.querySelector(a).similarity !== undefined, A);
  const similarity = await page.evaluate((a) => document.querySelector(a).similarity, A);
  assert.ok(Math.abs(similarity - 0.755) < 0.01, `similarity ${similarity}`);
  assert.match(await text(page, 'output'), /0\.75\d/);
  await screenshot(page, 'attention-default');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('typing a sentence redraws the heatmap with its tokens; hovering "it" highlights its row', async () => {
  const page = await open();
  await type(page, 'The trophy would not fit in the suitcase because it was too big.');
  const r = await reading(page);
  assert.deepEqual(r.tokens, ['[CLS]', 'the', 'trophy', 'would', 'not', 'fit', 'in', 'the', 'suitcase', 'because', 'it', 'was', 'too', 'big', '.', '[SEP]']);
  assert.equal(await text(page, '.found'), '', 'no animal in this sentence');
  // Hover the row of "it" on the heatmap with the real pointer.
  const canvas = page.locator(`${A} canvas.heatmap`);
  const box = await canvas.boundingBox();
  const { x0, y0, cell } = await page.evaluate((a) => document.querySelector(a).geometry, A);
  const it = r.tokens.indexOf('it');
  await page.mouse.move(box.x + x0 + cell * 3, box.y + y0 + cell * (it + 0.5));
  assert.equal(await page.evaluate((a) => document.querySelector(a).hovered, A), it);
  const label = await page.evaluate((a) => document.querySelector(a).shadowRoot.querySelector('canvas.lines-canvas').getAttribute('aria-label'), A);
  assert.match(label, /^it attends most to: /);
  // Pick another head from the grid of 72 by clicking it.
  await page.locator(`${A} .grid button[data-layer="5"][data-head="11"]`).click();
  const picked = await reading(page);
  assert.equal(picked.layer, 6);
  assert.equal(picked.head, 12);
  await screenshot(page, 'attention-hover-it');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 600-token text shows the truncation note; markup is shown as text', async () => {
  const page = await open();
  await type(page, 'word '.repeat(600));
  const r = await reading(page);
  assert.equal(r.tokens.length, 64);
  assert.equal(r.fullLength, 602);
  assert.match(await text(page, '.note'), /602 tokens; the picture shows the first 64/);
  const before = await page.evaluate(() => document.querySelectorAll('script').length);
  await type(page, '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">');
  const tokens = (await reading(page)).tokens;
  assert.ok(tokens.includes('script') && tokens.includes('<'), tokens.join(' '));
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), before);
  assert.equal(await page.evaluate((a) => document.querySelector(a).shadowRoot.querySelectorAll('script, img').length, A), 0);
  await type(page, '🙂 Ünïcödé 北京');
  assert.deepEqual((await reading(page)).tokens, ['[CLS]', '[UNK]', 'unicode', '北', '京', '[SEP]']);
  await page.locator(`${A} textarea`).fill('   ');
  await page.waitForFunction((a) => document.querySelector(a).shadowRoot.querySelector('.note').textContent.length > 0, A);
  assert.match(await text(page, '.note'), /Type a sentence/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the weights are kept in Cache Storage: a second visit reads no weights from the network', async () => {
  const context = await shared.chrome.browser.newContext();
  const first = await context.newPage();
  first.errors = [];
  await open('', 'en', first);
  const cached = await first.evaluate(async () => (await (await caches.open('plainly-assets-v1')).keys()).map((r) => new URL(r.url).pathname));
  assert.ok(cached.includes('/web/assets/minilm-l6.bpk'), cached.join(', '));
  await first.close();
  const second = await context.newPage();
  second.errors = [];
  const fetched = [];
  second.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open('', 'en', second);
  assert.ok(!fetched.includes('/web/assets/minilm-l6.bpk'), 'weights came from Cache Storage');
  assert.deepEqual((await reading(second)).tokens, reference.cases[0].tokens);
  await context.close();
});

test('missing weights: a message in the widget, the rest of the page keeps working', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 900 } });
  await page.route('**/minilm-l6.bpk*', (route) => route.fulfill({ status: 404, body: 'nope' }));
  await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
  await page.evaluate(() => { document.body.innerHTML = '<plainly-attention></plainly-attention><plainly-digit></plainly-digit>'; });
  const digitReady = page.evaluate(() => new Promise((resolve) => document.querySelector('plainly-digit').addEventListener('ready', resolve, { once: true })));
  await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
  await digitReady;
  await page.waitForFunction((a) => !document.querySelector(a).shadowRoot.querySelector('.message').hidden, A);
  assert.match(await text(page, '.message'), /weights could not be loaded.*minilm-l6\.bpk: HTTP 404/);
  assert.equal(await page.evaluate(() => document.querySelector('plainly-digit').shadowRoot.querySelector('.message').hidden), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in Chinese the widget has no English interface strings', async () => {
  const page = await open('', 'zh');
  const shown = await page.evaluate((a) => {
    const root = document.querySelector(a).shadowRoot;
    const texts = [];
    const walk = (node) => {
      if (node.nodeType === 3 && node.parentElement?.closest('textarea, style, output') == null) texts.push(node.textContent);
      node.childNodes.forEach(walk);
    };
    walk(root);
    root.querySelectorAll('[aria-label]').forEach((el) => texts.push(el.getAttribute('aria-label')));
    return texts.join(' ');
  }, A);
  // Allowed Latin: tokens, the model's name, digits, [CLS]/[SEP], "it"/"animal"/"tired"/"wide".
  const leftovers = shown.replace(/\[(CLS|SEP|UNK)\]|all-MiniLM-L6-v2|BERT|##|\b(it|animal|tired|wide|too|L\d)\b/g, '')
    .match(/\b(Layer|Head|Load|Average|Compare|Sentence|Rows|Show|heads?|Type|attends|Where)\b/g);
  assert.equal(leftovers, null, `English left in: ${leftovers}`);
  await screenshot(page, 'attention-zh');
  await page.context().close();
});
