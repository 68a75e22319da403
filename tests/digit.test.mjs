// <plainly-digit> in real headless Chromium: real pointer strokes, real wasm, real weights.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, sampleDigits, drawDigit, padBox, digitReady, screenshot } from './helpers.mjs';

const shared = useBrowser({ before, after });
const digits = sampleDigits();

async function openPage(options = {}, path = '/?lang=en') {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 900 }, ...options });
  await page.goto(shared.server.url + path);
  await digitReady(page);
  // the reading page starts with other sections: bring the pad on screen, as a reader would
  await page.locator('plainly-digit canvas.pad').scrollIntoViewIfNeeded();
  return page;
}

const prediction = (page) => page.evaluate(() => document.querySelector('plainly-digit').prediction);
const shadowText = (page, selector) =>
  page.evaluate((s) => document.querySelector('plainly-digit').shadowRoot.querySelector(s).textContent, selector);
const clear = (page) => page.locator('plainly-digit button.clear').click();

/** The pad's ink (alpha, 0–255) at a point given as a fraction of the pad (0..1). */
const inkAt = (page, fx, fy) => page.evaluate(([fx, fy]) => {
  const el = document.querySelector('plainly-digit');
  const pad = el.shadowRoot.querySelector('canvas.pad');
  const probe = document.createElement('canvas');
  probe.width = pad.width; probe.height = pad.height;
  const ctx = probe.getContext('2d');
  ctx.drawImage(pad, 0, 0);
  const px = ctx.getImageData(Math.floor(fx * pad.width), Math.floor(fy * pad.height), 1, 1).data;
  return px[3];
}, [fx, fy]);

test('loads, says "draw a digit" and predicts nothing on an empty pad', async () => {
  const page = await openPage();
  assert.equal(await prediction(page), null);
  assert.match(await shadowText(page, '.verdict .text'), /Draw a digit/);
  assert.equal(await shadowText(page, '.verdict .digit'), '');
  assert.match(await shadowText(page, '.model-card'), /98\.\d%/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('real MNIST test digits drawn as pointer strokes are classified (≥ 95 % of 100)', async () => {
  const page = await openPage();
  const box = await padBox(page);
  const area = { x: box.x + box.width * 0.05, y: box.y + box.height * 0.05, size: box.width * 0.9 };
  let right = 0;
  const wrong = [];
  for (const d of digits) {
    await clear(page);
    await drawDigit(page, d.pixels, area);
    const p = await prediction(page);
    assert.ok(p, 'a drawn digit gets a prediction');
    if (p.digit === d.label) right++;
    else wrong.push(`${d.label}#${d.index}→${p.digit}`);
  }
  console.log(`drawn MNIST test digits: ${right}/${digits.length} right; wrong: ${wrong.join(' ')}`);
  assert.ok(digits.length >= 50);
  assert.ok(right / digits.length >= 0.95, `${right}/${digits.length} right`);
  await screenshot(page, 'digit-drawn');
  await page.context().close();
});

test('the same digit drawn small in a corner gets the same class', async () => {
  const page = await openPage();
  const box = await padBox(page);
  const picks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((label) => digits.find((d) => d.label === label));
  let same = 0;
  const log = [];
  for (const d of picks) {
    await clear(page);
    await drawDigit(page, d.pixels, { x: box.x + 4, y: box.y + 4, size: box.width * 0.9 });
    const big = (await prediction(page)).digit;
    await clear(page);
    await drawDigit(page, d.pixels, { x: box.x + box.width * 0.55, y: box.y + box.height * 0.55, size: box.width * 0.45 });
    const small = (await prediction(page)).digit;
    log.push(`${d.label}: big ${big}, small ${small}`);
    if (big === small && small === d.label) same++;
  }
  await screenshot(page, 'digit-small-corner');
  console.log(log.join('; '));
  assert.equal(same, picks.length, log.join('; '));
  await page.context().close();
});

test('Clear empties the pad, the prediction and the bars, and fires a null prediction', async () => {
  const page = await openPage();
  const box = await padBox(page);
  await drawDigit(page, digits[15].pixels, { x: box.x, y: box.y, size: box.width });
  assert.ok(await prediction(page));
  const events = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('prediction', (e) => resolve(e.detail), { once: true });
  }));
  await clear(page);
  assert.equal(await events, null);
  assert.equal(await prediction(page), null);
  assert.match(await shadowText(page, '.verdict .text'), /Draw a digit/);
  const widths = await page.evaluate(() => [...document.querySelector('plainly-digit').shadowRoot
    .querySelectorAll('.bar .fill')].map((f) => parseFloat(f.style.width)));
  assert.deepEqual(widths, new Array(10).fill(0));
  assert.equal(await inkAt(page, 0.5, 0.5), 0);
  await page.context().close();
});

