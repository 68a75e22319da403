// In-page half of the embeddings benchmark: loading the word vectors (download and parse),
// nearest neighbours and analogies over every known word, and PCA of 200 words, through the same
// wasm calls the widget makes. Peers measured in the same page: TensorFlow.js (the unit vectors
// as one [words, 50] tensor, matMul with the query, topk) and ml-pca (SVD) for the PCA.
// Results go to `window.benchResult`.

import init, { WordSpace } from '/web/pkg/plainly_wasm.js';
import { stats, timer } from './timing.js';
import { PCA } from '/target/bench/ml-pca.js';

const RUNS = 200;
const QUERIES = ['dog', 'king', 'paris', 'computer', 'river', 'happy', 'music', 'water'];

const time = timer({ runs: RUNS, warmup: 10 });

async function run() {
  await init({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
  // Load: download (no HTTP cache) and parse, five times; the widget does exactly this.
  const fetchMs = [];
  const parseMs = [];
  let space;
  let raw;
  let text;
  for (let i = 0; i < 5; i++) {
    space?.free();
    const t0 = performance.now();
    const [a, b] = await Promise.all([
      fetch('/web/assets/glove-50d.f16', { cache: 'no-store' }).then((r) => r.arrayBuffer()),
      fetch('/web/assets/glove-50d.words.txt', { cache: 'no-store' }).then((r) => r.text()),
    ]);
    const t1 = performance.now();
    space = new WordSpace(new Uint8Array(a), b);
    parseMs.push(performance.now() - t1);
    fetchMs.push(t1 - t0);
    raw = a;
    text = b;
  }
  const words = text.split('\n').filter(Boolean);
  const layoutWords = words.slice(1000, 1200);
  const plainly = {
    words: space.size,
    load: { download: stats(fetchMs), parse: stats(parseMs) },
    neighbours: time((i) => space.neighbours(QUERIES[i % QUERIES.length], 10)),
    analogy: time(() => space.analogy('king', 'man', 'woman', 5)),
    pca200: time(() => space.layout(layoutWords, 2), 100),
  };
  return { plainly, tfjs: await tfjsPeer(raw, words, layoutWords), mlPca: mlPcaPeer(raw, words, layoutWords) };
}

// float16 → float32 (the file's format); only the peers need the numbers in JavaScript.
function halves(buffer) {
  const h = new Uint16Array(buffer);
  const out = new Float32Array(h.length);
  for (let i = 0; i < h.length; i++) {
    const s = h[i] & 0x8000 ? -1 : 1;
    const e = (h[i] >> 10) & 0x1f;
    const m = h[i] & 0x3ff;
    out[i] = e === 0 ? s * m * 2 ** -24 : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return out;
}

async function tfjsPeer(raw, words, layoutWords) {
  const tf = globalThis.tf;
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const vectors = halves(raw);
  const n = words.length;
  const index = new Map(words.map((w, i) => [w, i]));
  const out = { version: tf.version.tfjs };
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    const parse = time(() => {
      tf.tidy(() => tf.keep(tf.tensor2d(vectors, [n, 50]).div(tf.tensor2d(vectors, [n, 50]).norm('euclidean', 1, true))).dispose());
    }, 5);
    const unit = tf.tidy(() => { const v = tf.tensor2d(vectors, [n, 50]); return v.div(v.norm('euclidean', 1, true)); });
    const nearest = (query, k, skip) => tf.tidy(() => {
      const scores = tf.matMul(unit, query.reshape([50, 1])).reshape([n]);
      const { values, indices } = tf.topk(scores, k + skip);
      return { values: values.dataSync(), indices: indices.dataSync() };
    });
    const row = (w) => unit.slice([index.get(w), 0], [1, 50]);
    out[backend] = {
      parse,
      neighbours: time((i) => tf.tidy(() => nearest(row(QUERIES[i % QUERIES.length]), 10, 1)), backend === 'cpu' ? 50 : RUNS),
      analogy: time(() => tf.tidy(() => {
        const q = row('king').sub(row('man')).add(row('woman'));
        return nearest(q.div(q.norm()), 5, 3);
      }), backend === 'cpu' ? 50 : RUNS),
    };
    unit.dispose();
  }
  return out;
}

function mlPcaPeer(raw, words, layoutWords) {
  const vectors = halves(raw);
  const index = new Map(words.map((w, i) => [w, i]));
  const rows = layoutWords.map((w) => Array.from(vectors.subarray(index.get(w) * 50, index.get(w) * 50 + 50)));
  return { pca200: time(() => new PCA(rows, { center: true }).predict(rows, { nComponents: 2 }), 100) };
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
