//! The two digit networks and the pipeline from a drawing to their answers.
//!
//! - [`GridMlp`]: the primer's network. A digit as a 16×16 grid of 0/1 cells, flattened to 256
//!   inputs, one hidden layer, 10 outputs — one per digit.
//! - [`DigitCnn`]: the real classifier, a small LeNet-style CNN (LeCun et al. 1998) on the
//!   MNIST-standard 28×28 input.
//!
//! Both return logits; [`probabilities`] turns them into softmax probabilities.

use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig, PaddingConfig2d, Relu};
use burn::module::Param;
use burn::prelude::*;
use burn::store::{ModuleRecord, RecordError};
use burn::tensor::{Bytes, activation};

use crate::mnist::{CLASSES, PIXELS};
use crate::preprocess::{GRID_SIDE, Ink, MNIST_SIDE, frame_mnist, grid16};

/// Configuration of [`DigitCnn`].
#[derive(Config, Debug)]
pub struct DigitCnnConfig {
    /// Feature maps of the first convolution (5×5 kernels).
    #[config(default = 16)]
    pub conv1_channels: usize,
    /// Feature maps of the second convolution (5×5 kernels).
    #[config(default = 32)]
    pub conv2_channels: usize,
    /// Width of the fully connected hidden layer (the digit's "embedding").
    #[config(default = 128)]
    pub hidden: usize,
    /// Dropout probability before the last layer, in training only.
    #[config(default = 0.3)]
    pub dropout: f64,
}

/// conv(5×5, same) → ReLU → max-pool 2 → conv(5×5, same) → ReLU → max-pool 2 → linear → ReLU →
/// dropout → linear to 10 logits.
#[derive(Module, Debug)]
pub struct DigitCnn {
    conv1: Conv2d,
    conv2: Conv2d,
    pool: MaxPool2d,
    fc1: Linear,
    fc2: Linear,
    dropout: Dropout,
    activation: Relu,
}

impl DigitCnnConfig {
    /// A freshly initialised network on `device`.
    pub fn init(&self, device: &Device) -> DigitCnn {
        let conv = |c: [usize; 2]| {
            Conv2dConfig::new(c, [5, 5]).with_padding(PaddingConfig2d::Same).init(device)
        };
        let flat = self.conv2_channels * (MNIST_SIDE / 4) * (MNIST_SIDE / 4);
        DigitCnn {
            conv1: conv([1, self.conv1_channels]),
            conv2: conv([self.conv1_channels, self.conv2_channels]),
            pool: MaxPool2dConfig::new([2, 2]).init(),
            fc1: LinearConfig::new(flat, self.hidden).init(device),
            fc2: LinearConfig::new(self.hidden, CLASSES).init(device),
            dropout: DropoutConfig::new(self.dropout).init(),
            activation: Relu::new(),
        }
    }
}

impl DigitCnn {
    /// The feature maps after each convolution block (after ReLU and pooling).
    ///
    /// # Shapes
    /// - images: `[batch, 1, 28, 28]`, ink in `0..=1`
    /// - returns: `([batch, conv1, 14, 14], [batch, conv2, 7, 7])`
    pub fn feature_maps(&self, images: Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        let x = self.pool.forward(self.activation.forward(self.conv1.forward(images)));
        let y = self.pool.forward(self.activation.forward(self.conv2.forward(x.clone())));
        (x, y)
    }

    /// The penultimate layer: what the last layer reads to decide.
    ///
    /// # Shapes
    /// - images: `[batch, 1, 28, 28]`
    /// - returns: `[batch, hidden]`
    pub fn features(&self, images: Tensor<4>) -> Tensor<2> {
        let (_, maps) = self.feature_maps(images);
        let maps: Tensor<2> = maps.flatten(1, 3);
        self.activation.forward(self.fc1.forward(maps))
    }

    /// Logits, one per digit 0–9.
    ///
    /// # Shapes
    /// - images: `[batch, 1, 28, 28]`
    /// - returns: `[batch, 10]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        self.fc2.forward(self.dropout.forward(self.features(images)))
    }

    /// The penultimate features and the logits from one pass.
    ///
    /// # Shapes
    /// - images: `[batch, 1, 28, 28]`
    /// - returns: `([batch, hidden], [batch, 10])`
    pub fn forward_with_features(&self, images: Tensor<4>) -> (Tensor<2>, Tensor<2>) {
        let features = self.features(images);
        let logits = self.fc2.forward(self.dropout.forward(features.clone()));
        (features, logits)
    }
}

