// <plainly-marbles> in real headless Chromium: clicks, play, sliders, real wasm optimizers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot } from './helpers.mjs';

const shared = useBrowser({ before, after });

const W = 'plainly-marbles';

async function openMarbles({ surface = 'bowl', lang = 'en', attrs = '' } = {}) {
  const page = await shared.chrome.newPage({ viewport: { width: 1200, height: 1000 } });
  // a page with just this widget, so the tests do not depend on the reading page's layout
  await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
  await page.evaluate(([surface, lang, attrs]) => {
    document.documentElement.lang = lang;
    document.body.innerHTML = `<plainly-marbles surface="${surface}" ${attrs}></plainly-marbles>`;
  }, [surface, lang, attrs]);
  await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
  await page.waitForFunction((w) => document.querySelector(w)?.shadowRoot?.querySelector('.panel canvas')?.width > 0, W);
  return page;
}

const snapshot = (page) => page.evaluate((w) => document.querySelector(w).snapshot(), W);
const text = (page, selector) => page.evaluate(([w, s]) => document.querySelector(w).shadowRoot.querySelector(s).textContent, [W, selector]);
const panelBox = (page, k = 0) => page.locator(`${W} .panel canvas`).nth(k).boundingBox();

async function clickAt(page, fx, fy, k = 0) {
  const box = await panelBox(page, k);
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

async function stepUntil(page, predicate, limit = 200) {
  for (let i = 0; i < limit; i++) {
    if (await predicate()) return true;
    await page.locator(`${W} button.step`).click();
  }
  return predicate();
}

test('the surface is drawn as a coloured map, and a click drops a marble under the pointer', async () => {
  const page = await openMarbles({ surface: 'bowl' });
  const colours = await page.evaluate((w) => {
    const c = document.querySelector(w).shadowRoot.querySelector('.panel canvas');
    const ctx = c.getContext('2d');
    const px = (fx, fy) => Array.from(ctx.getImageData(Math.floor(fx * c.width), Math.floor(fy * c.height), 1, 1).data);
    return { centre: px(0.5, 0.5), corner: px(0.02, 0.02) };
  }, W);
  assert.notDeepEqual(colours.centre, colours.corner, 'the bowl is not one flat colour');
  // (0.75, 0.25) of the [−2, 2]² square is (1, 1)
  await clickAt(page, 0.75, 0.25);
  const s = await snapshot(page);
  assert.equal(s.panels[0].marbles.length, 1);
  const m = s.panels[0].marbles[0];
  assert.ok(Math.abs(m.x - 1) < 0.03 && Math.abs(m.y - 1) < 0.03, `marble at (${m.x}, ${m.y})`);
  assert.ok(Math.abs(m.loss - (m.x * m.x + m.y * m.y)) < 1e-5, 'its loss is the bowl at that point');
  assert.match(await text(page, '.status'), /loss 2\.0|loss 1\.9|loss 2\.1/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('play moves the marble downhill, pause stops it', async () => {
  const page = await openMarbles({ surface: 'bowl' });
  await clickAt(page, 0.8, 0.3);
  const before = (await snapshot(page)).panels[0].marbles[0].loss;
  await page.locator(`${W} button.play`).click();
  await page.waitForFunction((w) => document.querySelector(w).snapshot().steps >= 20, W);
  await page.locator(`${W} button.play`).click();
  const s1 = await snapshot(page);
  await page.waitForTimeout(200);
  const s2 = await snapshot(page);
  assert.equal(s2.steps, s1.steps, 'paused');
  const after = s2.panels[0].marbles[0].loss;
  assert.ok(after < before / 10, `loss ${before} → ${after}`);
  await screenshot(page, 'marbles-bowl');
  await page.context().close();
});

test('a learning rate of 10 marks the marble "diverged" and the widget keeps working', async () => {
  const page = await openMarbles({ surface: 'bowl' });
  await page.locator(`${W} input.lr`).fill('1000'); // the slider's top: 10
  assert.equal(await text(page, '.lr-out'), '10');
  await clickAt(page, 0.6, 0.4);
  await page.locator(`${W} button.step`).click();
  const s = await snapshot(page);
  assert.equal(s.panels[0].marbles[0].status, -1, 'left the surface at step 1');
  assert.match(await text(page, '.status'), /diverged: left the surface at step 1/);
  assert.match(await text(page, '.panel .tally'), /1 diverged/);
  await screenshot(page, 'marbles-diverged');
  // other marbles keep going, reset recovers
  await page.locator(`${W} input.lr`).fill('600'); // 10^(−4 + 3) = 0.1
  const again = await snapshot(page);
  assert.equal(again.panels[0].marbles[0].status, 0, 'the same drop at a sane rate rolls');
  await page.locator(`${W} button.reset`).click();
  assert.equal((await snapshot(page)).panels[0].marbles.length, 0);
  await clickAt(page, 0.5, 0.1);
  await stepUntil(page, async () => (await snapshot(page)).steps >= 5);
  const m = (await snapshot(page)).panels[0].marbles[0];
  assert.equal(m.status, 0);
  assert.ok(m.loss < 4, `rolling downhill again: ${m.loss}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a swarm on the bumpy floor settles; momentum, side by side, finds the deepest pit more often', async () => {
  const page = await openMarbles({ surface: 'bumpy', attrs: 'speed="20" compare="momentum"' });
  assert.equal(await page.locator(`${W} .panel`).count(), 2);
  await page.locator(`${W} button.swarm`).click();
  const s = await snapshot(page);
  assert.equal(s.panels[0].marbles.length, 100);
  assert.deepEqual(s.panels[0].marbles.map((m) => [m.x, m.y]), s.panels[1].marbles.map((m) => [m.x, m.y]), 'same starts side by side');
  await page.locator(`${W} button.play`).click();
  await page.waitForFunction((w) => [...document.querySelector(w).shadowRoot.querySelectorAll('.tally')]
    .every((t) => /Settled/.test(t.textContent)), W, { timeout: 60_000 });
  await page.locator(`${W} button.play`).click();
  const tallies = await page.evaluate((w) => [...document.querySelector(w).shadowRoot.querySelectorAll('.tally')].map((t) => t.textContent), W);
  const count = (t, re) => Number(t.match(re)[1]);
  const sgd = { global: count(tallies[0], /(\d+) of 100 found/), local: count(tallies[0], /(\d+) stopped/) };
  const heavy = { global: count(tallies[1], /(\d+) of 100 found/), local: count(tallies[1], /(\d+) stopped/) };
  console.log(`bumpy floor in the browser: SGD ${JSON.stringify(sgd)}, momentum ${JSON.stringify(heavy)}`);
  assert.ok(sgd.local > 0, 'some SGD marbles stop in local pits, and the tally says so');
  assert.ok(heavy.global > sgd.global, tallies.join(' | '));
  await screenshot(page, 'marbles-bumpy-compare', { fullPage: true });
  await page.context().close();
});

test('the real network surface loads and a marble rolls toward its trained weights', async () => {
  const page = await openMarbles({ surface: 'network' });
  await clickAt(page, 0.85, 0.15);
  const start = (await snapshot(page)).panels[0].marbles[0];
  await stepUntil(page, async () => (await snapshot(page)).steps >= 60, 70);
  const end = (await snapshot(page)).panels[0].marbles[0];
  assert.ok(end.loss < start.loss, `loss ${start.loss} → ${end.loss}`);
  assert.ok(Math.hypot(end.x, end.y) < Math.hypot(start.x, start.y), 'closer to (0, 0), the trained weights');
  await screenshot(page, 'marbles-network');
  await page.context().close();
});

test('every surface and optimizer can be chosen; Chinese shows no missing strings', async () => {
  const page = await openMarbles({ surface: 'himmelblau', lang: 'zh-CN' });
  for (const surface of ['bowl', 'rosenbrock', 'himmelblau', 'bumpy', 'saddle', 'network']) {
    await page.locator(`${W} select.surface`).selectOption(surface);
    await page.waitForFunction((w) => document.querySelector(w).shadowRoot.querySelector('.panel canvas')?.width > 0, W);
    for (const optimizer of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) {
      await page.locator(`${W} select.optimizer`).selectOption(optimizer);
    }
    await clickAt(page, 0.3, 0.6);
    await page.locator(`${W} button.step`).click();
    const m = (await snapshot(page)).panels[0].marbles.at(-1);
    assert.equal(typeof m.loss, 'number', surface);
  }
  assert.match(await text(page, 'button.play'), /播放/);
  assert.match(await text(page, '.panel h3'), /Adam，学习率/);
  await screenshot(page, 'marbles-zh', { fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
