// Accessibility: an automated audit (axe-core, from npm) of the reading page and of every widget
// alone on embed.html, in light and dark and in both languages; keyboard use with visible focus;
// the predicted digit announced; prefers-reduced-motion; the dark theme.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openWidget, screenshot, useBrowser } from './helpers.mjs';

const shared = useBrowser({ before: (f) => test.before(f), after: (f) => test.after(f) });
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const EMBED = existsSync(join(ROOT, 'embed.html'));

// Every `ready` a widget fires is recorded from the first script on, so none is missed.
const RECORD_READY = () => {
  window.plainlyReady = new Set();
  document.addEventListener('ready', (e) => window.plainlyReady.add(e.target.localName), true);
};

// Rules that fail the audit whatever impact axe gives them: headings that skip a level make the
// page's outline wrong for screen-reader users who jump by heading.
const ALWAYS = new Set(['heading-order']);

/** axe's violations of impact serious or critical (or of a rule in ALWAYS), as readable lines
 *  ([] when clean). */
async function audit(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.has(v.id))
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

/** Wait until every Plainly widget on the page has fired `ready` or shows a failure. */
async function allReady(page, timeout = 120000) {
  const waiting = () => [...document.querySelectorAll('*')]
    .filter((el) => el.localName.startsWith('plainly-') && el.shadowRoot)
    .filter((el) => !window.plainlyReady?.has(el.localName) && !el.shadowRoot.querySelector('.message:not([hidden])'))
    .map((el) => el.localName);
  try {
    await page.waitForFunction(`(${waiting})().length === 0`, null, { timeout });
  } catch (error) {
    throw new Error(`widgets never ready: ${await page.evaluate(`(${waiting})().join(', ')`)}`);
  }
}

/** The reading page in `lang` and `colorScheme`, scrolled through so lazy widgets load. */
async function readingPage({ lang = 'en', colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const page = await shared.chrome.newPage({ viewport: { width: 1200, height: 900 }, colorScheme, reducedMotion });
  await page.addInitScript(RECORD_READY);
  await page.goto(`${shared.server.url}/index.html?lang=${lang}`);
  const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll('main *')].map((el) => el.localName).filter((n) => n.startsWith('plainly-')))]);
  for (const tag of tags) {
    await page.locator(tag).first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
  }
  await allReady(page);
  return page;
}