/// One parameter tensor by name: for drawing a network's kernels, or for checking our forward pass
/// against another framework fed the same numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedTensor {
    /// `layer.weight` or `layer.bias`.
    pub name: String,
    /// burn's layout: conv weights `[out, in, kh, kw]`, linear weights `[in, out]`, biases `[out]`.
    pub shape: Vec<usize>,
    /// Row-major values.
    pub values: Vec<f32>,
}

fn named<const D: usize>(name: &str, tensor: Tensor<D>) -> NamedTensor {
    NamedTensor {
        name: name.into(),
        shape: tensor.dims().to_vec(),
        values: tensor.try_into_vec_as::<f32>().unwrap_or_default(),
    }
}

fn shift<const D: usize>(param: &Param<Tensor<D>>, name: &str, moves: &[(&[NamedTensor], f32)]) -> Param<Tensor<D>> {
    let mut tensor = param.val();
    for (direction, amount) in moves {
        if let Some(d) = direction.iter().find(|d| d.name == name) {
            let device = tensor.device();
            let offset = Tensor::<1>::from_floats(d.values.as_slice(), &device).reshape(tensor.shape());
            tensor = tensor + offset * *amount;
        }
    }
    Param::from_tensor(tensor)
}

impl DigitCnn {
    /// Every trainable tensor, in forward order: `conv1`, `conv2`, `fc1`, `fc2`, each `.weight`
    /// then `.bias`.
    pub fn named_parameters(&self) -> Vec<NamedTensor> {
        let mut out = Vec::new();
        for (name, conv) in [("conv1", &self.conv1), ("conv2", &self.conv2)] {
            out.push(named(&format!("{name}.weight"), conv.weight.val()));
            out.extend(conv.bias.as_ref().map(|b| named(&format!("{name}.bias"), b.val())));
        }
        for (name, linear) in [("fc1", &self.fc1), ("fc2", &self.fc2)] {
            out.push(named(&format!("{name}.weight"), linear.weight.val()));
            out.extend(linear.bias.as_ref().map(|b| named(&format!("{name}.bias"), b.val())));
        }
        out
    }

    /// A copy with every parameter moved: `θ + Σ amount · direction` (directions as returned by
    /// [`DigitCnn::named_parameters`]; a tensor a direction lacks stays put). Used to walk the loss
    /// landscape around the trained weights (Li et al. 2018).
    pub fn shifted(&self, moves: &[(&[NamedTensor], f32)]) -> Self {
        let mut out = self.clone();
        for (name, conv) in [("conv1", &mut out.conv1), ("conv2", &mut out.conv2)] {
            conv.weight = shift(&conv.weight, &format!("{name}.weight"), moves);
            conv.bias = conv.bias.as_ref().map(|b| shift(b, &format!("{name}.bias"), moves));
        }
        for (name, linear) in [("fc1", &mut out.fc1), ("fc2", &mut out.fc2)] {
            linear.weight = shift(&linear.weight, &format!("{name}.weight"), moves);
            linear.bias = linear.bias.as_ref().map(|b| shift(b, &format!("{name}.bias"), moves));
        }
        out
    }
}

/// Configuration of [`GridMlp`].
#[derive(Config, Debug)]
pub struct GridMlpConfig {
    /// Hidden neurons.
    #[config(default = 128)]
    pub hidden: usize,
}

/// The primer's network: 256 inputs (a 16×16 grid of 0/1 cells) → hidden layer (ReLU) → 10
/// outputs.
#[derive(Module, Debug)]
pub struct GridMlp {
    hidden: Linear,
    output: Linear,
    activation: Relu,
}

impl GridMlpConfig {
    /// A freshly initialised network on `device`.
    pub fn init(&self, device: &Device) -> GridMlp {
        GridMlp {
            hidden: LinearConfig::new(GRID_SIDE * GRID_SIDE, self.hidden).init(device),
            output: LinearConfig::new(self.hidden, CLASSES).init(device),
            activation: Relu::new(),
        }
    }
}

impl GridMlp {
    /// Logits, one per digit 0–9.
    ///
    /// # Shapes
    /// - cells: `[batch, 256]`, each 0 or 1
    /// - returns: `[batch, 10]`
    pub fn forward(&self, cells: Tensor<2>) -> Tensor<2> {
        self.output.forward(self.activation.forward(self.hidden.forward(cells)))
    }
}

/// Softmax over the last dimension: `p_i = exp(z_i − max z) / Σ_j exp(z_j − max z)`, so logits
/// like `[1000, 0, −1000]` give `[1, 0, 0]` rather than NaN.
///
/// # Shapes
/// - logits: `[batch, classes]`; returns the same shape, rows summing to 1.
pub fn probabilities(logits: Tensor<2>) -> Tensor<2> {
    activation::softmax(logits, 1)
}

