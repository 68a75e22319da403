//! How gradients flow back through a deep stack: per-layer gradient norms from one real backward
//! pass on real MNIST digits.
//!
//! The network: 784 pixels → `width` → `depth` hidden layers of `width` → 10 logits, trained
//! against cross-entropy. Each hidden layer is `h ← act(W h + b)`, or with a residual (skip)
//! connection `h ← h + act(W h + b) / √depth` (He et al. 2016; the branch is scaled so the sum of
//! `depth` branches keeps its size, as in Fixup, Zhang et al. 2019). The chain rule multiplies one
//! factor per layer on the way back: sigmoid's slope is at most 1/4, so the first layers of a deep
//! sigmoid stack get almost nothing (vanishing; Hochreiter 1991), while weights that are too large
//! multiply the gradient up (exploding). The norms come from burn autodiff.

use burn::module::Initializer;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation;

use crate::mnist::{CLASSES, PIXELS};

/// Deepest stack the widget offers.
pub const MAX_DEPTH: usize = 50;

/// The non-linearity of every hidden layer, and whether layers have skip connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// σ(Wh + b).
    Sigmoid,
    /// tanh(Wh + b).
    Tanh,
    /// max(0, Wh + b).
    Relu,
    /// h + max(0, Wh + b) / √depth.
    ResidualRelu,
}

/// How the weights start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    /// N(0, 0.01²): too small.
    Small,
    /// Glorot & Bengio 2010: variance 2 / (fan_in + fan_out).
    Xavier,
    /// He et al. 2015: variance 2 / fan_in, made for ReLU.
    He,
    /// N(0, 1): too large.
    Large,
}

impl Stack {
    /// `sigmoid`, `tanh`, `relu` or `residual`.
    ///
    /// # Errors
    /// Any other name.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "sigmoid" => Ok(Self::Sigmoid),
            "tanh" => Ok(Self::Tanh),
            "relu" => Ok(Self::Relu),
            "residual" => Ok(Self::ResidualRelu),
            other => Err(format!("unknown stack {other:?}; use sigmoid, tanh, relu or residual")),
        }
    }
}

impl Init {
    /// `small`, `xavier`, `he` or `large`.
    ///
    /// # Errors
    /// Any other name.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "small" => Ok(Self::Small),
            "xavier" => Ok(Self::Xavier),
            "he" => Ok(Self::He),
            "large" => Ok(Self::Large),
            other => Err(format!("unknown initialisation {other:?}; use small, xavier, he or large")),
        }
    }

    fn initializer(self) -> Initializer {
        match self {
            Self::Small => Initializer::Normal { mean: 0.0, std: 0.01 },
            Self::Xavier => Initializer::XavierNormal { gain: 1.0 },
            Self::He => Initializer::KaimingNormal { gain: 2f64.sqrt(), fan_out_only: false },
            Self::Large => Initializer::Normal { mean: 0.0, std: 1.0 },
        }
    }
}

/// The deep stack.
#[derive(Module, Debug)]
pub struct DeepStack {
    input: Linear,
    hidden: Vec<Linear>,
    output: Linear,
}

/// One backward pass, measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Flow {
    /// Frobenius norm of ∂loss/∂W for each hidden layer, first (nearest the input) to last.
    pub norms: Vec<f32>,
    /// The batch's mean cross-entropy.
    pub loss: f32,
}

/// Build a stack of `depth` hidden layers of `width`, weights drawn by `init` from `seed`.
/// burn's seed is global to the device, so callers that need reproducible numbers must not
/// draw from the same device concurrently.
pub fn stack(depth: usize, width: usize, init: Init, seed: u64, device: &Device) -> DeepStack {
    device.seed(seed);
    let linear = |i, o| LinearConfig::new(i, o).with_initializer(init.initializer()).init(device);
    DeepStack { input: linear(PIXELS, width), hidden: (0..depth).map(|_| linear(width, width)).collect(), output: linear(width, CLASSES) }
}

