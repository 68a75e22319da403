// Shared set-up for the browser tests: a static server on loopback (npm http-server, the same
// one `make serve` uses) and Debian's headless Chromium driven by playwright-core.

import { readFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import httpServer from 'http-server';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = join(ROOT, 'tests/output');

/** Start serving the repository root on 127.0.0.1 at a free port, with extra `headers`;
 *  `cache` is the Cache-Control max-age in seconds (−1: no caching, as in the tests). */
export async function serve(root = ROOT, headers = {}, { cache = -1 } = {}) {
  const server = httpServer.createServer({ root, cache, showDir: false, logFn: () => {}, headers });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  const close = () => new Promise((resolve) => {
    server.server.close(resolve);
    server.server.closeAllConnections?.();
  });
  return { url: `http://127.0.0.1:${port}`, close };
}

/**
 * Launch headless Chromium with the flags this sandbox needs. playwright-core gives every launch
 * a fresh temporary profile (user-data-dir) and removes it on close.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    browser,
    /** A page in its own context (`options`: viewport, deviceScaleFactor, hasTouch, …). */
    async newPage(options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e.message));
      return page;
    },
    close: () => browser.close(),
  };
}

/** The MNIST test digits the training CLI picked for browser tests (10 per class). */
export function sampleDigits() {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/mnist-test-sample.json'), 'utf8'));
}

/**
 * Thin a 28×28 digit to a one-pixel skeleton (Zhang & Suen 1984, "A fast parallel algorithm for
 * thinning digital patterns"): what a pen would trace to write it. Returns 0/1 cells.
 */
export function skeleton(pixels, threshold = 64) {
  const n = 28;
  const img = Array.from(pixels, (v) => (v >= threshold ? 1 : 0));
  const at = (x, y) => (x < 0 || y < 0 || x >= n || y >= n ? 0 : img[y * n + x]);
  for (let changed = true; changed;) {
    changed = false;
    for (const step of [0, 1]) {
      const remove = [];
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          if (!at(x, y)) continue;
          // neighbours P2..P9 clockwise from north
          const p = [at(x, y - 1), at(x + 1, y - 1), at(x + 1, y), at(x + 1, y + 1), at(x, y + 1), at(x - 1, y + 1), at(x - 1, y), at(x - 1, y - 1)];
          const b = p.reduce((a, v) => a + v, 0);
          let a = 0;
          for (let k = 0; k < 8; k++) if (!p[k] && p[(k + 1) % 8]) a++;
          const [p2, , p4, , p6, , p8] = p;
          const ok = step === 0 ? !(p2 && p4 && p6) && !(p4 && p6 && p8) : !(p2 && p4 && p8) && !(p2 && p6 && p8);
          if (b >= 2 && b <= 6 && a === 1 && ok) remove.push(y * n + x);
        }
      }
      for (const i of remove) img[i] = 0;
      if (remove.length) changed = true;
    }
  }
  return img;
}

/** Polylines through a skeleton's pixels (8-connected), each one pen stroke: [[x, y], …]. */
export function strokes(cells) {
  const n = 28;
  const on = (x, y) => x >= 0 && y >= 0 && x < n && y < n && cells[y * n + x] === 1;
  const key = (a, b) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  const edges = new Set();
  const neighbours = new Map();
  const link = (a, b) => {
    edges.add(key(a, b));
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!on(x, y)) continue;
      const i = y * n + x;
      neighbours.set(i, neighbours.get(i) ?? []);
      if (on(x + 1, y)) link(i, i + 1);
      if (on(x, y + 1)) link(i, i + n);
      // a diagonal only where no orthogonal pixel already joins the two
      if (on(x + 1, y + 1) && !on(x + 1, y) && !on(x, y + 1)) link(i, i + n + 1);
      if (on(x - 1, y + 1) && !on(x - 1, y) && !on(x, y + 1)) link(i, i + n - 1);
    }
  }
  const lines = [];
  const unused = (i) => neighbours.get(i).filter((j) => edges.has(key(i, j)));
  const starts = [...neighbours.keys()].sort((a, b) => (unused(a).length % 2) - (unused(b).length % 2) || a - b).reverse();
  for (const start of starts) {
    if (neighbours.get(start).length === 0) { lines.push([start]); continue; }
    while (unused(start).length) {
      const line = [start];
      let at = start;
      for (let next; (next = unused(at)[0]) !== undefined; at = next) {
        edges.delete(key(at, next));
        line.push(next);
      }
      lines.push(line);
    }
  }
  return lines.map((line) => line.map((i) => [i % n, Math.floor(i / n)]));
}