/// Why weights could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The bytes are not a burnpack file (empty, truncated or another format).
    Format(String),
    /// The file is a burnpack but does not fit the architecture (names or shapes differ).
    Architecture(String),
}

impl core::fmt::Display for LoadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Format(e) => write!(f, "not a readable weights file: {e}"),
            Self::Architecture(e) => write!(f, "weights do not fit the network: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Load a module's weights from burnpack bytes (as written by [`to_bytes`]). Parameters are cast
/// to the module's own dtype, so files may be stored in f16.
///
/// # Errors
/// [`LoadError::Format`] for bytes that are not burnpack, [`LoadError::Architecture`] when a
/// tensor is missing, extra, or of the wrong shape.
pub fn load<M: Module>(module: M, bytes: &[u8]) -> Result<M, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Format("the file is empty".into()));
    }
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
        .map_err(|e| LoadError::Format(e.to_string()))?;
    module.try_load_record(record.cast_to_module_dtype()).map_err(|e| match e {
        RecordError::Io(e) => LoadError::Format(e),
        RecordError::Validation(e) => LoadError::Architecture(e),
    })
}

/// Load weights stored in any float type (the shipped transformer is float16) and compute in
/// float32. Unlike [`load`], the module's own random initial values are never drawn: the record's
/// tensors are taken as they are, then cast — for 22 M parameters in the browser that is the
/// difference between most of a second and a fraction of it.
///
/// # Errors
/// As [`load`].
pub fn load_as_f32<M: Module>(module: M, bytes: &[u8]) -> Result<M, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Format("the file is empty".into()));
    }
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).map_err(|e| LoadError::Format(e.to_string()))?;
    let module = module.try_load_record(record).map_err(|e| match e {
        RecordError::Io(e) => LoadError::Format(e),
        RecordError::Validation(e) => LoadError::Architecture(e),
    })?;
    Ok(module.map(&mut ToF32))
}

/// Casts every float parameter to float32.
struct ToF32;

impl burn::module::ModuleMapper for ToF32 {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        param.map(|t| t.cast(burn::tensor::DType::F32))
    }
}

/// A module's weights as burnpack bytes.
///
/// # Errors
/// When burn cannot serialise the record.
pub fn to_bytes<M: Module>(module: M) -> Result<Vec<u8>, RecordError> {
    Ok(module.into_record().into_bytes()?.to_vec())
}

/// One network's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// The most probable digit.
    pub digit: u8,
    /// Softmax probabilities for 0–9.
    pub probabilities: [f32; CLASSES],
}

impl Guess {
    fn from_probabilities(row: &[f32]) -> Self {
        let mut probabilities = [0.0; CLASSES];
        probabilities.copy_from_slice(&row[..CLASSES]);
        let digit = (0..CLASSES)
            .max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b]))
            .unwrap_or_default() as u8;
        Self { digit, probabilities }
    }
}

/// Everything the digit widget shows for one drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// What the CNN sees: `[28, 28]` row-major, `0..=1`.
    pub input28: Vec<f32>,
    /// The primer's view: `[16, 16]` row-major cells, 0 or 1.
    pub grid16: Vec<u8>,
    /// The CNN's answer.
    pub cnn: Guess,
    /// The CNN's penultimate features (its "embedding" of the digit), `[hidden]`.
    pub features: Vec<f32>,
    /// The 16×16 network's answer.
    pub grid: Guess,
}

/// Both trained networks and the preprocessing in front of them.
#[derive(Debug)]
pub struct DigitReader {
    cnn: DigitCnn,
    mlp: GridMlp,
    device: Device,
}

impl DigitReader {
    /// Load both networks with default configurations from burnpack bytes.
    ///
    /// # Errors
    /// As [`load`], for either file.
    pub fn new(cnn_weights: &[u8], grid_weights: &[u8], device: &Device) -> Result<Self, LoadError> {
        let cnn = load(DigitCnnConfig::new().init(device), cnn_weights)?;
        let mlp = load(GridMlpConfig::new().init(device), grid_weights)?;
        Ok(Self { cnn: cnn.valid(), mlp: mlp.valid(), device: device.clone() })
    }

    /// The CNN.
    pub fn cnn(&self) -> &DigitCnn {
        &self.cnn
    }

