//! `plainly-train digit-tsne`: the t-SNE map of the digit CNN's features of the 1,000 shipped
//! test digits, for the digit-embedding widget (`web/assets/digit-tsne.json`).
//!
//! Fitted here rather than in the browser: about a second natively, several on the page's main
//! thread, and the same map for every reader. The browser computes the same features itself
//! (for the PCA view and for placing a drawn digit) and checks the labels line up.

use std::path::Path;

use burn::prelude::Device;
use plainly_models::digits::DigitReader;
use plainly_models::pca::Pca;
use plainly_models::space::{DigitFeatures, digit_features};
use plainly_models::tsne::{self, DigitMapFile, Init, TsneConfig};

use crate::data::TEST_EXTRACT_FILE;
use crate::digits::{CNN_FILE, GRID_FILE};

/// The map file, beside the weights.
pub const MAP_FILE: &str = "digit-tsne.json";

/// The CNN's features of the shipped extract, read from `assets`.
///
/// # Errors
/// A missing or malformed file.
pub fn features(assets: &Path) -> Result<(DigitFeatures, Vec<u8>, Vec<u8>), String> {
    let read = |f: &str| std::fs::read(assets.join(f)).map_err(|e| format!("{}: {e}", assets.join(f).display()));
    let (cnn, grid, extract) = (read(CNN_FILE)?, read(GRID_FILE)?, read(TEST_EXTRACT_FILE)?);
    let reader = DigitReader::new(&cnn, &grid, &Device::flex()).map_err(|e| e.to_string())?;
    Ok((digit_features(&reader, &extract)?, cnn, extract))
}

/// Fit the map with `config` and write it to `assets/digit-tsne.json`; with `features_out`, also
/// write the features (`[n, dim]` little-endian f32) for `scripts/tsne_reference.py`.
///
/// # Errors
/// A missing input file, a fit error, or a file that cannot be written.
pub fn run(config: &TsneConfig, assets: &Path, features_out: Option<&Path>) -> Result<DigitMapFile, String> {
    let (d, cnn, extract) = features(assets)?;
    let map = tsne::fit(&d.features, d.dim, config)?;
    let pca = Pca::fit(&d.features, d.dim, 2)?.project(&d.features)?;
    let file = DigitMapFile {
        description: format!(
            "t-SNE map (van der Maaten & Hinton 2008; Barnes-Hut, van der Maaten 2014; crate bhtsne 0.7.13) of the digit CNN's {} penultimate features of the {} digits of {TEST_EXTRACT_FILE}, in its order",
            d.dim,
            d.labels.len()
        ),
        command: "make digit-tsne".into(),
        perplexity: config.perplexity,
        epochs: config.epochs,
        theta: config.theta,
        init: match config.init {
            Init::Pca => "pca".into(),
            Init::Random { seed } => format!("random:{seed}"),
        },
        kl_divergence: map.kl_divergence,
        knn10_accuracy: tsne::knn_accuracy(&map.coords, 2, &d.labels, 10)?,
        pca_knn10_accuracy: tsne::knn_accuracy(&pca, 2, &d.labels, 10)?,
        weights_fingerprint: tsne::fingerprint(&cnn),
        extract_fingerprint: tsne::fingerprint(&extract),
        labels: d.labels.clone(),
        // four decimals are far below a pixel of the plot and keep the file small
        coords: map.coords.iter().map(|v| (v * 1e4).round() / 1e4).collect(),
    };
    let path = assets.join(MAP_FILE);
    let json = serde_json::to_string(&file).map_err(|e| e.to_string())?;
    std::fs::write(&path, format!("{json}\n")).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(out) = features_out {
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let bytes: Vec<u8> = d.features.iter().flat_map(|v| v.to_le_bytes()).collect();
        std::fs::write(out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets")
    }

    #[test]
    fn the_shipped_map_belongs_to_the_shipped_weights_and_digits() {
        let text = std::fs::read_to_string(assets().join(MAP_FILE)).expect("digit-tsne.json (make digit-tsne)");
        let file: DigitMapFile = serde_json::from_str(&text).unwrap();
        let cnn = std::fs::read(assets().join(CNN_FILE)).unwrap();
        let extract = std::fs::read(assets().join(TEST_EXTRACT_FILE)).unwrap();
        assert_eq!(file.weights_fingerprint, tsne::fingerprint(&cnn), "weights changed: run `make digit-tsne`");
        assert_eq!(file.extract_fingerprint, tsne::fingerprint(&extract), "digits changed: run `make digit-tsne`");
        assert_eq!(file.labels, extract.chunks_exact(785).map(|d| d[0]).collect::<Vec<_>>());
        assert_eq!(file.coords.len(), 2 * file.labels.len());
        assert!(file.knn10_accuracy >= 0.97 && file.knn10_accuracy > file.pca_knn10_accuracy + 0.15, "{file:?}");
    }
}
