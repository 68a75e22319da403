//! `plainly-train landscape`: a real network's loss landscape for the marbles widget.
//!
//! Li, Xu, Taylor, Studer & Goldstein (2018), "Visualizing the Loss Landscape of Neural Nets":
//! pick two random directions in weight space, scale each filter of each direction to the norm of
//! the same filter in the trained weights ("filter normalisation", so the picture does not depend
//! on how each layer happens to be scaled), leave biases still, and plot the loss at
//! `θ* + α·d₁ + β·d₂` on a grid of (α, β). Here θ* is the shipped digit CNN and the loss its mean
//! cross-entropy on real MNIST test digits, prepared as the browser prepares a drawing.

use std::path::Path;
use std::time::Instant;

use burn::nn::loss::CrossEntropyLossConfig;
use burn::prelude::*;
use burn::tensor::Distribution;
use plainly_models::digits::{DigitCnn, DigitCnnConfig, NamedTensor, load};
use plainly_models::mnist::{self, PIXELS};
use plainly_models::surfaces::Grid;
use serde::Serialize;

use crate::data::Mnist;
use crate::digits::{CNN_FILE, test_inputs};

/// The landscape file, beside the weights.
pub const LANDSCAPE_FILE: &str = "landscape-digit-cnn.json";

/// Settings of a landscape run; the defaults made the shipped file.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Seed of the two random directions.
    pub seed: u64,
    /// Samples along each axis.
    pub steps: usize,
    /// α and β run over `[−extent, extent]`.
    pub extent: f32,
    /// How many test digits the loss is averaged over (the first of the test split).
    pub digits: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self { seed: 11, steps: 41, extent: 1.5, digits: 1000 }
    }
}

/// The shipped file: the grid plus where it comes from.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Landscape {
    /// The sampled loss, `values[j·nx + i]` at (α_i, β_j).
    pub grid: Grid,
    /// What the numbers are.
    pub description: String,
    /// The command that rebuilds the file.
    pub command: String,
    /// Seed of the directions.
    pub seed: u64,
    /// Test digits averaged over.
    pub digits: usize,
    /// The loss at the trained weights (α = β = 0).
    pub loss_at_trained: f32,
}

/// A random direction with each filter scaled to the norm of the same filter in `weights`:
/// conv filters are output channels (`[out, in, kh, kw]` → one per `out`), dense filters are
/// output neurons (burn's `[in, out]` → one per column); biases get no direction.
pub fn filter_normalised_direction(weights: &[NamedTensor], device: &Device) -> Vec<NamedTensor> {
    weights
        .iter()
        .map(|w| {
            let n = w.values.len();
            if w.shape.len() == 1 {
                return NamedTensor { values: vec![0.0; n], ..w.clone() };
            }
            let random: Vec<f32> = Tensor::<1>::random([n], Distribution::Normal(0.0, 1.0), device).try_into_vec_as().unwrap_or_default();
            // the filter each value belongs to
            let filter_of = |i: usize| if w.shape.len() == 4 { i / (n / w.shape[0]) } else { i % w.shape[1] };
            let filters = if w.shape.len() == 4 { w.shape[0] } else { w.shape[1] };
            let (mut wn, mut dn) = (vec![0.0f64; filters], vec![0.0f64; filters]);
            for i in 0..n {
                wn[filter_of(i)] += f64::from(w.values[i]).powi(2);
                dn[filter_of(i)] += f64::from(random[i]).powi(2);
            }
            let values = (0..n).map(|i| (f64::from(random[i]) * (wn[filter_of(i)] / dn[filter_of(i)].max(1e-30)).sqrt()) as f32).collect();
            NamedTensor { values, ..w.clone() }
        })
        .collect()
}

fn mean_cross_entropy(cnn: &DigitCnn, images: &Tensor<4>, labels: &Tensor<1, Int>) -> f32 {
    let logits = cnn.forward(images.clone());
    CrossEntropyLossConfig::new().init(&logits.device()).forward(logits, labels.clone()).into_scalar::<f32>()
}

