// Embedding (issue 7): widgets on a page of another origin, embed.html in an iframe, two
// instances side by side, a strict Content Security Policy (also on the `make dist` output), and
// every widget's settings round-tripping through its link.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serve, launch, screenshot, openWidget } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

const shared = {};
let host; // a second origin: the "course site"
let site; // its folder
before(async () => {
  shared.server = await serve(ROOT, { 'Access-Control-Allow-Origin': '*' });
  site = mkdtempSync(join(tmpdir(), 'plainly-site-'));
  host = await serve(site);
  shared.chrome = await launch();
});
after(async () => {
  await shared.chrome?.close();
  await shared.server?.close();
  await host?.close();
  rmSync(site, { recursive: true, force: true });
});

test('a page on another origin with one script tag runs three different widgets', async () => {
  writeFileSync(join(site, 'course.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course</title>
    <script type="module" src="${shared.server.url}/web/plainly.js"></script></head><body>
    <h1>Week 3</h1>
    <plainly-neuron w1="0.5" w2="0.5" threshold="0.3"></plainly-neuron>
    <plainly-perceptron set="or"></plainly-perceptron>
    <plainly-marbles surface="himmelblau" optimizer="adam" lr="0.05"></plainly-marbles>
    </body></html>`);
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 1000 } });
  const cors = [];
  page.on('response', (r) => { if (r.url().startsWith(shared.server.url)) cors.push([r.url(), r.headers()['access-control-allow-origin'], r.headers()['content-type']]); });
  await page.goto(`${host.url}/course.html`);
  assert.notEqual(new URL(page.url()).origin, new URL(shared.server.url).origin);
  await page.waitForFunction(() => document.querySelector('plainly-neuron').state?.fires === true
    && document.querySelector('plainly-perceptron').state?.set === 'or'
    && document.querySelector('plainly-marbles').shadowRoot.querySelector('.panel h3')?.textContent.includes('Adam'));
  const neuron = await page.evaluate(() => document.querySelector('plainly-neuron').state);
  assert.ok(Math.abs(neuron.sum - 0.5) < 1e-6, `0.5 × 1 + 0.5 × 0 = ${neuron.sum}`);
  await page.evaluate(() => document.querySelector('plainly-marbles').dropAt(1, 1));
  const snap = await page.evaluate(() => document.querySelector('plainly-marbles').snapshot());
  assert.equal(snap.panels[0].optimizer, 'adam');
  // every file came from the widget's origin with CORS; the wasm with its proper type
  const wasm = cors.find(([url]) => url.endsWith('.wasm'));
  assert.ok(wasm, 'the wasm was fetched from the widget origin');
  assert.equal(wasm[2], 'application/wasm');
  for (const [url, allow] of cors) assert.equal(allow, '*', `CORS header on ${url}`);
  assert.deepEqual(page.errors, []);
  await screenshot(page, 'embed-cross-origin', { fullPage: true });
  await page.context().close();
});

test('embed.html in an iframe: settings from the address, a note for malformed values, a message for an unknown widget', async () => {
  const A = shared.server.url;
  writeFileSync(join(site, 'frames.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frames</title></head><body>
    <iframe id="m" src="${A}/embed.html?widget=marbles&lang=zh&surface=himmelblau&optimizer=adam&lr=0.05" width="900" height="900"></iframe>
    <iframe id="n" src="${A}/embed.html?widget=neuron&w1=abc&threshold=0.5&colour=red" width="900" height="700"></iframe>
    <iframe id="u" src="${A}/embed.html?widget=unicorn" width="600" height="120"></iframe>
    <iframe id="uz" src="${A}/embed.html?widget=%3Cb%3Ex%3C/b%3E&lang=zh" width="600" height="120"></iframe>
    </body></html>`);
  const page = await shared.chrome.newPage({ viewport: { width: 1000, height: 1000 } });
  await page.goto(`${host.url}/frames.html`);
  const frame = (id) => page.frameLocator(`#${id}`);
  const marbles = page.frames().find((f) => f.url().includes('widget=marbles'));
  await marbles.waitForFunction(() => document.querySelector('plainly-marbles')?.shadowRoot.querySelector('.panel h3')?.textContent.includes('Adam'));
  const m = await marbles.evaluate(() => {
    const el = document.querySelector('plainly-marbles');
    return { settings: el.settings, lang: document.documentElement.lang, width: el.getBoundingClientRect().width, body: document.body.children.length, label: el.shadowRoot.querySelector('.l-surface').textContent };
  });
  assert.equal(m.settings.surface, 'himmelblau');
  assert.equal(m.settings.optimizer, 'adam');
  assert.equal(m.settings.lr, 0.05);
  assert.equal(m.lang, 'zh-CN');
  assert.equal(m.label, '地面');
  assert.equal(m.body, 1, 'nothing but the widget on the page');
  assert.ok(m.width > 850, `the widget fills the iframe (${m.width}px)`);

  const neuron = page.frames().find((f) => f.url().includes('widget=neuron'));
  await neuron.waitForFunction(() => document.querySelector('plainly-neuron')?.state);
  const n = await neuron.evaluate(() => {
    const el = document.querySelector('plainly-neuron');
    const note = el.shadowRoot.querySelector('.plainly-settings-note');
    return { state: el.state, note: note.hidden ? null : note.textContent, rejected: el.rejectedSettings };
  });
  assert.equal(n.state.w1, 1, 'w1=abc falls back to its default');
  assert.equal(n.state.threshold, 0.5);
  assert.match(n.note, /w1 = "abc"/);
  assert.match(n.note, /Ignored.*colour/);
  await frame('n').locator('plainly-neuron .plainly-settings-note').waitFor({ state: 'visible' });

  const unknown = page.frames().find((f) => f.url().includes('widget=unicorn'));
  assert.match(await unknown.locator('.embed-message').textContent(), /no Plainly widget called “unicorn”.*neuron/);
  const unknownZh = page.frames().find((f) => f.url().includes('lang=zh') && f.url().includes('%3Cb'));
  const zh = await unknownZh.evaluate(() => ({ text: document.querySelector('.embed-message').textContent, bold: document.querySelectorAll('b').length }));
  assert.match(zh.text, /没有名为“<b>x<\/b>”的 Plainly 组件/);
  assert.equal(zh.bold, 0, 'the name is shown as text, never as markup');
  assert.deepEqual(page.errors, []);
  await screenshot(page, 'embed-iframes', { fullPage: true });
  // the embed page alone, in both languages
  const alone = await shared.chrome.newPage({ viewport: { width: 760, height: 900 } });
  for (const lang of ['en', 'zh']) {
    await alone.goto(`${A}/embed.html?widget=neuron&lang=${lang}&w1=0.7&threshold=oops`);
    await alone.waitForFunction(() => document.querySelector('plainly-neuron')?.state);
    await screenshot(alone, `embed-neuron-${lang}`, { fullPage: true });
  }
  await alone.context().close();
  await page.context().close();
});

test('two instances of the same widget on one page do not interfere', async () => {
  const page = await openWidget(shared, `<plainly-neuron id="a" w1="0.5"></plainly-neuron><plainly-neuron id="b" w1="-1" threshold="0"></plainly-neuron>
    <plainly-marbles id="ma" surface="bowl" lr="0.1"></plainly-marbles><plainly-marbles id="mb" surface="himmelblau" optimizer="momentum"></plainly-marbles>`);
  await page.waitForFunction(() => document.querySelector('#b').state && document.querySelector('#mb').shadowRoot.querySelector('.panel'));
  const states = () => page.evaluate(() => ['#a', '#b'].map((s) => document.querySelector(s).state));
  let [a, b] = await states();
  assert.equal(a.w1, 0.5);
  assert.equal(b.w1, -1);
  await page.locator('#a #w1').fill('2');
  [a, b] = await states();
  assert.equal(a.w1, 2);
  assert.equal(b.w1, -1, 'the second neuron kept its weight');
  assert.equal(b.threshold, 0);
  assert.match(await page.evaluate(() => document.querySelector('#a').shareUrl()), /w1=2/);
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('#b').shareUrl()), /w1=2/);
  // marbles: a drop in one field leaves the other empty; each keeps its surface and optimizer
  await page.evaluate(() => { document.querySelector('#ma').dropAt(1.5, 1.5); });
  await page.locator('#ma .step').click();
  const snaps = await page.evaluate(() => ['#ma', '#mb'].map((s) => document.querySelector(s).snapshot()));
  assert.equal(snaps[0].panels[0].marbles.length, 1);
  assert.ok(snaps[0].panels[0].marbles[0].x < 1.5, 'the bowl marble rolled towards 0');
  assert.equal(snaps[1].panels[0].marbles.length, 0);
  assert.equal(snaps[1].panels[0].optimizer, 'momentum');
  assert.equal(snaps[0].panels[0].optimizer, 'sgd');
  assert.deepEqual(page.errors, []);
  await screenshot(page, 'embed-two-instances', { fullPage: true });
  await page.context().close();
});

