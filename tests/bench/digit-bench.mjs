// `make bench`, browser half and report: runs tests/bench/digit-bench.html in headless Chromium,
// measures page load to first possible prediction (cold and cached), reads file sizes, joins the
// native half's numbers, prints a table and writes JSON.
//
// Usage: node tests/bench/digit-bench.mjs NATIVE.json OUT.json

import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, ROOT } from '../helpers.mjs';

const [nativePath = 'target/bench/digit-native.json', outPath = 'target/bench/digit.json'] = process.argv.slice(2);
const native = JSON.parse(readFileSync(nativePath, 'utf8'));

// Cross-origin isolation only sharpens performance.now() from 100 µs to 5 µs steps; nothing here
// uses threads, and the widgets never need these headers.
const server = await serve(ROOT, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
const chrome = await launch();
try {
  // Navigation to first possible prediction: the widget's `ready` event, timed from navigation start.
  const page = await chrome.newPage({ viewport: { width: 1100, height: 900 } });
  await page.addInitScript(() => {
    document.addEventListener('ready', () => { window.__ready ??= performance.now(); });
  });
  const load = async () => {
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    return page.evaluate(() => window.__ready);
  };
  await page.goto(`${server.url}/?lang=en`);
  const cold = await load();
  await page.reload();
  const cached = await load();
  await page.context().close();

  const bench = await chrome.newPage();
  await bench.goto(`${server.url}/tests/bench/digit-bench.html`);
  const inPage = await bench.evaluate(() => window.benchResult);
  inPage.cross_origin_isolated = await bench.evaluate(() => crossOriginIsolated);
  if (inPage.error) throw new Error(inPage.error);
  const version = await chrome.browser.version();

  const size = (path) => {
    const bytes = readFileSync(join(ROOT, path));
    return { raw: statSync(join(ROOT, path)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const sizes = {
    wasm: size('web/pkg/plainly_wasm_bg.wasm'),
    glue_js: size('web/pkg/plainly_wasm.js'),
    weights_cnn: size('web/assets/digit-cnn.bpk'),
    weights_grid: size('web/assets/digit-grid.bpk'),
  };
  const nat = Object.fromEntries(native.native.map((b) => [b.backend, b]));
  const result = {
    date: new Date().toISOString(),
    chromium: version,
    machine: `${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores`,
    load_ms: { cold_first_prediction: cold, cached_first_prediction: cached },
    sizes,
    browser: inPage,
    native: nat,
  };
  const faster = inPage.plainly.flex.forward.median_ms <= inPage.plainly.ndarray.forward.median_ms ? 'flex' : 'ndarray';
  result.default_backend_should_be = faster;
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, JSON.stringify(result, null, 2) + '\n');

  const f = (s) => (s ? `${s.median_ms.toFixed(3)} / ${s.p95_ms.toFixed(3)}` : '—');
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  const rows = [
    ['', 'classify: preprocess + both nets', 'CNN forward + softmax'],
    ['plainly wasm, flex', f(inPage.plainly.flex.classify), f(inPage.plainly.flex.forward)],
    ['plainly wasm, ndarray', f(inPage.plainly.ndarray.classify), f(inPage.plainly.ndarray.forward)],
    [`TF.js ${inPage.tfjs.version} wasm`, '—', f(inPage.tfjs.wasm.forward)],
    [`TF.js ${inPage.tfjs.version} cpu`, '—', f(inPage.tfjs.cpu.forward)],
    ['plainly native, flex', f(nat.flex.classify), f(nat.flex.forward)],
    ['plainly native, ndarray', f(nat.ndarray.classify), f(nat.ndarray.forward)],
  ];
  console.log(`\nDigit classification, ms (median / p95; ${inPage.runs} runs, TF.js cpu ${inPage.tfjs.cpu.forward.runs}), ${version}`);
  for (const r of rows) console.log(`${r[0].padEnd(26)}${r[1].padStart(34)}${r[2].padStart(26)}`);
  const ratio = (a, b) => (a / b).toFixed(2);
  console.log(`\nforward time ÷ TF.js wasm: flex ${ratio(inPage.plainly.flex.forward.median_ms, inPage.tfjs.wasm.forward.median_ms)}×, ndarray ${ratio(inPage.plainly.ndarray.forward.median_ms, inPage.tfjs.wasm.forward.median_ms)}×; ÷ TF.js cpu: flex ${ratio(inPage.plainly.flex.forward.median_ms, inPage.tfjs.cpu.forward.median_ms)}×`);
  console.log(`wasm ÷ native (forward, flex): ${ratio(inPage.plainly.flex.forward.median_ms, nat.flex.forward.median_ms)}×`);
  console.log(`faster backend in the browser: ${faster} (the default is flex)`);
  console.log(`TF.js agreement with our probabilities (max |Δ|): wasm ${inPage.agreement.wasm.toExponential(1)}, cpu ${inPage.agreement.cpu.toExponential(1)}`);
  console.log(`navigation → first possible prediction: cold ${cold.toFixed(0)} ms, cached ${cached.toFixed(0)} ms`);
  console.log(`sizes (raw / gzip): wasm ${kb(sizes.wasm.raw)} / ${kb(sizes.wasm.gzip)}, glue JS ${kb(sizes.glue_js.raw)} / ${kb(sizes.glue_js.gzip)}, CNN weights ${kb(sizes.weights_cnn.raw)} / ${kb(sizes.weights_cnn.gzip)}, 16×16 weights ${kb(sizes.weights_grid.raw)} / ${kb(sizes.weights_grid.gzip)}`);
  console.log(`timer: ${inPage.cross_origin_isolated ? 'cross-origin isolated (5 µs steps)' : 'coarse (100 µs steps)'}; written: ${outPath}`);
} finally {
  await chrome.close();
  await server.close();
}