/// Compute the landscape of the shipped CNN and write it to `out_dir`.
///
/// # Errors
/// A message when the weights or data cannot be read or the file cannot be written.
pub fn run(settings: &Settings, data_dir: &Path, out_dir: &Path) -> Result<Landscape, String> {
    let started = Instant::now();
    let device = Device::flex();
    let bytes = std::fs::read(out_dir.join(CNN_FILE)).map_err(|e| format!("{}: {e}", out_dir.join(CNN_FILE).display()))?;
    let cnn = load(DigitCnnConfig::new().init(&device), &bytes).map_err(|e| e.to_string())?.valid();
    let mnist = Mnist::load(data_dir)?;
    // every class equally: test digits taken round-robin over the classes, in split order
    let test = mnist::round_robin(&mnist::split(&mnist.counts(), mnist::SPLIT_SEED).test, settings.digits);
    let (framed, _) = test_inputs(&mnist, &test);
    let n = test.len();
    let images = Tensor::<1>::from_floats(framed.as_slice(), &device).reshape([n, 1, 28, 28]);
    debug_assert_eq!(framed.len(), n * PIXELS);
    let labels: Vec<i64> = test.iter().map(|d| i64::from(d.label)).collect();
    let labels = Tensor::<1, Int>::from_ints(labels.as_slice(), &device);

    device.seed(settings.seed);
    let weights = cnn.named_parameters();
    let d1 = filter_normalised_direction(&weights, &device);
    let d2 = filter_normalised_direction(&weights, &device);
    let steps = settings.steps.max(2);
    let at = |k: usize| -settings.extent + 2.0 * settings.extent * k as f32 / (steps - 1) as f32;
    let mut values = Vec::with_capacity(steps * steps);
    for j in 0..steps {
        for i in 0..steps {
            let moved = cnn.shifted(&[(&d1, at(i)), (&d2, at(j))]);
            values.push(mean_cross_entropy(&moved, &images, &labels));
        }
        println!("landscape row {}/{steps} ({:.0} s)", j + 1, started.elapsed().as_secs_f64());
    }
    let landscape = Landscape {
        grid: Grid { x: [-settings.extent, settings.extent], y: [-settings.extent, settings.extent], nx: steps, ny: steps, values },
        description: format!(
            "Mean cross-entropy of the shipped digit CNN on {n} MNIST test digits at θ* + α·d₁ + β·d₂, d₁ and d₂ random filter-normalised directions (Li et al. 2018); α = x, β = y"
        ),
        command: "cargo run -p plainly-train --release -- landscape".into(),
        seed: settings.seed,
        digits: n,
        loss_at_trained: mean_cross_entropy(&cnn, &images, &labels),
    };
    let path = out_dir.join(LANDSCAPE_FILE);
    let json = serde_json::to_string(&landscape).map_err(|e| e.to_string())?;
    std::fs::write(&path, format!("{json}\n")).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(landscape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_get_the_norm_of_their_weights_and_biases_stay() {
        let device = Device::flex();
        device.seed(3);
        let weights = vec![
            NamedTensor { name: "c.weight".into(), shape: vec![2, 1, 1, 2], values: vec![3.0, 4.0, 0.0, 1.0] },
            NamedTensor { name: "c.bias".into(), shape: vec![2], values: vec![1.0, 2.0] },
            NamedTensor { name: "l.weight".into(), shape: vec![2, 3], values: vec![1.0, 0.0, 2.0, 0.0, 1.0, 0.0] },
        ];
        let d = filter_normalised_direction(&weights, &device);
        let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        // conv: filter 0 = values 0..2 (norm 5), filter 1 = values 2..4 (norm 1)
        assert!((norm(&d[0].values[0..2]) - 5.0).abs() < 1e-4);
        assert!((norm(&d[0].values[2..4]) - 1.0).abs() < 1e-4);
        assert_eq!(d[1].values, vec![0.0, 0.0]);
        // dense [in 2, out 3]: column k is output neuron k: norms 1, 1, 2
        for (k, want) in [(0, 1.0), (1, 1.0), (2, 2.0)] {
            let column = [d[2].values[k], d[2].values[3 + k]];
            assert!((norm(&column) - want).abs() < 1e-4, "neuron {k}");
        }
    }
}