/** Open `url` and collect CSP violations and errors. */
async function underCsp(url) {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 1000 } });
  page.violations = [];
  await page.exposeFunction('reportViolation', (v) => page.violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => globalThis.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) page.violations.push(m.text()); });
  await page.goto(url);
  return page;
}

test('a strict Content Security Policy (no eval, wasm-unsafe-eval) runs the widgets, from the source and from `make dist`', async () => {
  // the source tree, with the policy sent as a header and as a meta tag
  const strict = await serve(ROOT, { 'Content-Security-Policy': CSP });
  try {
    const page = await underCsp(`${strict.url}/tests/fixtures/csp.html`);
    await page.waitForFunction(() => document.querySelector('plainly-neuron').state && document.querySelector('plainly-perceptron').state
      && document.querySelector('plainly-marbles').shadowRoot.querySelector('.panel'));
    await page.locator('plainly-digit').evaluate((el) => el.showSample?.(3));
    assert.deepEqual(page.violations, []);
    assert.deepEqual(page.errors, []);
    await screenshot(page, 'embed-csp-source');
    await page.context().close();
  } finally {
    await strict.close();
  }
  // the `make dist` folder, built afresh into a temporary directory
  const out = mkdtempSync(join(tmpdir(), 'plainly-dist-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/dist.mjs'), out], { cwd: ROOT, stdio: 'pipe' });
    const wasm = readdirSync(join(out, 'web/pkg'));
    assert.equal(wasm.length, 1);
    assert.match(wasm[0], /^plainly_wasm_bg-[0-9a-f]{10}\.wasm$/);
    assert.ok(readdirSync(join(out, 'web/js')).every((f) => /-[A-Z0-9]{8}\.js$/.test(f)), 'hashed bundles');
    const dist = await serve(out, { 'Content-Security-Policy': CSP });
    try {
      const page = await underCsp(`${dist.url}/index.html?lang=zh`);
      const types = [];
      page.on('response', (r) => types.push([new URL(r.url()).pathname, r.headers()['content-type']]));
      await page.waitForFunction(() => document.querySelector('plainly-neuron')?.state);
      await page.locator('plainly-marbles').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('plainly-marbles').shadowRoot.querySelector('.panel h3'));
      await page.locator('plainly-embeddings').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('plainly-embeddings').points.length > 5, null, { timeout: 60000 });
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      assert.deepEqual(page.violations, []);
      assert.deepEqual(page.errors, []);
      await screenshot(page, 'embed-csp-dist');
      // the iframe route and the stable entry from the dist folder
      await page.goto(`${dist.url}/embed.html?widget=perceptron&set=xor&lang=en`);
      await page.waitForFunction(() => document.querySelector('plainly-perceptron')?.state?.set === 'xor');
      const link = await page.evaluate(() => document.querySelector('plainly-perceptron').shareUrl());
      assert.equal(new URL(link).pathname, '/embed.html');
      const entry = await page.evaluate(async () => Object.keys(await import('/web/plainly.js')));
      assert.ok(entry.includes('WIDGETS'), `stable entry exports ${entry}`);
      assert.deepEqual(page.violations, []);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await dist.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// Non-default settings per widget, as attributes; each must survive attribute → link → embed.html.