test('while a slow hand draws, the prediction updates live; the event carries the digit and ten probabilities; the property is read-only', async () => {
  const page = await openPage();
  const box = await padBox(page);
  await page.evaluate(() => {
    window.predictions = [];
    document.addEventListener('prediction', (e) => window.predictions.push(e.detail));
  });
  const seven = digits.find((d) => d.label === 7);
  // one event per frame: the pad classifies at most every 80 ms while the pen moves
  await drawDigit(page, seven.pixels, { x: box.x, y: box.y, size: box.width }, { burst: false });
  const got = await page.evaluate(() => window.predictions);
  const last = await prediction(page);
  assert.ok(got.length >= 3, `${got.length} predictions while drawing one stroke`);
  assert.deepEqual(got[got.length - 1], last);
  assert.equal(last.digit, 7);
  assert.equal(last.probabilities.length, 10);
  assert.ok(Math.abs(last.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  const argmax = last.probabilities.indexOf(Math.max(...last.probabilities));
  assert.equal(argmax, last.digit);
  const shown = await shadowText(page, '.verdict .digit');
  assert.equal(shown, '7');
  const readOnly = await page.evaluate(() => {
    const el = document.querySelector('plainly-digit');
    try { el.prediction = { digit: 3 }; } catch { /* strict-mode setter error is fine too */ }
    return el.prediction.digit;
  });
  assert.equal(readOnly, 7);
  await page.context().close();
});

test('on a screen with device scale factor 2 the ink lands under the pointer', async () => {
  const page = await openPage({ deviceScaleFactor: 2 });
  const box = await padBox(page);
  const backing = await page.evaluate(() => {
    const c = document.querySelector('plainly-digit').shadowRoot.querySelector('canvas.pad');
    return [c.width, c.height, c.getBoundingClientRect().width];
  });
  assert.equal(backing[0], Math.round(backing[2] * 2), 'backing store is CSS size × 2');
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  assert.ok(await inkAt(page, 0.25, 0.75) > 200, 'ink under the pointer');
  assert.equal(await inkAt(page, 0.75, 0.25), 0, 'no ink elsewhere');
  await clear(page);
  const two = digits.find((d) => d.label === 2);
  await drawDigit(page, two.pixels, { x: box.x, y: box.y, size: box.width });
  assert.equal((await prediction(page)).digit, 2);
  await page.context().close();
});

test('on a page scrolled by 500 px, and inside a CSS-scaled box, the ink lands under the pointer', async () => {
  const page = await openPage();
  await page.evaluate(() => {
    // the digit section first, then 600 px above it, then scroll by 500 px
    document.querySelector('main').prepend(document.getElementById('digit'));
    window.scrollTo(0, 0);
    const spacer = document.createElement('div');
    spacer.style.height = '600px';
    document.querySelector('main').prepend(spacer);
    document.body.style.paddingBottom = '1500px';
    window.scrollTo(0, 500);
  });
  assert.equal(await page.evaluate(() => window.scrollY), 500);
  let box = await padBox(page);
  assert.ok(box.y > 0 && box.y + box.height < 900, `pad visible at ${box.y}`);
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
  assert.ok(await inkAt(page, 0.3, 0.6) > 200, 'ink under the pointer after scrolling');
  assert.equal(await inkAt(page, 0.3, 0.2), 0, 'and nowhere else');
  await clear(page);

  // Shrink the widget with a CSS transform: the pad is shown at half size, drawn at full size.
  await page.evaluate(() => {
    const el = document.querySelector('plainly-digit');
    el.style.transform = 'scale(0.5)';
    el.style.transformOrigin = '0 0';
  });
  box = await padBox(page);
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.2);
  assert.ok(await inkAt(page, 0.7, 0.2) > 200, 'ink under the pointer in a scaled box');
  assert.equal(await inkAt(page, 0.3, 0.6), 0, 'and nowhere else');
  await page.context().close();
});

test('touch draws on the pad instead of scrolling the page', async () => {
  const page = await openPage({ hasTouch: true, isMobile: true, viewport: { width: 420, height: 800 } });
  await page.locator('plainly-digit canvas.pad').scrollIntoViewIfNeeded();
  const box = await padBox(page);
  const before = await page.evaluate(() => window.scrollY);
  const cdp = await page.context().newCDPSession(page);
  const at = (fx, fy) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.5, 0.1) });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.5, 0.1 + i * 0.08) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');
  assert.ok(await inkAt(page, 0.5, 0.5) > 200, 'the stroke was drawn');
  assert.equal((await prediction(page))?.digit, 1, 'a vertical stroke is a 1');
  await page.context().close();
});

