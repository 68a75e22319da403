// <plainly-backprop> in real headless Chromium: the step buttons, an edited example, a clicked
// connection, the settings, a gradient-descent step; every shown gradient is compared with an
// independent float64 forward pass and central finite difference written here in JavaScript.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, shownText, useBrowser, openWidget } from './helpers.mjs';

const shared = useBrowser({ before, after });
const B = 'plainly-backprop';
const open = (lang = 'en', attrs = '') => openWidget(shared, `<${B}${attrs}></${B}>`, { lang, viewport: { width: 1200, height: 1300 } });

const prop = (page, name) => page.evaluate(([tag, name]) => document.querySelector(tag)[name], [B, name]);
const text = (page, s) => page.evaluate(([tag, s]) => document.querySelector(tag).shadowRoot.querySelector(s).textContent, [B, s]);
const click = (page, s) => page.locator(`${B} ${s}`).click();
const disabled = (page, s) => page.locator(`${B} ${s}`).isDisabled();

// ---- the reference: the same 2-3-1 network, computed independently in float64 ----
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
function lossOf(params, { x, y, hidden, loss }, nudge = {}) {
  const f = hidden === 'tanh' ? Math.tanh : sigmoid;
  const z = [0, 1, 2].map((j) => params[2 * j] * x[0] + params[2 * j + 1] * x[1] + params[6 + j] + (nudge.z?.[j] ?? 0));
  const h = z.map((v, j) => f(v) + (nudge.h?.[j] ?? 0));
  const zo = h.reduce((s, v, j) => s + params[9 + j] * v, params[12]) + (nudge.zo ?? 0);
  const yhat = sigmoid(zo) + (nudge.yhat ?? 0);
  const L = loss === 'squared-error' ? 0.5 * (yhat - y) ** 2 : -(y * Math.log(yhat) + (1 - y) * Math.log(1 - yhat));
  return { z, h, zo, yhat, L };
}
function reference(params, example) {
  const h = 1e-6;
  const diff = (plus, minus) => (plus.L - minus.L) / (2 * h);
  const param = params.map((_, k) => {
    const up = [...params]; up[k] += h;
    const down = [...params]; down[k] -= h;
    return diff(lossOf(up, example), lossOf(down, example));
  });
  const node = (key, j) => {
    const at = (d) => (j === undefined ? { [key]: d } : { [key]: Object.assign([0, 0, 0], { [j]: d }) });
    return diff(lossOf(params, example, at(h)), lossOf(params, example, at(-h)));
  };
  return {
    forward: lossOf(params, example),
    params: param,
    z: [0, 1, 2].map((j) => node('z', j)), h: [0, 1, 2].map((j) => node('h', j)),
    zo: node('zo'), yhat: node('yhat'),
  };
}
const rel = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** A number as the widget prints it: "-0.0123", "1,234.5000", "1.23×10⁻⁵". */
function parseShown(s) {
  const t = s.trim().replace(/^\((.*)\)$/, '$1').replace(/,/g, '').replace(/−/g, '-');
  const sci = t.match(/^(-?[\d.]+)×10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  if (sci) {
    const exp = Number(sci[2].replace('⁻', '-').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(d)));
    return Number(sci[1]) * 10 ** exp;
  }
  assert.match(t, /^-?\d+(\.\d+)?$/, `not a shown number: ${s}`);
  return Number(t);
}
/** How far a shown number may be from the truth: half its last digit. */
function roundingOf(s) {
  const t = s.trim().replace(/^\((.*)\)$/, '$1');
  const sci = t.match(/^-?[\d.]+×10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  if (sci) return 0.005 * Math.abs(parseShown(t)) / Math.abs(Number(t.split('×')[0])) * 1.01;
  const decimals = (t.split('.')[1] ?? '').length;
  return 0.5 * 10 ** -decimals * 1.01;
}

/** The table's rows: {name, value, autodiff, fd, rel} (texts), by parameter index. */
const tableRows = (page) => page.evaluate((tag) => {
  const rows = {};
  document.querySelector(tag).shadowRoot.querySelectorAll('table.grads tr[data-param]').forEach((tr) => {
    const cell = (c) => tr.querySelector(`.${c}`).textContent;
    rows[tr.dataset.param] = { name: tr.querySelector('button').textContent, value: cell('value'), autodiff: cell('autodiff'), fd: cell('fd'), rel: cell('rel') };
  });
  return rows;
}, B);

/** Every shown gradient and every gradient in `pass` against the reference. */
async function checkAgainstReference(page, example) {
  const pass = await prop(page, 'pass');
  assert.deepEqual(pass.x, example.x);
  assert.equal(pass.y, example.y);
  const ref = reference(pass.params, example);
  // forward values
  pass.z.forEach((v, j) => assert.ok(Math.abs(v - ref.forward.z[j]) < 1e-12, `z${j + 1}`));
  pass.h.forEach((v, j) => assert.ok(Math.abs(v - ref.forward.h[j]) < 1e-12, `h${j + 1}`));
  assert.ok(Math.abs(pass.yhat - ref.forward.yhat) < 1e-12);
  assert.ok(Math.abs(pass.loss - ref.forward.L) < 1e-12);
  // every gradient the widget holds (13 parameters, 8 nodes), autodiff vs our finite difference
  const pairs = [
    ...pass.autodiff.params.map((g, k) => [`θ${k}`, g, ref.params[k]]),
    ...pass.autodiff.z.map((g, j) => [`z${j + 1}`, g, ref.z[j]]),
    ...pass.autodiff.h.map((g, j) => [`h${j + 1}`, g, ref.h[j]]),
    ['zo', pass.autodiff.zo, ref.zo], ['yhat', pass.autodiff.yhat, ref.yhat],
  ];
  for (const [name, g, fd] of pairs) assert.ok(rel(g, fd) <= 1e-3, `${name}: autodiff ${g} vs finite difference ${fd}`);
  assert.ok(pass.max_relative_error <= 1e-3);
  // every number in the table, as shown
  const rows = await tableRows(page);
  for (let k = 0; k < 13; k++) {
    const row = rows[k];
    for (const [col, want] of [['value', pass.params[k]], ['autodiff', ref.params[k]], ['fd', ref.params[k]]]) {
      const shown = parseShown(row[col]);
      assert.ok(Math.abs(shown - want) <= roundingOf(row[col]) + 1e-3 * Math.abs(want), `${row.name} ${col}: shown ${row[col]}, reference ${want}`);
    }
    assert.ok(parseShown(row.rel) <= 1e-3, `${row.name}: relative error ${row.rel}`);
  }
  return { pass, ref, rows };
}

/** The chain-rule panel of the chosen parameter k against the reference. */
async function checkChain(page, k, name, example) {
  const pass = await prop(page, 'pass');
  const ref = reference(pass.params, example);
  const formula = await text(page, '.chain .formula');
  const j = name.at(1);
  const expected = {
    w: `∂L/∂${name} = ∂L/∂ŷ · ∂ŷ/∂zₒ · ∂zₒ/∂h${j} · ∂h${j}/∂z${j} · ∂z${j}/∂${name}`,
    b: `∂L/∂${name} = ∂L/∂ŷ · ∂ŷ/∂zₒ · ∂zₒ/∂h${j} · ∂h${j}/∂z${j} · ∂z${j}/∂${name}`,
    v: `∂L/∂${name} = ∂L/∂ŷ · ∂ŷ/∂zₒ · ∂zₒ/∂${name}`,
    c: '∂L/∂c = ∂L/∂ŷ · ∂ŷ/∂zₒ · ∂zₒ/∂c',
  }[name[0]];
  assert.equal(formula, expected);
  // the shown factors multiply to the shown product (up to their rounding), which is the gradient
  const factors = (await text(page, '.chain .numbers')).replace(/^= /, '').split(' × ');
  const product = parseShown((await text(page, '.chain .product')).replace(/^= /, ''));
  assert.ok(rel(product, ref.params[k]) <= 1e-3, `${name}: product ${product} vs finite difference ${ref.params[k]}`);
  const fromFactors = factors.map(parseShown).reduce((a, b) => a * b, 1);
  assert.ok(rel(fromFactors, ref.params[k]) < 0.02 || Math.abs(fromFactors - ref.params[k]) < 1e-4, `${name}: ${factors.join(' × ')} = ${fromFactors} vs ${ref.params[k]}`);
  // the factors are the textbook ones, computed here from our own forward pass
  const f = ref.forward;
  const dL = example.loss === 'squared-error' ? f.yhat - example.y : -example.y / f.yhat + (1 - example.y) / (1 - f.yhat);
  const slope = (zj, hj) => (example.hidden === 'tanh' ? 1 - hj ** 2 : hj * (1 - hj));
  const i = name[0] === 'w' ? Number(name.at(2) === '₁' ? 0 : 1) : null;
  const jj = '₁₂₃'.indexOf(j);
  const want = {
    w: () => [dL, f.yhat * (1 - f.yhat), pass.params[9 + jj], slope(f.z[jj], f.h[jj]), example.x[i]],
    b: () => [dL, f.yhat * (1 - f.yhat), pass.params[9 + jj], slope(f.z[jj], f.h[jj]), 1],
    v: () => [dL, f.yhat * (1 - f.yhat), f.h[jj]],
    c: () => [dL, f.yhat * (1 - f.yhat), 1],
  }[name[0]]();
  factors.forEach((s, n) => assert.ok(Math.abs(parseShown(s) - want[n]) <= roundingOf(s) + 1e-9, `${name} factor ${n + 1}: shown ${s}, want ${want[n]}`));
  const check = await text(page, '.chain .check');
  assert.match(check, /they agree \(below 10⁻³\)/);
}

test('backprop: step forward and backward layer by layer; every shown gradient equals a finite difference', async () => {
  const page = await open();
  assert.equal(await prop(page, 'stage'), 'start');
  assert.ok(await disabled(page, 'button.backward'), 'no backward pass before the forward pass');
  assert.ok(await disabled(page, 'button.descend'));
  let rows = await tableRows(page);
  assert.equal(rows[0].autodiff, '—');

  await click(page, 'button.forward');
  assert.equal(await prop(page, 'stage'), 'hidden');
  assert.match(await text(page, '.status'), /Forward, hidden layer/);
  await click(page, 'button.forward');
  assert.equal(await prop(page, 'stage'), 'output');
  assert.ok(await disabled(page, 'button.forward'));
  const example = { x: [1, 0.5], y: 1, hidden: 'sigmoid', loss: 'squared-error' };
  const pass = await prop(page, 'pass');
  const loss = lossOf(pass.params, example).L;
  assert.equal(await text(page, '.status'), `Forward, output layer: the output ŷ = σ(zₒ) = ${lossOf(pass.params, example).yhat.toFixed(4)} against the target y = 1.00 gives the loss L = ${loss.toFixed(4)}. Now go backward.`);
  // the default chosen weight is w₂₁, a hidden-layer weight: its chain waits for the backward pass
  assert.match(await text(page, '.chain'), /Run the backward pass down to the hidden layer/);

  await click(page, 'button.backward');
  assert.equal(await prop(page, 'stage'), 'back-output');
  rows = await tableRows(page);
  assert.notEqual(rows[9].autodiff, '—', 'output-layer gradients shown');
  assert.equal(rows[0].autodiff, '—', 'hidden-layer gradients not yet');
  await click(page, 'button.backward');
  assert.equal(await prop(page, 'stage'), 'back-hidden');
  assert.ok(await disabled(page, 'button.backward'));
  await checkAgainstReference(page, example);
  await checkChain(page, 2, 'w₂₁', example);

  // the reader edits the example: typed into the number fields
  for (const [cls, v] of [['x1', '-1.5'], ['x2', '2'], ['y', '0.2']]) {
    await page.locator(`${B} input.${cls}`).fill(v);
    await page.locator(`${B} input.${cls}`).press('Tab');
  }
  const edited = { ...example, x: [-1.5, 2], y: 0.2 };
  await checkAgainstReference(page, edited);

  // click a connection on the canvas: w₃₂ (from x₂ to the third hidden unit)
  const canvas = await page.locator(`${B} canvas`).boundingBox();
  for (const [k, name] of [[5, 'w₃₂'], [10, 'v₂']]) {
    const pt = await page.evaluate(([tag, k]) => document.querySelector(tag).edgePoint(k), [B, k]);
    await page.mouse.click(canvas.x + pt.x, canvas.y + pt.y);
    assert.equal(await prop(page, 'selected'), k, `clicking ${name}`);
    assert.equal(await text(page, '.chain h3'), `The chain rule for ${name}`);
    await checkChain(page, k, name, edited);
  }
  // a bias from the table, by keyboard
  await page.locator(`${B} tr[data-param="7"] button`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await prop(page, 'selected'), 7);
  await checkChain(page, 7, 'b₂', edited);
  await screenshot(page, 'backprop', { fullPage: true });

  // tanh hidden units and cross-entropy
  await page.locator(`${B} select.hidden-act`).selectOption('tanh');
  await page.locator(`${B} select.loss`).selectOption('cross-entropy');
  const tanh = { ...edited, hidden: 'tanh', loss: 'cross-entropy' };
  await checkAgainstReference(page, tanh);
  await page.locator(`${B} tr[data-param="0"] button`).click();
  await checkChain(page, 0, 'w₁₁', tanh);
  await page.locator(`${B} tr[data-param="12"] button`).click();
  await checkChain(page, 12, 'c', tanh);
  assert.equal(await page.evaluate((tag) => document.querySelector(tag).settings.loss, B), 'cross-entropy');

  // a gradient-descent step lowers the loss; the widget goes back to "forward done"
  const params = (await prop(page, 'pass')).params;
  const g = reference(params, tanh).params;
  const lossBefore = lossOf(params, tanh).L;
  await click(page, 'button.descend');
  assert.equal(await prop(page, 'stage'), 'output');
  const stepped = await prop(page, 'pass');
  stepped.params.forEach((p, k) => assert.ok(Math.abs(p - (params[k] - 0.5 * g[k])) < 1e-6, `θ${k} after one step`));
  const lossAfter = lossOf(stepped.params, tanh).L;
  assert.ok(lossAfter < lossBefore);
  assert.match(await text(page, '.status'), new RegExp(`loss went from ${lossBefore.toFixed(4)} to ${lossAfter.toFixed(4)}`));
  assert.ok(await disabled(page, 'button.descend'), 'the next step needs the next backward pass');
  await click(page, 'button.backward');
  await click(page, 'button.backward');
  await checkAgainstReference(page, tanh);

  await click(page, 'button.reset');
  assert.equal(await prop(page, 'stage'), 'start');
  assert.deepEqual((await prop(page, 'pass')).params, params);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('backprop: a bad input is refused with a message, and attributes set the example', async () => {
  const page = await open('en', ' x1="2" x2="-1" y="0" activation="tanh" param="9"');
  assert.equal(await prop(page, 'selected'), 9);
  const example = { x: [2, -1], y: 0, hidden: 'tanh', loss: 'squared-error' };
  for (let i = 0; i < 2; i++) await click(page, 'button.forward');
  for (let i = 0; i < 2; i++) await click(page, 'button.backward');
  await checkAgainstReference(page, example);
  await checkChain(page, 9, 'v₁', example);
  await page.locator(`${B} input.y`).fill('3');
  await page.locator(`${B} input.y`).press('Tab');
  assert.match(await text(page, '.message'), /target y = 3 must be between 0 and 1/);
  await checkAgainstReference(page, example); // nothing changed
  await page.locator(`${B} input.y`).fill('1');
  await page.locator(`${B} input.y`).press('Tab');
  assert.equal(await page.locator(`${B} .message`).isHidden(), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('backprop in Chinese: no English interface strings', async () => {
  const page = await open('zh');
  for (let i = 0; i < 2; i++) await click(page, 'button.forward');
  for (let i = 0; i < 2; i++) await click(page, 'button.backward');
  const shown = await shownText(page, [B]);
  const leftovers = shown.match(/\b(input|target|hidden|layer|loss|learning|rate|Forward|Backward|Reset|Gradient|descent|step|parameter|value|finite|difference|relative|error|chain|rule|agree|Output|Hidden)\b/g);
  assert.equal(leftovers, null, `English left: ${leftovers}`);
  assert.match(shown, /两者一致/);
  assert.doesNotMatch(shown, /\{\w+\}/, 'an unfilled placeholder');
  await screenshot(page, 'backprop-zh', { fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