const ROUND_TRIP = {
  neuron: { w1: '-0.7', w2: '1.3', threshold: '0.4', x1: '0.25', x2: '1' },
  perceptron: { set: 'xor', lr: '0.5' },
  activations: { activation: 'leaky-relu' },
  'gradient-flow': { depth: '7', init: 'large', seed: '3' },
  digit: { backend: 'ndarray' },
  'digit-space': { view: 'tsne' },
  playground: { dataset: 'spiral', noise: '0.1', layers: '8,8,8', activation: 'relu', optimizer: 'adam', lr: '0.03', batch: '25', l2: '0.001', seed: '5', 'show-test': '1' },
  backprop: { activation: 'tanh', loss: 'cross-entropy', x1: '2', x2: '-1', y: '0' },
  marbles: { surface: 'rosenbrock', optimizer: 'rmsprop', lr: '0.002', beta1: '0.5', beta2: '0.95', count: '12', speed: '5', compare: 'adam', 'compare-lr': '0.03' },
  embeddings: { preset: 'capitals', words: 'paris,rome,tokyo', analogy: 'berlin,germany,italy' },
  attention: { sentence: 'Ein Satz & <b>mehr</b>, bitte.', layer: '2', head: '11', 'max-tokens': '16', compare: 'Noch ein Satz.' },
};