test('fast strokes come out continuous, not dotted', async () => {
  const page = await openPage();
  const box = await padBox(page);
  // two far-apart moves with nothing in between: the pad must join them
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5, { steps: 1 });
  await page.mouse.up();
  for (const fx of [0.2, 0.35, 0.5, 0.65, 0.8]) {
    assert.ok(await inkAt(page, fx, 0.5) > 200, `ink at ${fx}`);
  }
  await page.context().close();
});

test('switching to Chinese translates the widget', async () => {
  const page = await openPage();
  await page.locator('button[data-set-lang="zh"]').click();
  assert.match(await shadowText(page, '.verdict .text'), /请写一个数字/);
  assert.equal(await shadowText(page, 'button.clear'), '清除');
  await page.locator('plainly-digit canvas.pad').scrollIntoViewIfNeeded(); // the toggle is at the top
  const box = await padBox(page);
  await drawDigit(page, digits.find((d) => d.label === 3).pixels, { x: box.x, y: box.y, size: box.width });
  assert.match(await shadowText(page, '.verdict .text'), /这是 3/);
  await screenshot(page, 'digit-zh', { fullPage: true });
  assert.match(page.url(), /lang=zh/);
  await page.context().close();
});

for (const [name, body] of [['missing', null], ['corrupt', Buffer.from('this is not a weights file')]]) {
  test(`${name} weights show a message in the widget and the page keeps working`, async () => {
    const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 900 } });
    await page.route('**/digit-cnn.bpk', (route) => (body ? route.fulfill({ status: 200, body }) : route.fulfill({ status: 404, body: 'nope' })));
    await page.goto(shared.server.url + '/?lang=en');
    await digitReady(page);
    const message = await shadowText(page, '.message');
    assert.match(message, /weights could not be loaded/);
    assert.match(message, name === 'missing' ? /404/ : /not a readable weights file/);
    // the rest of the page still works
    await page.locator('button[data-set-lang="zh"]').click();
    assert.match(await page.locator('#digit-title').textContent(), /向量/);
    assert.match(await shadowText(page, '.message'), /权重无法加载/);
    await screenshot(page, `digit-${name}-weights`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('a missing wasm module shows a message, not a blank', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 900 } });
  await page.route('**/plainly_wasm_bg.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(shared.server.url + '/?lang=en');
  await digitReady(page);
  assert.match(await shadowText(page, '.message'), /model could not be loaded/);
  await page.context().close();
});

test('bad input through the wasm API is an exception with a reason, and the instance survives', async () => {
  const page = await openPage();
  const result = await page.evaluate(async () => {
    const wasm = await import('/web/pkg/plainly_wasm.js');
    const bytes = async (n) => new Uint8Array(await (await fetch(`/web/assets/${n}`)).arrayBuffer());
    const [cnn, grid] = [await bytes('digit-cnn.bpk'), await bytes('digit-grid.bpk')];
    const c = new wasm.DigitClassifier(cnn, grid);
    const errors = [];
    const attempt = (f) => { try { f(); errors.push('no error'); } catch (e) { errors.push(String(e.message ?? e)); } };
    attempt(() => c.classifyRgba(new Uint8Array(10), 2, 2));
    attempt(() => c.classifyRgba(new Uint8Array(0), 0, 0));
    attempt(() => c.classifyRgba(new Uint8Array(4), 1e6, 1e6));
    attempt(() => c.classifyGray(new Float32Array(784).fill(NaN)));
    attempt(() => c.classifyGray(new Float32Array(5)));
    attempt(() => new wasm.DigitClassifier(new Uint8Array(0), new Uint8Array(0)));
    attempt(() => new wasm.DigitClassifier(grid, cnn));
    attempt(() => new wasm.DigitClassifier(new Uint8Array(1), new Uint8Array(1), 'gpu'));
    // still alive: a real digit still classifies
    const ok = c.classifyRgba(new Uint8Array(28 * 28 * 4).map((_, i) => (i % 4 === 3 && (i >> 2) % 28 === 14 ? 255 : 0)), 28, 28);
    c.free();
    return { errors, alive: ok?.digit };
  });
  const [length, empty, huge, nan, short, noWeights, swapped, backend] = result.errors;
  assert.match(length, /expected 16 values/);
  assert.match(empty, /no pixels/);
  assert.match(huge, /4096/);
  assert.match(nan, /not a finite number/);
  assert.match(short, /expected 784/);
  assert.match(noWeights, /empty/);
  assert.match(swapped, /do not fit/);
  assert.match(backend, /unknown backend/);
  assert.equal(result.alive, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
