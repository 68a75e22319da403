#!/usr/bin/env python3
"""Independent reference for Plainly's PCA (crates/plainly-models/src/pca.rs).

Reads the shipped word vectors (web/assets/glove-50d.f16 + .words.txt), takes a fixed set of words,
and computes PCA with numpy's SVD of the centred data (not the covariance eigendecomposition the
Rust code uses). Sign convention, as documented in pca.rs: each component is turned so that its
loading of largest magnitude is positive. Writes tests/fixtures/pca-reference.json.

Usage: python scripts/pca_reference.py   (needs scripts/requirements.txt)
"""
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "puppy", "dog", "cat", "kitten", "horse", "cow",
    "house", "houses", "apartment", "building", "home",
    "king", "queen", "man", "woman", "prince", "princess", "boy", "girl",
    "france", "paris", "japan", "tokyo", "germany", "berlin", "italy", "rome",
]


def main() -> None:
    words = (ROOT / "web/assets/glove-50d.words.txt").read_text().splitlines()
    vectors = np.fromfile(ROOT / "web/assets/glove-50d.f16", dtype="<f2").astype(np.float64).reshape(len(words), 50)
    index = {w: i for i, w in enumerate(words)}
    x = vectors[[index[w] for w in WORDS]]
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    k = 3
    components = vt[:k]
    for c in components:
        if c[np.argmax(np.abs(c))] < 0:
            c *= -1
    variance = s**2 / (len(WORDS) - 1)
    ratio = variance[:k] / variance.sum()
    projected = centred @ components.T
    out = {
        "description": "PCA of the listed words' shipped GloVe vectors by numpy SVD; largest loading of each component positive",
        "command": "python scripts/pca_reference.py",
        "numpy": np.__version__,
        "words": WORDS,
        "explained_variance_ratio": ratio.tolist(),
        "projected": projected.tolist(),
    }
    (ROOT / "tests/fixtures/pca-reference.json").write_text(json.dumps(out, indent=1) + "\n")
    print("explained variance ratio", ratio)


if __name__ == "__main__":
    main()
