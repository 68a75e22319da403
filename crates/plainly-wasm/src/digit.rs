//! Checked entry points of the digit widget (plain Rust, tested natively).

use plainly_models::digits::{DigitReader, Guess};
use plainly_models::mnist::PIXELS;
use plainly_models::preprocess::{Ink, MNIST_SIDE};
use serde::Serialize;

/// A network's answer as JavaScript sees it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Answer {
    /// The most probable digit, 0–9.
    pub digit: u8,
    /// Softmax probabilities of 0–9, summing to 1.
    pub probabilities: Vec<f32>,
}

impl From<Guess> for Answer {
    fn from(g: Guess) -> Self {
        Self { digit: g.digit, probabilities: g.probabilities.to_vec() }
    }
}

/// One drawing, read by both networks.
#[derive(Debug, Serialize, PartialEq)]
pub struct Reading {
    /// The CNN's answer: the digit shown to the reader.
    pub digit: u8,
    /// The CNN's softmax probabilities of 0–9.
    pub probabilities: Vec<f32>,
    /// What the CNN reads: 28×28 row-major, `0..=1`, ink high.
    pub input28: Vec<f32>,
    /// The primer's 16×16 grid, row-major, 0/1: the 256-number vector.
    pub grid16: Vec<u8>,
    /// The CNN's penultimate features (128 numbers): where the digit sits in the network's own
    /// space, as drawn by the digit-embedding widget.
    pub features: Vec<f32>,
    /// The 16×16 network's answer.
    pub grid: Answer,
}

/// One named parameter tensor as JavaScript sees it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Parameter {
    /// `conv1.weight`, `fc2.bias`, …
    pub name: String,
    /// burn's layout: conv `[out, in, kh, kw]`, linear `[in, out]`.
    pub shape: Vec<usize>,
    /// Row-major values.
    pub values: Vec<f32>,
}

/// Both digit networks on one backend.
#[derive(Debug)]
pub struct Digit {
    reader: DigitReader,
    backend: &'static str,
}

impl Digit {
    /// Load both networks from burnpack bytes on `backend` (`None` → flex).
    ///
    /// # Errors
    /// A sentence naming which file is wrong and how, or the unknown backend.
    pub fn new(cnn: &[u8], grid: &[u8], backend: Option<&str>) -> Result<Self, String> {
        let device = crate::device(backend)?;
        let backend = crate::BACKENDS.iter().find(|b| Some(**b) == backend).copied().unwrap_or("flex");
        let reader = DigitReader::new(cnn, grid, &device).map_err(|e| format!("digit weights: {e}"))?;
        Ok(Self { reader, backend })
    }

    /// The backend in use.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Classify canvas RGBA bytes; `None` without ink.
    ///
    /// # Errors
    /// Zero or over-large size, or a length other than `width × height × 4`.
    pub fn classify_rgba(&self, rgba: &[u8], width: usize, height: usize) -> Result<Option<Reading>, String> {
        let ink = Ink::from_rgba(rgba, width, height).map_err(|e| e.to_string())?;
        Ok(self.read(&ink))
    }

    /// Classify 28×28 grey values after framing them like a drawing; `None` without ink.
    ///
    /// # Errors
    /// Not 784 values, or NaN/infinite values.
    pub fn classify_gray(&self, pixels: &[f32]) -> Result<Option<Reading>, String> {
        let ink = Ink::from_gray(pixels, MNIST_SIDE, MNIST_SIDE).map_err(|e| e.to_string())?;
        Ok(self.read(&ink))
    }

    /// The CNN's probabilities for a framed digit, no preprocessing.
    ///
    /// # Errors
    /// Not 784 values, or NaN/infinite values.
    pub fn cnn_probabilities(&self, framed: &[f32]) -> Result<Vec<f32>, String> {
        let ink = Ink::from_gray(framed, MNIST_SIDE, MNIST_SIDE).map_err(|e| e.to_string())?;
        let (guesses, _) = self.reader.classify28(&ink.values)?;
        Ok(guesses[0].probabilities.to_vec())
    }

    /// Frame many 28×28 digits (`n × 784` grey bytes, 0–255, ink high) like drawings and run the
    /// CNN on all of them. Returns `(features [n, 128], predicted digits [n])`.
    ///
    /// # Errors
    /// See [`plainly_models::space::embed_digits`].
    pub fn embed_digits(&self, pixels: &[u8]) -> Result<(Vec<f32>, Vec<u8>), String> {
        plainly_models::space::embed_digits(&self.reader, pixels)
    }

