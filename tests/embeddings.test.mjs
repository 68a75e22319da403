// <plainly-embeddings> and <plainly-digit-space> in real headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, sampleDigits, drawDigit, padBox, digitReady, useBrowser, openWidget } from './helpers.mjs';

const shared = useBrowser({ before, after });
const E = 'plainly-embeddings';
const openWords = (attrs = '', lang = 'en') => openWidget(shared, `<plainly-embeddings ${attrs}></plainly-embeddings>`, { lang });

const points = (page) => page.evaluate((e) => document.querySelector(e).points, E);
const text = (page, s) => page.evaluate(([e, s]) => document.querySelector(e).shadowRoot.querySelector(s).textContent, [E, s]);

test('the vectors load by themselves in view; puppy sits nearer dog than houses', async () => {
  const page = await openWords();
  const p = Object.fromEntries((await points(page)).map((q) => [q.word, q]));
  const d = (a, b) => Math.hypot(p[a].x - p[b].x, p[a].y - p[b].y);
  assert.ok(d('puppy', 'dog') < d('puppy', 'houses'), 'puppy near dog, far from houses');
  assert.match(await text(page, '.caption'), /first two principal components/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a typed word appears at its place; hovering it shows coordinates and neighbours', async () => {
  const page = await openWords();
  await page.locator(`${E} input.word`).fill('Kitten');
  await page.locator(`${E} button.add-button`).click();
  const all = await points(page);
  const kitten = all.find((q) => q.word === 'kitten');
  assert.ok(kitten, 'kitten was added (lower-cased)');
  // kitten lands among the animals, not the buildings
  const mean = (words) => {
    const qs = all.filter((q) => words.includes(q.word));
    return [qs.reduce((a, q) => a + q.x, 0) / qs.length, qs.reduce((a, q) => a + q.y, 0) / qs.length];
  };
  const [ax, ay] = mean(['cat', 'dog', 'puppy']);
  const [hx, hy] = mean(['house', 'houses', 'apartment', 'building']);
  assert.ok(Math.hypot(kitten.x - ax, kitten.y - ay) < Math.hypot(kitten.x - hx, kitten.y - hy));
  // the point is drawn where the layout says: hover there, the tip names it
  const box = await page.locator(`${E} .plot canvas`).boundingBox();
  const at = await page.evaluate(([e, x, y]) => {
    const el = document.querySelector(e);
    // same mapping as the widget's scatter: equal scales, centred, 28 px padding
    const canvas = el.shadowRoot.querySelector('canvas');
    const rect = canvas.getBoundingClientRect();
    const pts = el.points;
    const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    const scale = (Math.min(rect.width, rect.height) - 56) / span;
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    return [rect.width / 2 + (x - cx) * scale, rect.height / 2 - (y - cy) * scale];
  }, [E, kitten.x, kitten.y]);
  await page.mouse.move(box.x + at[0], box.y + at[1]);
  const tip = await text(page, '.tip');
  assert.match(tip, /^kitten at \(/);
  assert.match(tip, /kittens|puppy|cat/);
  await screenshot(page, 'embeddings-kitten');
  await page.context().close();
});

test('an unknown word gets a clear message; markup is shown as text', async () => {
  const page = await openWords();
  const before = (await points(page)).length;
  await page.locator(`${E} input.word`).fill('blorptastic');
  await page.locator(`${E} button.add-button`).click();
  assert.match(await text(page, '.unknown'), /“blorptastic” is not among the 50,000 words/);
  await page.locator(`${E} input.word`).fill('<img src=x onerror=alert(1)>');
  await page.locator(`${E} input.word`).press('Enter');
  assert.match(await text(page, '.unknown'), /“<img src=x onerror=alert\(1\)>” is not among/);
  const injected = await page.evaluate((e) => document.querySelector(e).shadowRoot.querySelectorAll('img').length, E);
  assert.equal(injected, 0);
  assert.equal((await points(page)).length, before);
  await page.context().close();
});

test('the analogy box shows queen first for king − man + woman, with parallel offset arrows', async () => {
  const page = await openWords('preset="royalty"');
  await page.locator(`${E} input.a`).fill('king');
  await page.locator(`${E} input.b`).fill('man');
  await page.locator(`${E} input.c`).fill('woman');
  await page.locator(`${E} button.go`).click();
  const results = await page.evaluate((e) => document.querySelector(e).analogy, E);
  assert.equal(results[0].word, 'queen');
  assert.ok(Math.abs(results[0].cosine - 0.86) < 0.01, String(results[0].cosine));
  assert.equal(results.length, 5);
  assert.match(await text(page, 'ol.results li'), /^queen \(cosine 0\.86\d\)$/);
  // the two offsets man → king and woman → queen point the same way on the plot
  const p = Object.fromEntries((await points(page)).map((q) => [q.word, q]));
  const u = [p.king.x - p.man.x, p.king.y - p.man.y];
  const v = [p.queen.x - p.woman.x, p.queen.y - p.woman.y];
  const cos = (u[0] * v[0] + u[1] * v[1]) / (Math.hypot(...u) * Math.hypot(...v));
  assert.ok(cos > 0.8, `offset arrows nearly parallel: cos ${cos}`);
  await page.locator(`${E} button.preset[data-preset="capitals"]`).click();
  const capitals = await page.evaluate((e) => document.querySelector(e).analogy, E);
  assert.equal(capitals[0].word, 'tokyo', 'paris − france + japan');
  await screenshot(page, 'embeddings-capitals');
  await page.context().close();
});

test('in Chinese the widget has no English interface strings', async () => {
  const page = await openWords('', 'zh-CN');
  const ui = await page.evaluate((e) => {
    const root = document.querySelector(e).shadowRoot;
    return [...root.querySelectorAll('button, h3, label > span, .caption, .muted')].map((n) => n.textContent).join(' | ');
  }, E);
  // English words on screen are the data (the words themselves), never the interface
  const english = ui.replace(/\b(puppy|dog|cat|kitten|horse|cow|mouse|bird|house|houses|apartment|building|cottage|mansion|PCA)\b/g, '');
  assert.doesNotMatch(english, /\b(the|Add|Find|Load|words?|Analogy|Remove)\b/, ui);
  assert.match(ui, /动物和房子/);
  await screenshot(page, 'embeddings-zh');
  await page.context().close();
});

/** Pixels of the digit-space canvas in exactly the theme's ink colour, once the widget has
 *  drawn its next frame: only the drawn digit's dot and label use it (the 1,000 digits wear class colours). */
const inkDot = (page) => page.evaluate(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const el = document.querySelector('plainly-digit-space');
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  probe.fillStyle = getComputedStyle(el).getPropertyValue('--plainly-ink').trim();
  probe.fillRect(0, 0, 1, 1);
  const ink = probe.getImageData(0, 0, 1, 1).data;
  const canvas = el.shadowRoot.querySelector('canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 255 && data[i] === ink[0] && data[i + 1] === ink[1] && data[i + 2] === ink[2]) n++;
  }
  return n;
});

test('a digit drawn in the pad appears in its class’s cluster of the digit space', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1200, height: 1000 } });
  await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
  await page.evaluate(() => {
    document.body.innerHTML = '<plainly-digit id="pad"></plainly-digit><plainly-digit-space for="pad"></plainly-digit-space>';
  });
  const ready = page.evaluate(() => new Promise((resolve) => document.querySelector('plainly-digit-space').addEventListener('ready', resolve, { once: true })));
  await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
  await ready;
  await digitReady(page);
  const box = await padBox(page);
  const before = await inkDot(page);
  assert.ok(before < 20, `${before} pixels in the ink colour before anything was drawn`);
  const results = [];
  for (const label of [0, 1, 6]) {
    await page.locator('plainly-digit button.clear').click();
    const digit = sampleDigits().find((d) => d.label === label);
    await drawDigit(page, digit.pixels, { x: box.x, y: box.y, size: box.width });
    const placement = await page.evaluate(() => document.querySelector('plainly-digit-space').placement);
    results.push(placement);
    const same = placement.neighbours.filter((l) => l === label).length;
    assert.ok(same >= 8, `a drawn ${label}: ${same} of its 10 nearest test digits are ${label}s (${placement.neighbours})`);
    assert.equal(placement.nearest_centre, label, `a drawn ${label} lands nearest the centre of the ${label}s`);
    // the drawn digit's dot (radius 9 px: about 250 pixels, over the cached layer of 1,000
    // digits) and its label "you" (about 120) are in the ink colour
    const dot = await inkDot(page);
    assert.ok(dot > 280, `${dot} pixels of the drawn digit's dot and label`);
  }
  assert.match(await page.evaluate(() => document.querySelector('plainly-digit-space').shadowRoot.querySelector('.you').textContent), /read as 6/);
  await page.locator('plainly-digit button.clear').click();
  assert.equal(await page.evaluate(() => document.querySelector('plainly-digit-space').placement), null);
  const after = await inkDot(page);
  assert.ok(after < 20, `${after} pixels in the ink colour after Clear`);
  await screenshot(page, 'digit-space', { fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('t-SNE view: a keyboard toggle, clusters by class, and a drawn digit lands in its own cluster (en and zh)', async () => {
  for (const lang of ['en', 'zh']) {
    const page = await shared.chrome.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
    await page.evaluate((lang) => {
      document.documentElement.lang = lang;
      document.body.innerHTML = `<plainly-digit id="pad" lang="${lang}"></plainly-digit><plainly-digit-space for="pad" lang="${lang}"></plainly-digit-space>`;
    }, lang);
    const ready = page.evaluate(() => new Promise((resolve) => document.querySelector('plainly-digit-space').addEventListener('ready', resolve, { once: true })));
    await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
    await ready;
    await digitReady(page);
    const space = page.locator('plainly-digit-space');
    const tsneButton = space.locator('.views button[data-view=tsne]');
    assert.equal(await tsneButton.getAttribute('aria-pressed'), 'false');
    // keyboard: focus the button and press Enter
    await tsneButton.focus();
    await page.keyboard.press('Enter');
    assert.equal(await tsneButton.getAttribute('aria-pressed'), 'true');
    assert.equal(await space.locator('.views button[data-view=pca]').getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => document.querySelector('plainly-digit-space').view), 'tsne');
    const caption = await space.locator('.caption').textContent();
    assert.match(caption, lang === 'en' ? /weighted average/ : /加权平均/);
    // the map keeps classes apart: each point's nearest map neighbour mostly shares its label
    const points = await page.evaluate(() => document.querySelector('plainly-digit-space').points);
    assert.equal(points.length, 1000);
    const nearestLabels = (x, y, k, skip = -1) => points
      .map((p, i) => [Math.hypot(p.x - x, p.y - y), p.label, i])
      .filter((d) => d[2] !== skip)
      .sort((a, b) => a[0] - b[0]).slice(0, k).map((d) => d[1]);
    const agree = points.filter((p, i) => nearestLabels(p.x, p.y, 1, i)[0] === p.label).length;
    assert.ok(agree >= 950, `${agree} of 1000 test digits' nearest map neighbour shares their label`);
    const box = await padBox(page);
    for (const label of lang === 'en' ? [0, 1, 6] : [3]) {
      await page.locator('plainly-digit button.clear').click();
      const digit = sampleDigits().find((d) => d.label === label);
      await drawDigit(page, digit.pixels, { x: box.x, y: box.y, size: box.width });
      const placement = await page.evaluate(() => document.querySelector('plainly-digit-space').placement);
      assert.ok(placement.tsne, 'placed on the t-SNE map too');
      const near = nearestLabels(placement.tsne.x, placement.tsne.y, 10);
      assert.ok(near.filter((l) => l === label).length >= 8, `a drawn ${label} on the map among ${near}`);
      assert.equal(placement.tsne.nearest_centre, label);
    }
    // back to PCA with the keyboard (Space); the drawn digit is there too
    await space.locator('.views button[data-view=pca]').focus();
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.querySelector('plainly-digit-space').view), 'pca');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.querySelector('plainly-digit-space').view), 'tsne');
    await space.scrollIntoViewIfNeeded();
    await screenshot(page, `digit-space-tsne-${lang}`, { fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
