// <plainly-neuron>, <plainly-perceptron> and <plainly-activations> in real headless Chromium,
// driven by keyboard, clicks and the pointer.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, shownText, useBrowser, openWidget } from './helpers.mjs';

const shared = useBrowser({ before, after });
const open = (html, lang = 'en') => openWidget(shared, html, { lang, viewport: { width: 1100, height: 900 } });

const prop = (page, tag, name) => page.evaluate(([tag, name]) => document.querySelector(tag)[name], [tag, name]);
const text = (page, tag, s) => page.evaluate(([tag, s]) => document.querySelector(tag).shadowRoot.querySelector(s).textContent, [tag, s]);

test('neuron: sliders by keyboard change the weighted sum, and it fires past the threshold', async () => {
  const page = await open('<plainly-neuron></plainly-neuron>');
  let s = await prop(page, 'plainly-neuron', 'state');
  assert.deepEqual([s.x1, s.x2, s.w1, s.w2, s.threshold], [1, 0, 1, 1, 1.5]);
  assert.equal(s.sum, 1); // 1 × 1 + 1 × 0
  assert.equal(s.fires, false);
  await page.locator('plainly-neuron #x2').focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight'); // 0 → 1 in steps of 0.05
  s = await prop(page, 'plainly-neuron', 'state');
  assert.equal(s.x2, 1);
  assert.ok(Math.abs(s.sum - 2) < 1e-6);
  assert.equal(s.fires, true);
  assert.match(await text(page, 'plainly-neuron', '.result'), /= 2\.00, threshold 1\.50: fires \(1\)/);
  await page.locator('plainly-neuron #w1').fill('-0.5');
  s = await prop(page, 'plainly-neuron', 'state');
  assert.ok(Math.abs(s.sum - 0.5) < 1e-6, `sum ${s.sum}`); // −0.5 × 1 + 1 × 1
  assert.equal(s.fires, false);
  await screenshot(page, 'neuron');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('perceptron: AND and OR reach 100 % by clicking Step; XOR never does and the page says why', async () => {
  const page = await open('<plainly-perceptron set="and"></plainly-perceptron>');
  const P = 'plainly-perceptron';
  for (const set of ['and', 'or', 'separable']) {
    await page.locator(`${P} [data-set="${set}"]`).click();
    for (let i = 0; i < 60 && (await prop(page, P, 'state')).accuracy < 1; i++) await page.locator(`${P} button.step`).click();
    const s = await prop(page, P, 'state');
    assert.equal(s.accuracy, 1, `${set} after ${s.epochs} epochs`);
  }
  await page.locator(`${P} [data-set="xor"]`).click();
  assert.equal((await prop(page, P, 'state')).epochs, 0, 'choosing a set resets');
  for (let i = 0; i < 120; i++) {
    await page.locator(`${P} button.step`).click();
    assert.ok((await prop(page, P, 'state')).accuracy <= 0.75);
  }
  assert.match(await text(page, P, '.why'), /After 120 epochs it still gets a point wrong/);
  // Play runs epochs by itself; Reset starts again.
  await page.locator(`${P} button.play`).click();
  await page.waitForFunction((P) => document.querySelector(P).state.epochs > 140, P);
  await page.locator(`${P} button.play`).click();
  await screenshot(page, 'perceptron-xor');
  await page.locator(`${P} button.reset`).click();
  assert.equal((await prop(page, P, 'state')).epochs, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('activations: autodiff slopes equal the closed forms; the pointer reads values', async () => {
  const page = await open('<plainly-activations></plainly-activations>');
  const A = 'plainly-activations';
  let c = await prop(page, A, 'curve');
  assert.equal(c.name, 'sigmoid');
  c.xs.forEach((x, i) => {
    const s = 1 / (1 + Math.exp(-x));
    assert.ok(Math.abs(c.slopes[i] - s * (1 - s)) < 1e-5, `σ'(${x})`);
  });
  await page.locator(`${A} [data-name="relu"]`).click();
  c = await prop(page, A, 'curve');
  c.xs.forEach((x, i) => { if (x !== 0) assert.equal(c.slopes[i], x > 0 ? 1 : 0); });
  await page.locator(`${A} [data-name="step"]`).click();
  c = await prop(page, A, 'curve');
  assert.ok(c.slopes.every((d) => d === 0), 'the step has no slope to follow');
  await page.locator(`${A} [data-name="tanh"]`).click();
  const box = await page.locator(`${A} canvas`).boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2); // x = 0
  assert.match(await text(page, A, '.readout'), /at x = 0\.000: value 0\.000, slope 1\.000/);
  await screenshot(page, 'activations-tanh');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('gradient flow: sigmoid vanishes, ReLU + skips keeps the gradient, large weights explode; controls re-measure', async () => {
  const page = await open('<plainly-gradient-flow></plainly-gradient-flow>');
  const G = 'plainly-gradient-flow';
  let m = await prop(page, G, 'measured');
  assert.equal(m.depth, 20);
  assert.equal(m.init, 'he');
  const ratio = (f) => f.norms[0] / f.norms[f.norms.length - 1];
  assert.equal(m.flows.sigmoid.norms.length, 20);
  assert.ok(ratio(m.flows.sigmoid) < 1e-3, `sigmoid ${ratio(m.flows.sigmoid)}`);
  assert.ok(ratio(m.flows.residual) >= 0.1 && ratio(m.flows.residual) <= 10, `residual ${ratio(m.flows.residual)}`);
  const figures = await text(page, G, '.figures');
  assert.match(figures, /sigmoid: first \d\.\de-\d+, last/);
  const biggest = (f) => Math.max(...f.norms);
  const he = biggest(m.flows.relu);
  await page.locator(`${G} select.init`).selectOption('large');
  m = await prop(page, G, 'measured');
  assert.equal(m.init, 'large');
  assert.ok(biggest(m.flows.relu) > 1e6 * he, `ReLU gradients with large weights ${biggest(m.flows.relu)} vs He ${he}`);
  await page.locator(`${G} input.depth`).focus();
  await page.keyboard.press('Home');
  await page.waitForFunction((G) => document.querySelector(G).measured.flows.relu.norms.length === 1, G);
  await page.locator(`${G} select.init`).selectOption('he');
  await page.locator(`${G} input.depth`).fill('20');
  await page.locator(`${G} input.depth`).dispatchEvent('change');
  await page.waitForFunction((G) => document.querySelector(G).measured.flows.relu.norms.length === 20, G);
  await screenshot(page, 'gradient-flow');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in Chinese the four widgets show no English interface strings', async () => {
  const page = await open('<plainly-activations></plainly-activations><plainly-neuron></plainly-neuron><plainly-perceptron set="xor"></plainly-perceptron><plainly-gradient-flow></plainly-gradient-flow>', 'zh');
  await page.waitForFunction(() => document.querySelector('plainly-perceptron').state !== null && document.querySelector('plainly-neuron').state !== null && Object.keys(document.querySelector('plainly-gradient-flow').measured.flows).length === 4);
  const shown = await shownText(page, ['plainly-activations', 'plainly-neuron', 'plainly-perceptron', 'plainly-gradient-flow']);
  const leftovers = shown.match(/\b(input|weight|threshold|fires|quiet|Step|Play|Pause|Reset|learning|rate|Epoch|right|mistakes|function|slope|value|Move|pointer|layers?|first|last|ratio|weights|Measured|small|large)\b/g);
  assert.equal(leftovers, null, `English left: ${leftovers}`);
  await screenshot(page, 'neurons-zh', { fullPage: true });
  await page.context().close();
});
