// In-page half of the digit benchmark: our wasm (flex and ndarray backends) against TensorFlow.js
// (wasm and cpu backends) running the same CNN with the same trained weights.
// Results go to `window.benchResult`; tests/bench/digit-bench.mjs prints and saves them.

import init, { DigitClassifier } from '/web/pkg/plainly_wasm.js';
import { timer } from './timing.js';
import { cnnInTfjs } from './tfjs-cnn.js';

const RUNS = 1000;
const tf = globalThis.tf;

const time = timer({ runs: RUNS, warmup: 20 });

async function bytes(path) {
  return new Uint8Array(await (await fetch(path)).arrayBuffer());
}

async function run() {
  await init({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
  const [cnn, grid] = [await bytes('/web/assets/digit-cnn.bpk'), await bytes('/web/assets/digit-grid.bpk')];
  const sample = await (await fetch('/tests/fixtures/mnist-test-sample.json')).json();
  // The same 280 × 280 canvas the native half builds: each MNIST pixel a 10 × 10 block of ink.
  const rgba = new Uint8Array(280 * 280 * 4);
  for (let y = 0; y < 280; y++) {
    for (let x = 0; x < 280; x++) rgba[(y * 280 + x) * 4 + 3] = sample[0].pixels[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
  }
  const result = { runs: RUNS, plainly: {}, tfjs: {}, agreement: {} };
  let framed;
  let ours;
  for (const backend of ['flex', 'ndarray']) {
    const c = new DigitClassifier(cnn, grid, backend);
    framed ??= new Float32Array(c.classifyRgba(rgba, 280, 280).input28);
    ours ??= c.cnnProbabilities(framed);
    result.plainly[backend] = {
      classify: time(() => c.classifyRgba(rgba, 280, 280)),
      forward: time(() => c.cnnProbabilities(framed)),
    };
    c.free();
  }
  const c = new DigitClassifier(cnn, grid);
  const parameters = c.cnnParameters();
  c.free();
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    const model = cnnInTfjs(tf, parameters);
    const theirs = model.predict(framed);
    result.agreement[backend] = Math.max(...Array.from(theirs, (p, i) => Math.abs(p - ours[i])));
    // the cpu backend is ~100× slower: fewer runs keep the benchmark short
    result.tfjs[backend] = { forward: time(() => model.predict(framed), backend === 'cpu' ? 100 : RUNS) };
    model.dispose();
  }
  result.tfjs.version = tf.version.tfjs;
  return result;
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
window.benchResult.then((r) => { document.getElementById('out').textContent = JSON.stringify(r, null, 2); });
