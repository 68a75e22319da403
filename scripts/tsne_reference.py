"""An independent check of the shipped t-SNE digit map with scikit-learn.

Reads the digit CNN's features that `make digit-tsne` wrote (target/digit-tsne/features.f32,
[1000, 128] little-endian float32) and the map web/assets/digit-tsne.json, then writes
tests/fixtures/tsne-reference.json with:
  - ours_trustworthiness: sklearn.manifold.trustworthiness(features, our map, n_neighbors=10),
    which the Rust test recomputes with its own code;
  - sklearn_trustworthiness and sklearn_knn10_accuracy of scikit-learn's own TSNE on the same
    features (perplexity 30, init="pca", random_state=0), the bar our map must reach.
Run with `make tsne-reference`.
"""

import json
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness
from sklearn.neighbors import NearestNeighbors

ROOT = Path(__file__).resolve().parent.parent


def knn_accuracy(points, labels, k=10):
    """Leave-one-out k-NN vote (ties to the smaller label), as plainly_models::tsne::knn_accuracy."""
    index = NearestNeighbors(n_neighbors=k + 1).fit(points).kneighbors(return_distance=False)
    correct = 0
    for i, row in enumerate(index):
        votes = np.bincount(labels[[j for j in row if j != i][:k]], minlength=10)
        correct += int(np.argmax(votes) == labels[i])
    return correct / len(labels)


def main():
    features_path = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/digit-tsne/features.f32")
    ours = json.loads((ROOT / "web/assets/digit-tsne.json").read_text())
    labels = np.array(ours["labels"], dtype=np.int64)
    features = np.fromfile(features_path, dtype="<f4").reshape(len(labels), -1).astype(np.float64)
    our_map = np.array(ours["coords"], dtype=np.float64).reshape(-1, 2)
    theirs = TSNE(n_components=2, perplexity=ours["perplexity"], init="pca", random_state=0, max_iter=1000).fit_transform(features)
    out = {
        "description": "scikit-learn's view of web/assets/digit-tsne.json; made by scripts/tsne_reference.py (make tsne-reference)",
        "sklearn_version": sklearn.__version__,
        "n_neighbors": 10,
        "ours_trustworthiness": float(trustworthiness(features, our_map, n_neighbors=10)),
        "ours_knn10_accuracy": knn_accuracy(our_map, labels),
        "sklearn_trustworthiness": float(trustworthiness(features, theirs, n_neighbors=10)),
        "sklearn_knn10_accuracy": knn_accuracy(theirs, labels),
        "weights_fingerprint": ours["weights_fingerprint"],
    }
    path = ROOT / "tests/fixtures/tsne-reference.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