    /// Read a drawing: frame it like MNIST, make the 16×16 grid, run both networks.
    /// `None` when the drawing holds no ink.
    pub fn read(&self, ink: &Ink) -> Option<Reading> {
        let input28 = frame_mnist(ink)?;
        let framed = Ink { width: MNIST_SIDE, height: MNIST_SIDE, values: input28.clone() };
        let grid16 = grid16(&framed)?;
        let (mut cnn, features) = self.classify28(&input28).ok()?;
        let grid = self.classify_grid(&grid16).ok()?.remove(0);
        Some(Reading { input28, grid16, cnn: cnn.remove(0), features, grid })
    }

    /// The CNN's answers and penultimate features for framed digits (`batch × 784` values).
    /// Returns the guesses and the features, `[batch, hidden]` row-major.
    ///
    /// # Errors
    /// No digits, or a length that is not whole digits.
    pub fn classify28(&self, pixels: &[f32]) -> Result<(Vec<Guess>, Vec<f32>), String> {
        if pixels.is_empty() || pixels.len() % PIXELS != 0 {
            return Err(format!("{} values are not whole 28 × 28 digits", pixels.len()));
        }
        let batch = pixels.len() / PIXELS;
        let x = Tensor::<1>::from_floats(pixels, &self.device).reshape([batch, 1, 28, 28]);
        let (features, logits) = self.cnn.forward_with_features(x);
        Ok((guesses(logits), features.try_into_vec_as::<f32>().unwrap_or_default()))
    }

    /// The 16×16 network's answers for grids (`batch × 256` cells).
    ///
    /// # Errors
    /// No grids, or a length that is not whole grids.
    pub fn classify_grid(&self, cells: &[u8]) -> Result<Vec<Guess>, String> {
        let n = GRID_SIDE * GRID_SIDE;
        if cells.is_empty() || cells.len() % n != 0 {
            return Err(format!("{} cells are not whole 16 × 16 grids", cells.len()));
        }
        let batch = cells.len() / n;
        let cells: Vec<f32> = cells.iter().map(|&c| f32::from(c)).collect();
        let x = Tensor::<1>::from_floats(cells.as_slice(), &self.device).reshape([batch, n]);
        Ok(guesses(self.mlp.forward(x)))
    }
}