test('every widget’s settings round-trip through its link (attribute → shareUrl → embed.html)', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1000, height: 900 } });
  for (const [name, attributes] of Object.entries(ROUND_TRIP)) {
    await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
    await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
    const first = await page.evaluate(async ([name, attributes]) => {
      await customElements.whenDefined(`plainly-${name}`);
      const el = document.createElement(`plainly-${name}`);
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
      document.body.append(el);
      return { settings: el.settings, url: el.shareUrl(), rejected: el.rejectedSettings };
    }, [name, attributes]);
    assert.deepEqual(first.rejected, [], `${name}: every attribute understood`);
    const query = new URL(first.url).searchParams;
    assert.equal(query.get('widget'), name);
    for (const [k, v] of Object.entries(attributes)) assert.equal(query.get(k), v, `${name}: ${k} in the link`);
    await page.goto(first.url);
    const second = await page.evaluate((name) => document.querySelector(`plainly-${name}`).settings, name);
    assert.deepEqual(second, first.settings, `${name}: the link reproduces the settings`);
    const url = await page.evaluate((name) => document.querySelector(`plainly-${name}`).shareUrl(), name);
    assert.equal(url, first.url, `${name}: the link of the link is the same link`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a reader’s changes reach the link: settings-change events and the Copy link button', async () => {
  const page = await openWidget(shared, '<plainly-neuron></plainly-neuron><plainly-perceptron></plainly-perceptron><plainly-activations></plainly-activations><plainly-marbles surface="bowl"></plainly-marbles><plainly-gradient-flow></plainly-gradient-flow>');
  await page.waitForFunction(() => document.querySelector('plainly-perceptron').state && document.querySelector('plainly-activations').curve
    && Object.keys(document.querySelector('plainly-gradient-flow').measured.flows).length === 4);
  await page.evaluate(() => { window.changes = []; document.addEventListener('settings-change', (e) => window.changes.push(e.detail)); });
  await page.locator('plainly-neuron #threshold').fill('-1');
  await page.locator('plainly-perceptron [data-set="xor"]').click();
  await page.locator('plainly-activations [data-name="tanh"]').click();
  await page.locator('plainly-marbles select.optimizer').selectOption('nesterov');
  await page.locator('plainly-gradient-flow select.init').selectOption('small');
  const changes = await page.evaluate(() => window.changes.map((c) => [c.widget, c.url]));
  const link = (widget) => new URL(changes.filter(([w]) => w === widget).at(-1)[1]).searchParams;
  assert.equal(link('plainly-neuron').get('threshold'), '-1');
  assert.equal(link('plainly-perceptron').get('set'), 'xor');
  assert.equal(link('plainly-activations').get('activation'), 'tanh');
  assert.equal(link('plainly-marbles').get('optimizer'), 'nesterov');
  assert.equal(link('plainly-marbles').get('surface'), 'bowl');
  assert.equal(link('plainly-gradient-flow').get('init'), 'small');
  // the button, by keyboard: the link appears (selected or copied) with a status line
  await page.locator('plainly-marbles .plainly-share-copy').focus();
  await page.keyboard.press('Enter');
  // the status follows the clipboard's answer, which is asynchronous
  await page.waitForFunction(() => document.querySelector('plainly-marbles').shadowRoot.querySelector('.plainly-share-status').textContent !== '');
  const shown = await page.evaluate(() => {
    const root = document.querySelector('plainly-marbles').shadowRoot;
    return { url: root.querySelector('.plainly-share-url').value, status: root.querySelector('.plainly-share-status').textContent };
  });
  assert.match(shown.url, /embed\.html\?widget=marbles&lang=en&surface=bowl&optimizer=nesterov/);
  assert.match(shown.status, /Link copied|press Ctrl\+C/);
  await page.goto(shown.url);
  await page.waitForFunction(() => document.querySelector('plainly-marbles')?.shadowRoot.querySelector('.panel h3'));
  assert.equal(await page.evaluate(() => document.querySelector('plainly-marbles').settings.optimizer), 'nesterov');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the embedding guide lists every widget with its attributes, snippets and the widget live', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 1000 } });
  for (const lang of ['en', 'zh']) {
    await page.goto(`${shared.server.url}/guide.html?lang=${lang}`);
    await page.waitForFunction(() => document.querySelectorAll('#widgets section').length >= 9);
    const sections = await page.evaluate(() => [...document.querySelectorAll('#widgets section')].map((s) => ({
      id: s.id, rows: [...s.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent),
      snippets: [...s.querySelectorAll('pre')].map((p) => p.textContent), live: s.querySelector('.live > :last-child').localName,
    })));
    for (const name of Object.keys(ROUND_TRIP)) {
      const s = sections.find((x) => x.id === `embed-${name}`);
      assert.ok(s, `${name} in the guide`);
      assert.equal(s.live, `plainly-${name}`);
      for (const key of Object.keys(ROUND_TRIP[name])) assert.ok(s.rows.includes(key), `${name}: attribute ${key} listed`);
      assert.match(s.snippets[0], new RegExp(`<script type="module" src="[^"]+/web/plainly\\.js"></script>\\n<plainly-${name} lang="${lang}"`));
      assert.match(s.snippets[1], new RegExp(`<iframe src="[^"]+/embed\\.html\\?widget=${name}&amp;lang=${lang}`));
    }
    await page.waitForFunction(() => document.querySelector('#embed-neuron plainly-neuron').state);
    await screenshot(page, `embed-guide-${lang}`);
    await page.locator('#embed-marbles').scrollIntoViewIfNeeded();
    await screenshot(page, `embed-guide-marbles-${lang}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