/** Relative luminance (WCAG) of a CSS colour string as the browser resolves it. */
function luminance(colour) {
  const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const [lang, colorScheme] of [['en', 'light'], ['zh', 'dark']]) {
  test(`the reading page (${lang}, ${colorScheme}) has no serious or critical accessibility violations`, async () => {
    const page = await readingPage({ lang, colorScheme });
    // a prediction and marbles on show, so live results are audited too
    await page.evaluate(async () => {
      await document.querySelector('plainly-digit').showSample(3);
      document.querySelector('plainly-marbles').dropSwarm(10);
    });
    const problems = await audit(page);
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test(`every widget alone on ${EMBED ? 'embed.html' : 'a blank page'}, light and dark, passes the audit`, async () => {
  const probe = await shared.chrome.newPage();
  await probe.goto(`${shared.server.url}/tests/fixtures/blank.html`);
  const widgets = await probe.evaluate(async () => (await import('/web/plainly.js')).WIDGETS);
  await probe.close();
  assert.ok(widgets.length >= 9, `only ${widgets.length} widgets registered`);
  const failures = [];
  for (const colorScheme of ['light', 'dark']) {
    for (const name of widgets) {
      const lang = colorScheme === 'dark' ? 'zh' : 'en';
      let page;
      if (EMBED) {
        page = await shared.chrome.newPage({ viewport: { width: 1000, height: 900 }, colorScheme });
        await page.addInitScript(RECORD_READY);
        await page.goto(`${shared.server.url}/embed.html?widget=${name}&lang=${lang}`);
        await allReady(page);
      } else {
        page = await shared.chrome.newPage({ viewport: { width: 1000, height: 900 }, colorScheme });
        await openWidget(shared, `<plainly-${name}></plainly-${name}>`, { lang, page });
      }
      for (const line of await audit(page)) failures.push(`${name} (${colorScheme}): ${line}`);
      if (page.errors.length) failures.push(`${name} (${colorScheme}): page errors ${page.errors.join('; ')}`);
      await page.close();
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the audit sees inside the widgets\' shadow roots', async () => {
  const page = await openWidget(shared, '<plainly-neuron></plainly-neuron>');
  assert.deepEqual(await audit(page), []);
  await page.evaluate(() => document.querySelector('plainly-neuron').shadowRoot.append(document.createElement('button')));
  assert.match((await audit(page)).join('\n'), /critical button-name .*plainly-neuron/);
  await page.close();
});

test('the keyboard reaches every control on the reading page, and each shows where focus is', async (t) => {
  const page = await readingPage();
  await page.locator('header button').first().focus();
  const seen = new Map(); // widget → number of controls focused
  const invisible = [];
  let first = null;
  for (let i = 0; i < 600; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      let el = document.activeElement;
      let host = null;
      while (el?.shadowRoot?.activeElement) { host = el; el = el.shadowRoot.activeElement; }
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const path = `${host?.localName ?? 'page'} ${el.localName}.${[...el.classList].join('.')}${el.dataset.name ?? el.dataset.set ?? ''}`;
      return { host: host?.localName ?? 'page', path, outline, visible: el.checkVisibility?.() ?? true, key: `${path}#${[...(el.parentNode?.children ?? [])].indexOf(el)}:${el.getBoundingClientRect().top + scrollY}` };
    });
    if (!focus) continue;
    if (focus.key === first) break; // round the whole page once
    first ??= focus.key;
    seen.set(focus.host, (seen.get(focus.host) ?? 0) + 1);
    if (!focus.outline) invisible.push(focus.path);
  }
  t.diagnostic(`controls reached by Tab: ${JSON.stringify(Object.fromEntries(seen))}`);
  assert.deepEqual(invisible, [], `focused without a visible outline: ${invisible.join(', ')}`);
  for (const tag of ['plainly-neuron', 'plainly-digit', 'plainly-marbles', 'plainly-perceptron', 'plainly-activations',
    'plainly-gradient-flow', 'plainly-embeddings', 'plainly-attention']) {
    assert.ok(seen.get(tag) > 0, `the keyboard never reached ${tag} (${JSON.stringify([...seen])})`);
  }
  await page.close();
});

test('without drawing: the keyboard puts a real test digit on the pad, and the prediction is announced', async () => {
  const page = await openWidget(shared, '<plainly-digit></plainly-digit>');
  const live = () => page.evaluate(() => document.querySelector('plainly-digit').shadowRoot.querySelector('[aria-live]').textContent);
  assert.equal(await live(), '');
  await page.keyboard.press('Tab'); // Clear
  await page.keyboard.press('Tab'); // Use a real test digit
  const focused = await page.evaluate(() => document.querySelector('plainly-digit').shadowRoot.activeElement?.className);
  assert.equal(focused, 'sample');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('plainly-digit').prediction !== null);
  const { prediction, note } = await page.evaluate(() => {
    const el = document.querySelector('plainly-digit');
    return { prediction: el.prediction.digit, note: el.shadowRoot.querySelector('.sample-note').textContent };
  });
  const label = Number(note.match(/labelled (\d)/)[1]);
  assert.equal(prediction, label, `the CNN reads the real test digit ${label} as ${prediction}`);
  assert.match(await live(), new RegExp(`^Prediction: ${prediction}, \\d+%$`));
  // another press, another digit; Clear empties the pad
  await page.keyboard.press('Enter');
  await page.waitForFunction((before) => document.querySelector('plainly-digit').shadowRoot.querySelector('.sample-note').textContent !== before, note);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('plainly-digit').prediction), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('prefers-reduced-motion: Play shows the end state at once instead of rolling the marbles, and the perceptron jumps too', async () => {
  const page = await shared.chrome.newPage({ viewport: { width: 1100, height: 1000 }, reducedMotion: 'reduce' });
  await openWidget(shared, '<plainly-marbles surface="bowl" lr="0.1"></plainly-marbles><plainly-perceptron set="and"></plainly-perceptron>', { page });
  await page.waitForFunction(() => document.querySelector('plainly-perceptron').state !== null);
  const result = await page.evaluate(async () => {
    const el = document.querySelector('plainly-marbles');
    let frames = 0;
    el.addEventListener('marbles-step', () => frames++);
    el.dropSwarm(10);
    el.shadowRoot.querySelector('.play').click();
    await new Promise((resolve) => {
      const check = () => (el.shadowRoot.querySelector('.play').getAttribute('aria-pressed') === 'false' ? resolve() : setTimeout(check, 20));
      check();
    });
    const snap = el.snapshot();
    const perceptron = document.querySelector('plainly-perceptron');
    perceptron.shadowRoot.querySelector('.play').click();
    return {
      frames, steps: snap.steps, worst: Math.max(...snap.panels[0].marbles.map((m) => m.loss)),
      perceptron: perceptron.state, playing: perceptron.shadowRoot.querySelector('.play').textContent,
      announce: el.shadowRoot.querySelector('.announce').textContent,
    };
  });
  assert.equal(result.frames, 1, 'one picture, the end state');
  assert.ok(result.steps > 10, `${result.steps} steps`);
  assert.ok(result.worst < 1e-3, `every marble reached the bottom of the bowl (worst loss ${result.worst})`);
  assert.match(result.announce, /step/i);
  assert.equal(result.perceptron.mistakes, 0, 'AND is learnt at once');
  assert.equal(result.playing, 'Play');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('dark theme: page, widgets and canvases turn dark with the reader\'s setting, text keeps its contrast', async () => {
  const page = await readingPage({ colorScheme: 'dark' });
  const colours = await page.evaluate(() => {
    const neuron = document.querySelector('plainly-neuron');
    const canvas = neuron.shadowRoot.querySelector('canvas');
    // the plane's corner (x = −0.5, y = −0.5) is where the default neuron stays quiet: paper
    const [r, g, b] = canvas.getContext('2d').getImageData(2, canvas.height - 3, 1, 1).data;
    return {
      body: getComputedStyle(document.body).backgroundColor,
      section: getComputedStyle(document.querySelector('section')).backgroundColor,
      ink: getComputedStyle(neuron).color,
      paper: neuron.theme().paper,
      plane: `rgb(${r}, ${g}, ${b})`,
    };
  });
  for (const key of ['body', 'section', 'plane']) assert.ok(luminance(colours[key]) < 0.05, `${key} is ${colours[key]}`);
  assert.ok(luminance(colours.ink) > 0.6, `text is ${colours.ink}`);
  for (const tag of ['neuron', 'digit', 'marbles', 'embeddings', 'attention']) {
    await page.locator(`plainly-${tag}`).scrollIntoViewIfNeeded();
    await screenshot(page, `a11y-dark-${tag}`, { clip: await page.locator(`plainly-${tag}`).boundingBox().then((b) => ({ ...b, height: Math.min(b.height, 900) })) });
  }
  // a reader who switches theme while reading: the canvases repaint in the light colours
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => {
    const canvas = document.querySelector('plainly-neuron').shadowRoot.querySelector('canvas');
    return canvas.getContext('2d').getImageData(2, canvas.height - 3, 1, 1).data[0] > 200;
  });
  assert.deepEqual(page.errors, []);
  await page.close();
});