fn guesses(logits: Tensor<2>) -> Vec<Guess> {
    let values: Vec<f32> = probabilities(logits).try_into_vec_as::<f32>().unwrap_or_default();
    values.chunks_exact(CLASSES).map(Guess::from_probabilities).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::nn::loss::CrossEntropyLossConfig;

    fn device() -> Device {
        Device::flex()
    }

    #[test]
    fn softmax_is_stable_for_huge_logits() {
        let logits = Tensor::<2>::from_floats([[1000.0, 0.0, -1000.0]], &device());
        let p: Vec<f32> = probabilities(logits).try_into_vec_as::<f32>().unwrap();
        assert_eq!(p, vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn softmax_by_hand() {
        // [0, ln 3] → [1/4, 3/4]
        let logits = Tensor::<2>::from_floats([[0.0, 3f32.ln()]], &device());
        let p: Vec<f32> = probabilities(logits).try_into_vec_as::<f32>().unwrap();
        assert!((p[0] - 0.25).abs() < 1e-6 && (p[1] - 0.75).abs() < 1e-6, "{p:?}");
    }

    #[test]
    fn cross_entropy_is_stable_for_huge_logits() {
        let loss = CrossEntropyLossConfig::new().init(&device());
        let logits = || Tensor::<2>::from_floats([[1000.0, 0.0, -1000.0]], &device());
        let ce = |target: i64| {
            let t = Tensor::<1, Int>::from_ints([target], &device());
            loss.forward(logits(), t).into_scalar::<f32>()
        };
        // −log p(right class): 0 when the right class has all the mass; 1000 and 2000 otherwise
        assert_eq!(ce(0), 0.0);
        assert!((ce(1) - 1000.0).abs() < 1e-3, "{}", ce(1));
        assert!((ce(2) - 2000.0).abs() < 1e-3, "{}", ce(2));
    }

    #[test]
    fn shapes_and_parameter_counts() {
        let cnn = DigitCnnConfig::new().init(&device());
        let x = Tensor::<4>::zeros([3, 1, 28, 28], &device());
        let (a, b) = cnn.feature_maps(x.clone());
        assert_eq!((a.dims(), b.dims()), ([3, 16, 14, 14], [3, 32, 7, 7]));
        assert_eq!(cnn.features(x.clone()).dims(), [3, 128]);
        assert_eq!(cnn.forward(x).dims(), [3, 10]);
        // 1·16·25+16 + 16·32·25+32 + 1568·128+128 + 128·10+10
        assert_eq!(cnn.num_params(), 416 + 12_832 + 200_832 + 1_290);
        let shapes: Vec<(String, Vec<usize>)> =
            cnn.named_parameters().into_iter().map(|p| (p.name, p.shape)).collect();
        let want: Vec<(&str, Vec<usize>)> = vec![
            ("conv1.weight", vec![16, 1, 5, 5]),
            ("conv1.bias", vec![16]),
            ("conv2.weight", vec![32, 16, 5, 5]),
            ("conv2.bias", vec![32]),
            ("fc1.weight", vec![1568, 128]),
            ("fc1.bias", vec![128]),
            ("fc2.weight", vec![128, 10]),
            ("fc2.bias", vec![10]),
        ];
        assert_eq!(shapes, want.into_iter().map(|(n, s)| (n.to_string(), s)).collect::<Vec<_>>());

        let mlp = GridMlpConfig::new().init(&device());
        assert_eq!(mlp.forward(Tensor::zeros([2, 256], &device())).dims(), [2, 10]);
        assert_eq!(mlp.num_params(), 256 * 128 + 128 + 128 * 10 + 10);
    }

    #[test]
    fn shifting_moves_exactly_the_named_parameters() {
        let cnn = DigitCnnConfig::new().init(&device());
        let before = cnn.named_parameters();
        let direction: Vec<NamedTensor> = before
            .iter()
            .filter(|p| p.name == "fc2.bias" || p.name == "conv1.weight")
            .map(|p| NamedTensor { values: vec![1.0; p.values.len()], ..p.clone() })
            .collect();
        let after = cnn.shifted(&[(&direction, 0.5), (&direction, -0.25)]).named_parameters();
        for (b, a) in before.iter().zip(&after) {
            let moved = if b.name == "fc2.bias" || b.name == "conv1.weight" { 0.25 } else { 0.0 };
            for (x, y) in b.values.iter().zip(&a.values) {
                assert!((y - x - moved).abs() < 1e-6, "{}: {x} → {y}", b.name);
            }
        }
    }

    #[test]
    fn weights_round_trip_and_bad_files_are_refused() {
        let d = device();
        let mlp = GridMlpConfig::new().init(&d);
        let x = Tensor::<2>::ones([1, 256], &d);
        let before: Vec<f32> = mlp.forward(x.clone()).try_into_vec_as::<f32>().unwrap();
        let bytes = to_bytes(mlp).unwrap();
        let loaded = load(GridMlpConfig::new().init(&d), &bytes).unwrap();
        let after: Vec<f32> = loaded.forward(x).try_into_vec_as::<f32>().unwrap();
        assert_eq!(before, after);

        assert!(matches!(load(GridMlpConfig::new().init(&d), &[]), Err(LoadError::Format(_))));
        let garbage: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(load(GridMlpConfig::new().init(&d), &garbage), Err(LoadError::Format(_))));
        for cut in [1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(load(GridMlpConfig::new().init(&d), &bytes[..cut]).is_err(), "cut at {cut}");
        }
        // the right format for the wrong network
        let wider = GridMlpConfig::new().with_hidden(129).init(&d);
        assert!(matches!(load(wider, &bytes), Err(LoadError::Architecture(_))));
        let cnn = DigitCnnConfig::new().init(&d);
        assert!(matches!(load(cnn, &bytes), Err(LoadError::Architecture(_))));
    }

    #[test]
    fn reader_says_nothing_for_an_empty_pad() {
        let d = device();
        let cnn = to_bytes(DigitCnnConfig::new().init(&d)).unwrap();
        let mlp = to_bytes(GridMlpConfig::new().init(&d)).unwrap();
        let reader = DigitReader::new(&cnn, &mlp, &d).unwrap();
        let blank = Ink { width: 10, height: 10, values: vec![0.0; 100] };
        assert_eq!(reader.read(&blank), None);
        let mut dot = blank.clone();
        dot.values[55] = 1.0;
        let r = reader.read(&dot).unwrap();
        let total: f32 = r.cnn.probabilities.iter().sum();
        assert!((total - 1.0).abs() < 1e-5);
        assert_eq!((r.input28.len(), r.grid16.len(), r.features.len()), (784, 256, 128));
        assert!(reader.classify28(&[0.0; 783]).is_err());
        assert!(reader.classify28(&[]).is_err());
        assert!(reader.classify_grid(&[0; 255]).is_err());
        let (guesses, features) = reader.classify28(&[0.5; 784 * 3]).unwrap();
        assert_eq!((guesses.len(), features.len()), (3, 384));
    }
}
