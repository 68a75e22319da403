// In-page half of the playground benchmark: training steps per second of the playground's default
// network (XOR, 500 points of which 250 train, 2-8-8-1 tanh, SGD η = 0.1, batch 10, seed 1)
// through the wasm `Playground` the widget uses, and the same network trained by TensorFlow.js on
// the same points. Every call to `step(n)` also measures train and test loss and accuracy once and
// returns them (the widget makes one call per frame), so two rates are measured: one step per call
// (the most a call can cost per step) and 100 steps per call (the amortised rate). The peer pays
// the same: after each call's steps it computes the same four numbers and reads them back.
// Also timed: the widget's per-frame read-backs, `grid(48, 1.2)` and `weights()`.
// Results go to `window.benchResult`.

import init, { Playground } from '/web/pkg/plainly_wasm.js';
import { timer } from './timing.js';

const SPEC = {
  dataset: 'xor', noise: 0, points: 500, hidden: [8, 8], activation: 'tanh',
  optimizer: 'sgd', learningRate: 0.1, batchSize: 10, l2: 0, seed: 1,
};
const BATCH = SPEC.batchSize;
// [steps per call, timed calls]
const MODES = [[1, 1000], [100, 20]];

const time = timer({ warmup: 20 });

async function run() {
  await init({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
  const plainly = {};
  // Two passes, the first discarded: the browser recompiles hot wasm functions with its optimising
  // tier a while after they start.
  for (const pass of [0, 1]) {
    for (const [perCall, calls] of MODES) {
      const net = new Playground(SPEC);
      for (let i = 0; i < Math.max(2, 20 / perCall); i++) net.step(perCall); // warm-up
      const start = performance.now();
      let progress;
      for (let i = 0; i < calls; i++) progress = net.step(perCall);
      const seconds = (performance.now() - start) / 1000;
      if (pass === 1) {
        plainly[`steps_per_call_${perCall}`] = { steps_per_second: (perCall * calls) / seconds, steps: progress.step, train_loss: progress.trainLoss };
      }
      net.free();
    }
  }
  // What the widget reads back every frame besides training.
  const net = new Playground(SPEC);
  net.step(500);
  plainly.grid48 = time(() => net.grid(48, 1.2), 300);
  plainly.weights = time(() => net.weights(), 300);
  const data = { points: net.points(), labels: net.labels() };
  net.free();
  return { plainly, tfjs: await tfjsPeer(data) };
}

// The same network in TensorFlow.js: 2-8-8-1, tanh, Glorot-uniform weights and zero biases, a
// logit out, sigmoid cross-entropy (tf.losses.sigmoidCrossEntropy, mean over the batch), SGD 0.1,
// batches of 10 from the same 250 training points, reshuffled every pass (its own order). After
// each call's steps: train and test loss and accuracy, read back in one transfer.
async function tfjsPeer({ points, labels }) {
  const tf = globalThis.tf;
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const n = labels.length;
  const nTrain = Math.floor(n / 2);
  const out = { version: tf.version.tfjs };
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    out[backend] = {};
    const xTrain = tf.tensor2d(points.slice(0, 2 * nTrain), [nTrain, 2]);
    const yTrain = tf.tensor2d(labels.slice(0, nTrain), [nTrain, 1]);
    const xTest = tf.tensor2d(points.slice(2 * nTrain), [n - nTrain, 2]);
    const yTest = tf.tensor2d(labels.slice(nTrain), [n - nTrain, 1]);
    for (const pass of [0, 1]) {
      for (const [perCall, calls] of MODES) {
        const widths = [2, 8, 8, 1];
        const params = [];
        for (let l = 0; l + 1 < widths.length; l++) {
          const limit = Math.sqrt(6 / (widths[l] + widths[l + 1]));
          params.push(tf.variable(tf.randomUniform([widths[l], widths[l + 1]], -limit, limit, 'float32', 1 + l)));
          params.push(tf.variable(tf.zeros([widths[l + 1]])));
        }
        const forward = (x) => {
          let h = x;
          for (let l = 0; l < params.length; l += 2) {
            h = tf.add(tf.matMul(h, params[l]), params[l + 1]);
            if (l + 2 < params.length) h = tf.tanh(h);
          }
          return h;
        };
        const optimizer = tf.train.sgd(SPEC.learningRate);
        const order = Array.from({ length: nTrain }, (_, i) => i);
        let cursor = nTrain;
        let seed = 12345;
        const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const nextBatch = () => {
          const batch = new Int32Array(BATCH);
          for (let k = 0; k < BATCH; k++) {
            if (cursor >= nTrain) {
              for (let i = nTrain - 1; i > 0; i--) {
                const j = Math.floor(random() * (i + 1));
                [order[i], order[j]] = [order[j], order[i]];
              }
              cursor = 0;
            }
            batch[k] = order[cursor++];
          }
          return batch;
        };
        const measure = () => {
          const values = tf.tidy(() => {
            const one = (x, y) => {
              const z = forward(x);
              const loss = tf.losses.sigmoidCrossEntropy(y, z);
              const right = tf.mean(tf.cast(tf.equal(tf.cast(tf.greaterEqual(z, 0), 'float32'), y), 'float32'));
              return [loss, right];
            };
            return tf.stack([...one(xTrain, yTrain), ...one(xTest, yTest)]);
          });
          const [trainLoss, trainAccuracy, testLoss, testAccuracy] = values.dataSync();
          values.dispose();
          return { trainLoss, trainAccuracy, testLoss, testAccuracy };
        };
        let steps = 0;
        const call = (count) => {
          for (let s = 0; s < count; s++) {
            const index = tf.tensor1d(nextBatch(), 'int32');
            optimizer.minimize(() => {
              const x = tf.gather(xTrain, index);
              const y = tf.gather(yTrain, index);
              return tf.losses.sigmoidCrossEntropy(y, forward(x));
            }, false, params);
            index.dispose();
            steps++;
          }
          return measure();
        };
        const timedCalls = backend === 'cpu' ? Math.max(2, Math.round(calls / 2)) : calls;
        for (let i = 0; i < Math.max(2, 20 / perCall); i++) call(perCall); // warm-up
        const start = performance.now();
        let progress;
        for (let i = 0; i < timedCalls; i++) progress = call(perCall);
        const seconds = (performance.now() - start) / 1000;
        if (pass === 1) {
          out[backend][`steps_per_call_${perCall}`] = { steps_per_second: (perCall * timedCalls) / seconds, steps, train_loss: progress.trainLoss };
        }
        optimizer.dispose();
        params.forEach((p) => p.dispose());
      }
    }
    [xTrain, yTrain, xTest, yTest].forEach((t) => t.dispose());
  }
  return out;
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