/**
 * Write a 28×28 digit on the pad as real pointer strokes, the way a person would: the digit's
 * skeleton traced with the pad's own pen, inside the box `{x, y, size}` (page pixels).
 * `burst: false` waits for the page after every move (a slow hand: one event per frame).
 */
export async function drawDigit(page, pixels, { x, y, size }, { burst = true } = {}) {
  const cell = size / 28;
  const to = ([cx, cy]) => [x + (cx + 0.5) * cell, y + (cy + 0.5) * cell];
  const cdp = burst ? (page.cdp ??= await page.context().newCDPSession(page)) : null;
  for (const line of strokes(skeleton(pixels))) {
    await page.mouse.move(...to(line[0]));
    await page.mouse.down();
    if (burst) {
      // A quick hand: every move of the stroke is sent without waiting for the page to draw
      // the one before, so Chromium merges moves that arrive within one frame into one event
      // (the pad reads the merged ones back with getCoalescedEvents). One awaited move per
      // point costs a frame each, which on the long reading page in software rendering was
      // 35–50 ms: 100 drawn digits took 7–8 minutes.
      await Promise.all(line.slice(1).map((point) => {
        const [px, py] = to(point);
        return cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: px, y: py, button: 'left', buttons: 1 });
      }));
      // Playwright's mouse keeps its own position: bring it to the stroke's end before lifting
      await page.mouse.move(...to(line[line.length - 1]));
    } else {
      for (const point of line.slice(1)) await page.mouse.move(...to(point));
    }
    await page.mouse.up();
  }
}

/** The widget's pad box in page coordinates. */
export async function padBox(page, widget = 'plainly-digit') {
  return page.locator(`${widget} canvas.pad`).first().boundingBox();
}

/** Wait until the digit widget has loaded its networks. */
export async function digitReady(page, selector = 'plainly-digit') {
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    const text = el?.shadowRoot?.querySelector('.verdict .text')?.textContent ?? '';
    const error = el?.shadowRoot?.querySelector('.message:not([hidden])');
    return error || (text && !/Loading|正在加载/.test(text));
  }, selector);
}

/** Every text the widgets `tags` show (their shadow roots' text, not styles, and every
 *  aria-label), joined by spaces: what a language check scans. */
export function shownText(page, tags) {
  return page.evaluate((tags) => tags.map((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    const texts = [];
    const walk = (node) => {
      if (node.nodeType === 3 && node.parentElement?.localName !== 'style') texts.push(node.textContent);
      node.childNodes.forEach(walk);
    };
    walk(root);
    root.querySelectorAll('[aria-label]').forEach((el) => texts.push(el.getAttribute('aria-label')));
    return texts.join(' ');
  }).join(' '), tags);
}

/** Save a screenshot under tests/output/ (ignored by git) and return its path. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/**
 * A served repository and one headless Chromium for a whole test file: registers node:test
 * `before`/`after` hooks and returns `{server, chrome}` (filled in once `before` ran).
 */
export function useBrowser(hooks) {
  const shared = {};
  hooks.before(async () => {
    shared.server = await serve();
    shared.chrome = await launch();
  });
  hooks.after(async () => {
    await shared.chrome?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * A blank page holding `html` (widgets only, so tests do not depend on the reading page's
 * layout) in language `lang`, with web/plainly.js loaded; resolves once the first element in
 * `html` fired `ready`. Pass `page` to reuse a page (for example one in a shared context).
 */
export async function openWidget(shared, html, { lang = 'en', page = null, viewport = { width: 1200, height: 1000 } } = {}) {
  page ??= await shared.chrome.newPage({ viewport });
  page.errors ??= [];
  await page.goto(`${shared.server.url}/tests/fixtures/blank.html`);
  await page.evaluate(([html, lang]) => {
    document.documentElement.lang = lang;
    document.body.innerHTML = html;
  }, [html, lang]);
  const tag = html.match(/<([a-z-]+)/)[1];
  const ready = page.evaluate((tag) => new Promise((resolve) => document.querySelector(tag).addEventListener('ready', resolve, { once: true })), tag);
  await page.addScriptTag({ type: 'module', url: '/web/plainly.js' });
  await ready;
  return page;
}
