// Our CNN forward pass (burn, flex backend, in wasm) against an independent implementation: the
// same network written in TensorFlow.js ops (its plain-JavaScript cpu backend), fed our weights.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './helpers.mjs';

test('TensorFlow.js computes the same probabilities from our weights (max |Δ| < 1e-4)', async () => {
  const server = await serve();
  const chrome = await launch();
  try {
    const page = await chrome.newPage();
    await page.goto(`${server.url}/tests/fixtures/blank.html`);
    await page.addScriptTag({ url: '/node_modules/@tensorflow/tfjs/dist/tf.min.js' });
    const result = await page.evaluate(async () => {
      const wasm = await import('/web/pkg/plainly_wasm.js');
      await wasm.default({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
      const { cnnInTfjs } = await import('/tests/bench/tfjs-cnn.js');
      const bytes = async (n) => new Uint8Array(await (await fetch(`/web/assets/${n}`)).arrayBuffer());
      const c = new wasm.DigitClassifier(await bytes('digit-cnn.bpk'), await bytes('digit-grid.bpk'));
      await tf.setBackend('cpu');
      const model = cnnInTfjs(tf, c.cnnParameters());
      const sample = await (await fetch('/tests/fixtures/mnist-test-sample.json')).json();
      const inputs = sample.map((d) => Float32Array.from(d.pixels, (v) => v / 255));
      // blends of two different digits: inputs the network is unsure about, where a wrong
      // forward pass could not hide behind a saturated softmax
      for (let i = 0; i < 50; i++) {
        const a = inputs[i], b = inputs[99 - i];
        inputs.push(a.map((v, k) => Math.max(v, b[k]) * 0.7));
      }
      let maxDiff = 0, unsure = 0;
      for (const gray of inputs) {
        const framed = new Float32Array(c.classifyGray(gray).input28);
        const ours = c.cnnProbabilities(framed);
        const theirs = model.predict(framed);
        if (Math.max(...ours) < 0.99) unsure++;
        for (let k = 0; k < 10; k++) maxDiff = Math.max(maxDiff, Math.abs(ours[k] - theirs[k]));
      }
      model.dispose();
      c.free();
      return { maxDiff, unsure, n: inputs.length };
    });
    console.log(`TF.js vs plainly: ${result.n} inputs, ${result.unsure} unsure, max |Δp| = ${result.maxDiff.toExponential(2)}`);
    assert.ok(result.unsure >= 10, `only ${result.unsure} uncertain inputs`);
    assert.ok(result.maxDiff < 1e-4, `max difference ${result.maxDiff}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await chrome.close();
    await server.close();
  }
});