    /// The CNN's feature space of labelled digits: `extract` is `n × 785` bytes, each digit its
    /// label then 784 grey bytes (the layout of `mnist-test-1000.u8`). Returns the space and the
    /// CNN's predicted digit for each.
    ///
    /// # Errors
    /// See [`plainly_models::space::digit_features`].
    pub fn space(&self, extract: &[u8]) -> Result<(plainly_models::space::LabelledSpace, Vec<u8>), String> {
        let d = plainly_models::space::digit_features(&self.reader, extract)?;
        Ok((plainly_models::space::LabelledSpace::new(d.features, d.labels, d.dim)?, d.predicted))
    }

    /// The CNN's parameters (see [`plainly_models::digits::DigitCnn::named_parameters`]).
    pub fn cnn_parameters(&self) -> Vec<Parameter> {
        self.reader
            .cnn()
            .named_parameters()
            .into_iter()
            .map(|p| Parameter { name: p.name, shape: p.shape, values: p.values })
            .collect()
    }

    fn read(&self, ink: &Ink) -> Option<Reading> {
        let r = self.reader.read(ink)?;
        debug_assert_eq!(r.input28.len(), PIXELS);
        Some(Reading {
            digit: r.cnn.digit,
            probabilities: r.cnn.probabilities.to_vec(),
            input28: r.input28,
            grid16: r.grid16,
            features: r.features,
            grid: r.grid.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets")
    }

    fn shipped() -> (Vec<u8>, Vec<u8>) {
        let read = |name: &str| std::fs::read(assets().join(name)).expect("shipped weights");
        (read("digit-cnn.bpk"), read("digit-grid.bpk"))
    }

    fn digit() -> Digit {
        let (cnn, grid) = shipped();
        Digit::new(&cnn, &grid, None).expect("shipped weights load")
    }

    #[test]
    fn bad_weights_and_backends_are_refused_with_a_reason() {
        let (cnn, grid) = shipped();
        let err = Digit::new(&[], &grid, None).unwrap_err();
        assert!(err.contains("empty"), "{err}");
        let err = Digit::new(&cnn[..cnn.len() / 2], &grid, None).unwrap_err();
        assert!(err.starts_with("digit weights"), "{err}");
        let err = Digit::new(&grid, &cnn, None).unwrap_err();
        assert!(err.contains("do not fit"), "{err}");
        let err = Digit::new(&cnn, &grid, Some("cuda")).unwrap_err();
        assert!(err.contains("unknown backend"), "{err}");
        assert_eq!(Digit::new(&cnn, &grid, Some("ndarray")).unwrap().backend(), "ndarray");
    }

    #[test]
    fn bad_pixels_are_refused_with_a_reason() {
        let d = digit();
        assert!(d.classify_rgba(&[0; 12], 2, 2).unwrap_err().contains("expected 16"));
        assert!(d.classify_rgba(&[], 0, 0).unwrap_err().contains("no pixels"));
        assert!(d.classify_rgba(&[], 100_000, 100_000).unwrap_err().contains("4096"));
        assert!(d.classify_gray(&[0.5; 783]).unwrap_err().contains("expected 784"));
        let mut nan = vec![0.0; 784];
        nan[300] = f32::NAN;
        assert!(d.classify_gray(&nan).unwrap_err().contains("value 300"));
        assert!(d.cnn_probabilities(&[f32::INFINITY; 784]).is_err());
        assert!(d.embed_digits(&[0; 783]).unwrap_err().contains("whole"));
        assert!(d.embed_digits(&[]).is_err());
        assert!(d.space(&[0; 784]).unwrap_err().contains("whole labelled"));
        let mut bad = vec![0u8; 785 * 2];
        bad[0] = 12;
        assert!(d.space(&bad).unwrap_err().contains("label 12"));
    }

    #[test]
    fn an_empty_canvas_is_no_digit_and_ink_is_one() {
        let d = digit();
        assert_eq!(d.classify_rgba(&[0; 40 * 40 * 4], 40, 40), Ok(None));
        // a vertical black bar on a transparent canvas is a 1 to both networks
        let mut rgba = vec![0u8; 100 * 100 * 4];
        for y in 10..90 {
            for x in 45..55 {
                rgba[(y * 100 + x) * 4 + 3] = 255;
            }
        }
        let r = d.classify_rgba(&rgba, 100, 100).unwrap().unwrap();
        assert_eq!((r.digit, r.grid.digit), (1, 1));
        assert!((r.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert_eq!((r.input28.len(), r.grid16.len()), (784, 256));
    }

    #[test]
    fn both_backends_agree() {
        let (cnn, grid) = shipped();
        let flex = Digit::new(&cnn, &grid, Some("flex")).unwrap();
        let ndarray = Digit::new(&cnn, &grid, Some("ndarray")).unwrap();
        let img: Vec<f32> = (0..784).map(|i| if (i / 28 + i % 28) % 9 < 3 { 1.0 } else { 0.0 }).collect();
        let a = flex.cnn_probabilities(&img).unwrap();
        let b = ndarray.cnn_probabilities(&img).unwrap();
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-5, "{a:?} vs {b:?}");
        }
    }
}
