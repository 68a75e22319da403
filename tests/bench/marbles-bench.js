// In-page half of the marbles benchmark: optimizer steps per second for a swarm of 200 marbles,
// every optimizer, through the same wasm calls the widget makes each step (step, then read back
// positions and losses), and the same with TensorFlow.js. Results go to `window.benchResult`.

import init, { MarbleField } from '/web/pkg/plainly_wasm.js';

const MARBLES = 200;
const STEPS = 500;

async function run() {
  await init({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
  const result = {};
  // Two passes, the first discarded: the browser compiles hot wasm functions again with its
  // optimising tier a while after they start, and the first optimizer would pay for it.
  for (const optimizer of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) {
    const field = new MarbleField('bumpy');
    const swarm = field.add(field.randomStarts(MARBLES, 1), optimizer, 0.01, 0.9, 0.999);
    const once = () => { field.step(1); field.positions(swarm); field.losses(swarm); };
    for (let i = 0; i < 20; i++) once();
    const start = performance.now();
    for (let i = 0; i < STEPS; i++) once();
    const seconds = (performance.now() - start) / 1000;
    result[optimizer] = { marbles: MARBLES, steps_per_second: STEPS / seconds };
    field.free();
  }
  const starts = (() => { const f = new MarbleField('bumpy'); const s = f.randomStarts(MARBLES, 1); f.free(); return s; })();
  return { plainly: result, tfjs: await tfjsPeer(starts) };
}

// The same swarm stepped by TensorFlow.js: positions a tf.variable [200, 2], the bumpy floor
// x² + y² + 2 (2 − cos 2πx − cos 2πy) summed, its optimizers minimising it, positions and losses
// read back every step as the widget does.
async function tfjsPeer(starts) {
  const tf = globalThis.tf;
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const makers = {
    sgd: () => tf.train.sgd(0.01),
    momentum: () => tf.train.momentum(0.01, 0.9),
    nesterov: () => tf.train.momentum(0.01, 0.9, true),
    adagrad: () => tf.train.adagrad(0.01),
    rmsprop: () => tf.train.rmsprop(0.01, 0.9),
    adam: () => tf.train.adam(0.01, 0.9, 0.999, 1e-8),
  };
  const out = { version: tf.version.tfjs };
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    out[backend] = {};
    for (const pass of [0, 1]) {
      for (const [name, make] of Object.entries(makers)) {
        const xy = tf.variable(tf.tensor2d(starts, [MARBLES, 2]));
        const optimizer = make();
        const tau = 2 * Math.PI;
        const losses = () => tf.tidy(() => {
          const [x, y] = tf.split(xy, 2, 1);
          const ripples = tf.mul(2, tf.sub(2, tf.add(tf.cos(tf.mul(tau, x)), tf.cos(tf.mul(tau, y)))));
          return tf.add(tf.add(tf.square(x), tf.square(y)), ripples);
        });
        const once = () => {
          optimizer.minimize(() => tf.sum(losses()));
          xy.dataSync();
          const l = losses();
          l.dataSync();
          l.dispose();
        };
        const steps = backend === 'cpu' ? 100 : 300;
        for (let i = 0; i < 20; i++) once();
        const start = performance.now();
        for (let i = 0; i < steps; i++) once();
        if (pass === 1) out[backend][name] = { steps_per_second: steps / ((performance.now() - start) / 1000) };
        optimizer.dispose();
        xy.dispose();
      }
    }
  }
  return out;
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