/// Per-layer gradient norms of cross-entropy on a batch of digits.
///
/// # Shapes
/// - pixels: `[batch × 784]`, ink in `0..=1`; labels: `[batch]`, 0–9
///
/// # Errors
/// Depth 0 or above [`MAX_DEPTH`], width 0 or above 512, an empty or mismatched batch, pixels
/// that are not finite, or a label above 9.
pub fn gradient_norms(
    stack_kind: Stack,
    init: Init,
    depth: usize,
    width: usize,
    seed: u64,
    pixels: &[f32],
    labels: &[u8],
    device: &Device,
) -> Result<Flow, String> {
    if depth == 0 || depth > MAX_DEPTH || width == 0 || width > 512 {
        return Err(format!("depth {depth}, width {width}: use depth 1 to {MAX_DEPTH}, width 1 to 512"));
    }
    if labels.is_empty() || pixels.len() != labels.len() * PIXELS {
        return Err(format!("{} pixel values for {} labels; 784 per digit", pixels.len(), labels.len()));
    }
    if pixels.iter().any(|p| !p.is_finite()) || labels.iter().any(|&l| usize::from(l) >= CLASSES) {
        return Err("pixels must be finite numbers and labels 0 to 9".into());
    }
    let device = device.clone().autodiff();
    let model = stack(depth, width, init, seed, &device);
    let batch = labels.len();
    let x = Tensor::<1>::from_floats(pixels, &device).reshape([batch, PIXELS]);
    let targets: Vec<i64> = labels.iter().map(|&l| i64::from(l)).collect();
    let targets = Tensor::<1, Int>::from_ints(targets.as_slice(), &device);
    let branch_scale = 1.0 / (depth as f64).sqrt();
    let mut h = activation::relu(model.input.forward(x));
    for layer in &model.hidden {
        let z = layer.forward(h.clone());
        h = match stack_kind {
            Stack::Sigmoid => activation::sigmoid(z),
            Stack::Tanh => z.tanh(),
            Stack::Relu => activation::relu(z),
            Stack::ResidualRelu => h + activation::relu(z) * branch_scale,
        };
    }
    let logits = model.output.forward(h);
    let loss = CrossEntropyLossConfig::new().init(&device).forward(logits, targets);
    let grads = loss.backward();
    let norms = model
        .hidden
        .iter()
        .map(|layer| {
            layer.weight.grad(&grads).map_or(0.0, |g| first(g.powi_scalar(2).sum().sqrt()))
        })
        .collect();
    Ok(Flow { norms, loss: first(loss) })
}

fn first(t: Tensor<1>) -> f32 {
    t.try_into_vec_as::<f32>().ok().and_then(|v| v.first().copied()).unwrap_or(f32::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first 64 of the 1,000 shipped test digits (label byte, then 784 grey bytes each).
    fn batch() -> (Vec<f32>, Vec<u8>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets/mnist-test-1000.u8");
        let bytes = std::fs::read(path).expect("mnist-test-1000.u8");
        let digits: Vec<&[u8]> = bytes.chunks_exact(PIXELS + 1).take(64).collect();
        let labels = digits.iter().map(|d| d[0]).collect();
        let pixels = digits.iter().flat_map(|d| d[1..].iter().map(|&p| f32::from(p) / 255.0)).collect();
        (pixels, labels)
    }

    fn flow(kind: Stack, init: Init) -> Flow {
        let (pixels, labels) = batch();
        let flow = gradient_norms(kind, init, 20, 32, 1, &pixels, &labels, &Device::flex()).unwrap();
        assert_eq!(flow.norms.len(), 20);
        flow
    }

    fn ratio(f: &Flow) -> f32 {
        f.norms[0] / f.norms[19]
    }

    // burn's seed is global: one test draws all the stacks, in order.
    #[test]
    fn sigmoid_vanishes_residual_relu_keeps_the_gradient_large_weights_explode() {
        let sigmoid = ratio(&flow(Stack::Sigmoid, Init::He));
        assert!(sigmoid < 1e-3, "sigmoid first/last {sigmoid:e}");
        let residual = ratio(&flow(Stack::ResidualRelu, Init::He));
        assert!((0.1..=10.0).contains(&residual), "residual first/last {residual}");
        // Weights drawn from N(0, 1) instead of He's N(0, 2/32) multiply every layer's signal by
        // about 4: the gradients come out many orders of magnitude larger (here even the first and
        // last layers grow alike, as activations grow forward as fast as gradients backward).
        let he = flow(Stack::Relu, Init::He);
        let large = flow(Stack::Relu, Init::Large);
        let biggest = |f: &Flow| f.norms.iter().copied().fold(0.0_f32, f32::max);
        assert!(biggest(&large) > 1e6 * biggest(&he), "large {:e} vs He {:e}", biggest(&large), biggest(&he));
        assert!(he.loss.is_finite());
        let (pixels, labels) = batch();
        assert!(gradient_norms(Stack::Relu, Init::He, 0, 32, 1, &pixels, &labels, &Device::flex()).is_err());
        assert!(gradient_norms(Stack::Relu, Init::He, 51, 32, 1, &pixels, &labels, &Device::flex()).is_err());
        assert!(gradient_norms(Stack::Relu, Init::He, 5, 32, 1, &pixels[..10], &labels, &Device::flex()).is_err());
        assert!(gradient_norms(Stack::Relu, Init::He, 5, 32, 1, &pixels, &[11; 64], &Device::flex()).is_err());
        assert!(Stack::parse("swish").is_err() && Init::parse("lecun").is_err());
    }
}
