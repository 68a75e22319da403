//! Plainly's browser boundary: one wasm-bindgen handle per widget.
//!
//! A panic inside wasm poisons the instance for every widget on the page, so nothing here may
//! panic on any input: every export checks lengths, sizes and numbers first and returns
//! `Result<_, JsError>` with a sentence a person can act on. The checks live in plain functions
//! ([`digit`]) that the native tests call; the `#[wasm_bindgen]` methods only convert types.

#![allow(clippy::new_without_default)]

pub mod attention;
pub mod backprop;
pub mod digit;
pub mod marbles;
pub mod neurons;
pub mod playground;
pub mod words;

use wasm_bindgen::prelude::*;

/// The CPU backends this build carries. `flex` is the default (faster in every measurement so far,
/// see README); `ndarray` is kept for the benchmark that keeps that choice honest.
pub const BACKENDS: [&str; 2] = ["flex", "ndarray"];

/// An error message for JavaScript, from any displayable error.
fn js_error(e: impl core::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// The burn device for a backend name (`None` → `flex`).
///
/// # Errors
/// A sentence naming the accepted backends when `name` is not one of [`BACKENDS`].
pub fn device(name: Option<&str>) -> Result<burn::prelude::Device, String> {
    match name.unwrap_or("flex") {
        "flex" => Ok(burn::prelude::Device::flex()),
        #[allow(deprecated)] // kept deliberately: the benchmark compares the two CPU backends
        "ndarray" => Ok(burn::prelude::Device::ndarray()),
        other => Err(format!("unknown backend {other:?}; use one of {BACKENDS:?}")),
    }
}

/// Names of the CPU backends compiled into this module.
#[wasm_bindgen]
pub fn backends() -> Vec<String> {
    BACKENDS.iter().map(|b| b.to_string()).collect()
}

/// Log panic messages to the browser console (they should never happen: see the module docs).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The digit widget's handle: both trained digit networks and the preprocessing before them.
#[wasm_bindgen]
pub struct DigitClassifier {
    inner: digit::Digit,
}

#[wasm_bindgen]
impl DigitClassifier {
    /// Load the networks from their burnpack files (`digit-cnn.bpk`, `digit-grid.bpk`) on a CPU
    /// backend (`"flex"`, the default, or `"ndarray"`).
    ///
    /// # Errors
    /// An empty, truncated or foreign file, weights that do not fit the networks, or an unknown
    /// backend.
    #[wasm_bindgen(constructor)]
    pub fn new(cnn_weights: &[u8], grid_weights: &[u8], backend: Option<String>) -> Result<DigitClassifier, JsError> {
        let inner = digit::Digit::new(cnn_weights, grid_weights, backend.as_deref()).map_err(js_error)?;
        Ok(Self { inner })
    }

    /// The backend in use.
    #[wasm_bindgen(getter)]
    pub fn backend(&self) -> String {
        self.inner.backend().to_string()
    }

    /// Classify canvas pixels (`ImageData.data`: RGBA bytes, row-major, `width × height × 4`).
    /// Returns `null` for a canvas without ink, else `{digit, probabilities[10], input28[784],
    /// grid16[256], grid: {digit, probabilities[10]}}` (see [`digit::Reading`]).
    ///
    /// # Errors
    /// Zero or over-large size (more than 4096 × 4096), or a length that does not match.
    #[wasm_bindgen(js_name = classifyRgba)]
    pub fn classify_rgba(&self, rgba: &[u8], width: u32, height: u32) -> Result<JsValue, JsError> {
        let reading = self.inner.classify_rgba(rgba, width as usize, height as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&reading).map_err(js_error)
    }

    /// Classify 28×28 grey values (`0..=1`, ink high) after the same framing as a drawing.
    /// Returns what [`classify_rgba`](Self::classify_rgba) returns.
    ///
    /// # Errors
    /// Not exactly 784 values, or a value that is NaN or infinite.
    #[wasm_bindgen(js_name = classifyGray)]
    pub fn classify_gray(&self, pixels: &[f32]) -> Result<JsValue, JsError> {
        let reading = self.inner.classify_gray(pixels).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&reading).map_err(js_error)
    }

    /// Frame many real 28×28 digits (`n × 784` grey bytes, ink high) like drawings and run the CNN
    /// on all of them: `{features: Float32Array [n × 128], digits: Uint8Array [n]}` (the CNN's
    /// penultimate features and its predicted digit).
    ///
    /// # Errors
    /// No digits, a length that is not whole digits, or more than 20,000 digits.
    #[wasm_bindgen(js_name = embedDigits)]
    pub fn embed_digits(&self, pixels: &[u8]) -> Result<js_sys::Object, JsError> {
        let (features, digits) = self.inner.embed_digits(pixels).map_err(js_error)?;
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"features".into(), &js_sys::Float32Array::from(features.as_slice()))
            .map_err(|_| JsError::new("could not build the result"))?;
        js_sys::Reflect::set(&out, &"digits".into(), &js_sys::Uint8Array::from(digits.as_slice()))
            .map_err(|_| JsError::new("could not build the result"))?;
        Ok(out)
    }

    /// The CNN's trained parameters: `[{name, shape, values}]` in forward order, burn's layouts
    /// (conv weights `[out, in, kh, kw]`, linear weights `[in, out]`).
    ///
    /// # Errors
    /// Only if the values cannot be handed to JavaScript.
    #[wasm_bindgen(js_name = cnnParameters)]
    pub fn cnn_parameters(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.cnn_parameters()).map_err(js_error)
    }

    /// The CNN's ten probabilities for an already framed 28×28 digit: the bare forward pass and
    /// softmax, without preprocessing (for the benchmark).
    ///
    /// # Errors
    /// Not exactly 784 values, or a value that is NaN or infinite.
    #[wasm_bindgen(js_name = cnnProbabilities)]
    pub fn cnn_probabilities(&self, framed: &[f32]) -> Result<Vec<f32>, JsError> {
        self.inner.cnn_probabilities(framed).map_err(js_error)
    }
}

/// The marbles widget's handle: a loss surface and the swarms of marbles rolling on it.
#[wasm_bindgen]
pub struct MarbleField {
    inner: marbles::Field,
}

#[wasm_bindgen]
impl MarbleField {
    /// A field on a surface: `bowl`, `rosenbrock`, `himmelblau`, `bumpy`, `saddle`, or `network`
    /// (then pass the text of `landscape-digit-cnn.json`).
    ///
    /// # Errors
    /// An unknown surface, or a missing or malformed landscape file.
    #[wasm_bindgen(constructor)]
    pub fn new(surface: &str, landscape_json: Option<String>) -> Result<MarbleField, JsError> {
        Ok(Self { inner: marbles::Field::new(surface, landscape_json.as_deref()).map_err(js_error)? })
    }

    /// `[x_min, x_max, y_min, y_max]` of the drawn part of the plane.
    pub fn domain(&self) -> Vec<f32> {
        self.inner.domain().to_vec()
    }

    /// Known minima: `[{x, y, value, global}]`.
    ///
    /// # Errors
    /// Only if the values cannot be handed to JavaScript.
    pub fn minima(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.minima()).map_err(js_error)
    }

    /// The loss on an `nx × ny` grid over the domain (row by row, y outer).
    ///
    /// # Errors
    /// A size outside 2..=1024.
    pub fn sample(&self, nx: u32, ny: u32) -> Result<Vec<f32>, JsError> {
        self.inner.sample(nx as usize, ny as usize).map_err(js_error)
    }

    /// Start a swarm at `starts` (`[x0, y0, x1, y1, …]`) with an optimizer (`sgd`, `momentum`,
    /// `nesterov`, `adagrad`, `rmsprop`, `adam`), learning rate, μ/β₁ and ρ/β₂. Returns its index.
    ///
    /// # Errors
    /// Bad starts or settings, or too many swarms.
    pub fn add(&mut self, starts: &[f32], optimizer: &str, learning_rate: f64, beta1: f64, beta2: f64) -> Result<u32, JsError> {
        let index = self.inner.add(starts, optimizer, learning_rate, beta1, beta2).map_err(js_error)?;
        Ok(index as u32)
    }

    /// `n` random starts over the domain, `[x0, y0, …]`, reproducible from `seed`.
    ///
    /// # Errors
    /// `n` outside 1..=1000.
    #[wasm_bindgen(js_name = randomStarts)]
    pub fn random_starts(&self, n: u32, seed: u32) -> Result<Vec<f32>, JsError> {
        self.inner.random_starts(n as usize, u64::from(seed)).map_err(js_error)
    }

    /// Every swarm takes `count` optimizer steps (at most 1000 per call).
    ///
    /// # Errors
    /// Too many steps for one call.
    pub fn step(&mut self, count: u32) -> Result<(), JsError> {
        self.inner.step(count as usize).map_err(js_error)
    }

    /// Remove every swarm.
    pub fn clear(&mut self) {
        self.inner.clear();
    }

    /// How many swarms there are.
    #[wasm_bindgen(getter, js_name = swarmCount)]
    pub fn swarm_count(&self) -> u32 {
        self.inner.swarm_count() as u32
    }

    /// A swarm's positions, `[x0, y0, x1, y1, …]`.
    ///
    /// # Errors
    /// No such swarm.
    pub fn positions(&self, swarm: u32) -> Result<Vec<f32>, JsError> {
        Ok(self.inner.swarm(swarm as usize).map_err(js_error)?.positions().to_vec())
    }

    /// A swarm's losses, one per marble.
    ///
    /// # Errors
    /// No such swarm.
    pub fn losses(&self, swarm: u32) -> Result<Vec<f32>, JsError> {
        Ok(self.inner.swarm(swarm as usize).map_err(js_error)?.losses().to_vec())
    }

    /// A swarm's marble statuses: 0 rolling, `k > 0` diverged at step `k`, `−k` left the surface
    /// at step `k`.
    ///
    /// # Errors
    /// No such swarm.
    pub fn status(&self, swarm: u32) -> Result<Vec<i32>, JsError> {
        self.inner.status(swarm as usize).map_err(js_error)
    }

    /// Steps a swarm has taken.
    ///
    /// # Errors
    /// No such swarm.
    pub fn steps(&self, swarm: u32) -> Result<u32, JsError> {
        Ok(self.inner.swarm(swarm as usize).map_err(js_error)?.steps() as u32)
    }

    /// True when every marble of the swarm still on the surface moved less than `tolerance` in
    /// the last step.
    ///
    /// # Errors
    /// No such swarm.
    pub fn settled(&self, swarm: u32, tolerance: f32) -> Result<bool, JsError> {
        Ok(self.inner.swarm(swarm as usize).map_err(js_error)?.settled(tolerance))
    }

    /// Where a swarm's marbles rest: `{global, local, elsewhere, diverged}` (within `radius` of a
    /// known minimum).
    ///
    /// # Errors
    /// No such swarm, or a bad radius.
    pub fn tally(&self, swarm: u32, radius: f32) -> Result<JsValue, JsError> {
        let tally = self.inner.tally(swarm as usize, radius).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&tally).map_err(js_error)
    }
}

/// The word-embedding widget's handle: GloVe vectors, neighbours, analogies and PCA layouts.
#[wasm_bindgen]
pub struct WordSpace {
    inner: words::Words,
}

#[wasm_bindgen]
impl WordSpace {
    /// Load `glove-50d.f16` (float16 vectors, 50 per word) and `glove-50d.words.txt`.
    ///
    /// # Errors
    /// Sizes that do not match, a repeated word, or a vector that is not finite.
    #[wasm_bindgen(constructor)]
    pub fn new(vectors: &[u8], words: &str) -> Result<WordSpace, JsError> {
        Ok(Self { inner: words::Words::new(vectors, words).map_err(js_error)? })
    }

    /// How many words are known.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// The known (lower-case) form of a word, or `undefined` when it is not known.
    pub fn canonical(&self, word: &str) -> Option<String> {
        self.inner.canonical(word)
    }

    /// Cosine similarity of two words.
    ///
    /// # Errors
    /// An unknown word.
    pub fn cosine(&self, a: &str, b: &str) -> Result<f32, JsError> {
        self.inner.cosine(a, b).map_err(js_error)
    }

    /// The `k` nearest neighbours of a word: `[{word, cosine}]`, best first.
    ///
    /// # Errors
    /// An unknown word, or `k` outside 1..=100.
    pub fn neighbours(&self, word: &str, k: u32) -> Result<JsValue, JsError> {
        let found = self.inner.neighbours(word, k as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&found).map_err(js_error)
    }

    /// `a − b + c` ("king − man + woman"): the `k` nearest words, the inputs left out.
    ///
    /// # Errors
    /// An unknown word, or `k` outside 1..=100.
    pub fn analogy(&self, a: &str, b: &str, c: &str, k: u32) -> Result<JsValue, JsError> {
        let found = self.inner.analogy(a, b, c, k as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&found).map_err(js_error)
    }

    /// PCA of the given words to `k` (2 or 3) dimensions: `{words, coords, ratios}`.
    ///
    /// # Errors
    /// Fewer than 2 or more than 2,000 words, an unknown word, or `k` not 2 or 3.
    pub fn layout(&self, words: Vec<String>, k: u32) -> Result<JsValue, JsError> {
        let layout = self.inner.layout(&words, k as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&layout).map_err(js_error)
    }
}

/// PCA for any points (the digit-embedding widget uses it on the CNN's features).
#[wasm_bindgen(js_name = Pca)]
pub struct PcaHandle {
    inner: plainly_models::pca::Pca,
}

#[wasm_bindgen(js_class = Pca)]
impl PcaHandle {
    /// Fit `k` components to points of `dim` numbers each (`points.length` a multiple of `dim`).
    ///
    /// # Errors
    /// Fewer than 2 points, a bad `dim` or `k`, or values that are not finite.
    #[wasm_bindgen(constructor)]
    pub fn new(points: &[f32], dim: u32, k: u32) -> Result<PcaHandle, JsError> {
        Ok(Self { inner: plainly_models::pca::Pca::fit(points, dim as usize, k as usize).map_err(js_error)? })
    }

    /// Coordinates of points along the components, `[n × k]`.
    ///
    /// # Errors
    /// A length that is not whole points, or values that are not finite.
    pub fn project(&self, points: &[f32]) -> Result<Vec<f32>, JsError> {
        self.inner.project(points).map_err(js_error)
    }

    /// Each component's share of the variance.
    #[wasm_bindgen(getter)]
    pub fn ratios(&self) -> Vec<f64> {
        self.inner.explained_variance_ratio.clone()
    }
}

/// The digit-embedding widget's handle: real test digits placed in the CNN's feature space and
/// laid out by PCA; a drawn digit's features are placed among them.
#[wasm_bindgen]
pub struct DigitSpace {
    inner: plainly_models::space::LabelledSpace,
    predicted: Vec<u8>,
}

#[wasm_bindgen]
impl DigitSpace {
    /// Embed labelled digits (`n × 785` bytes: label, then 784 grey bytes, as in
    /// `mnist-test-1000.u8`) with the classifier's CNN.
    ///
    /// # Errors
    /// A malformed extract.
    #[wasm_bindgen(constructor)]
    pub fn new(classifier: &DigitClassifier, extract: &[u8]) -> Result<DigitSpace, JsError> {
        let (inner, predicted) = classifier.inner.space(extract).map_err(js_error)?;
        Ok(Self { inner, predicted })
    }

    /// 2-D layout, `[x0, y0, x1, y1, …]`.
    pub fn coords(&self) -> Vec<f32> {
        self.inner.coords().to_vec()
    }

    /// True labels, one per digit.
    pub fn labels(&self) -> Vec<u8> {
        self.inner.labels().to_vec()
    }

    /// The CNN's predicted digit for each.
    pub fn predicted(&self) -> Vec<u8> {
        self.predicted.clone()
    }

    /// Share of the variance along each layout axis.
    #[wasm_bindgen(getter)]
    pub fn ratios(&self) -> Vec<f64> {
        self.inner.ratios().to_vec()
    }

    /// Add the t-SNE map of the same digits made at build time (the text of `digit-tsne.json`,
    /// `make digit-tsne`); from then on [`DigitSpace::place`] also places drawn digits on it.
    ///
    /// # Errors
    /// Text that is not such a file, or a map of other digits.
    #[wasm_bindgen(js_name = setTsne)]
    pub fn set_tsne(&mut self, json: &str) -> Result<(), JsError> {
        let file: plainly_models::tsne::DigitMapFile = serde_json::from_str(json).map_err(|e| JsError::new(&format!("digit-tsne.json: {e}")))?;
        self.inner.set_tsne(file.coords, &file.labels, file.perplexity).map_err(js_error)
    }

    /// The t-SNE map, `[x0, y0, x1, y1, …]`, or `undefined` before [`DigitSpace::set_tsne`].
    #[wasm_bindgen(js_name = tsneCoords)]
    pub fn tsne_coords(&self) -> Option<Vec<f32>> {
        self.inner.tsne_coords().map(<[f32]>::to_vec)
    }

    /// Place a drawn digit's CNN features (128 numbers, as in the `prediction` event):
    /// `{x, y, nearest_centre, neighbours, tsne}` (labels of its `k` nearest test digits in the
    /// full feature space; `tsne` is `{x, y, nearest_centre}` on the t-SNE map, or null).
    ///
    /// # Errors
    /// Not 128 finite numbers, or `k` of 0.
    pub fn place(&self, features: &[f32], k: u32) -> Result<JsValue, JsError> {
        let placement = self.inner.place(features, k as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&placement).map_err(js_error)
    }
}

/// The attention widget's handle: all-MiniLM-L6-v2 (BERT, 6 layers × 12 heads) and its
/// WordPiece tokenizer.
#[wasm_bindgen]
pub struct AttentionModel {
    inner: attention::Encoder,
}

/// One text read by [`AttentionModel::read`].
#[wasm_bindgen]
pub struct Sentence {
    inner: attention::Reading,
}

#[wasm_bindgen]
impl AttentionModel {
    /// Load `minilm-l6.bpk` (burnpack, float16 or float32) and `minilm-l6.tokenizer.json`.
    ///
    /// # Errors
    /// Weights that are not burnpack or do not fit the model; a bad tokenizer file.
    #[wasm_bindgen(constructor)]
    pub fn new(weights: &[u8], tokenizer: &[u8]) -> Result<AttentionModel, JsError> {
        Ok(Self { inner: attention::Encoder::new(weights, tokenizer).map_err(js_error)? })
    }

    /// Tokenize and encode `text`, keeping at most `max_tokens` (2 to 512) tokens.
    ///
    /// # Errors
    /// `max_tokens` outside 2..=512.
    pub fn read(&self, text: &str, max_tokens: u32) -> Result<Sentence, JsError> {
        Ok(Sentence { inner: self.inner.read(text, max_tokens as usize).map_err(js_error)? })
    }

    /// Cosine similarity of two texts' sentence embeddings (mean-pooled, normalised).
    ///
    /// # Errors
    /// Never for text; kept a `Result` so a future limit is not a panic.
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32, JsError> {
        self.inner.similarity(a, b).map_err(js_error)
    }

    /// Every head ranked by how much token `query` attends to token `key` in `attentions`
    /// (`[6, 12, n, n]` from [`Sentence::attentions`]): `[{layer, head, weight}]`, 0-based.
    ///
    /// # Errors
    /// Sizes that are not 6 × 12 square maps; positions outside the sentence.
    #[wasm_bindgen(js_name = rankHeads)]
    pub fn rank_heads(&self, attentions: &[f32], query: u32, key: u32) -> Result<JsValue, JsError> {
        let ranked = attention::rank_heads(attentions, 6, 12, query as usize, key as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&ranked).map_err(js_error)
    }
}

#[wasm_bindgen]
impl Sentence {
    /// Word pieces, `[CLS]` and `[SEP]` included.
    #[wasm_bindgen(getter)]
    pub fn tokens(&self) -> Vec<String> {
        self.inner.tokens.clone()
    }

    /// Layers (6).
    #[wasm_bindgen(getter)]
    pub fn layers(&self) -> u32 {
        self.inner.layers as u32
    }

    /// Heads per layer (12).
    #[wasm_bindgen(getter)]
    pub fn heads(&self) -> u32 {
        self.inner.heads as u32
    }

    /// Attention probabilities `[layers, heads, queries, keys]` row-major (a `Float32Array`).
    #[wasm_bindgen(getter)]
    pub fn attentions(&self) -> Vec<f32> {
        self.inner.attentions.clone()
    }

    /// The sentence embedding, `[384]`, unit length.
    #[wasm_bindgen(getter)]
    pub fn embedding(&self) -> Vec<f32> {
        self.inner.embedding.clone()
    }

    /// Tokens in the whole text (more than shown when it was cut).
    #[wasm_bindgen(getter, js_name = fullLength)]
    pub fn full_length(&self) -> u32 {
        self.inner.full_length as u32
    }

    /// True when the text was cut to the limit.
    #[wasm_bindgen(getter)]
    pub fn truncated(&self) -> bool {
        self.inner.truncated
    }
}

/// Values then slopes of an activation function at `xs` (slopes by burn autodiff):
/// a `Float32Array` of `2 × xs.length`, `[f(x₀)…, f'(x₀)…]`. Names: `step`, `sigmoid`, `tanh`,
/// `relu`, `leaky-relu`, `gelu`.
///
/// # Errors
/// An unknown name, no points or more than 100,000, or a point that is not finite.
#[wasm_bindgen(js_name = activationCurve)]
pub fn activation_curve(name: &str, xs: &[f32]) -> Result<Vec<f32>, JsError> {
    neurons::activation_curve(name, xs).map_err(js_error)
}

/// A two-input neuron with a step output, and Rosenblatt's rule to train it on a point set.
#[wasm_bindgen(js_name = Perceptron)]
pub struct PerceptronHandle {
    inner: neurons::Perceptron,
}

#[wasm_bindgen(js_class = Perceptron)]
impl PerceptronHandle {
    /// A perceptron with zero weights on `set` (`separable`, `and`, `or`, `xor`); `seed` draws
    /// the separable clouds.
    ///
    /// # Errors
    /// An unknown set.
    #[wasm_bindgen(constructor)]
    pub fn new(set: &str, seed: u32) -> Result<PerceptronHandle, JsError> {
        Ok(Self { inner: neurons::Perceptron::new(set, u64::from(seed)).map_err(js_error)? })
    }

    /// The points: `[{x, y, target}]`.
    ///
    /// # Errors
    /// Never in practice (serialisation).
    pub fn points(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(self.inner.points()).map_err(js_error)
    }

    /// `[w1, w2, bias]`.
    pub fn weights(&self) -> Vec<f32> {
        self.inner.weights().to_vec()
    }

    /// Epochs run.
    #[wasm_bindgen(getter)]
    pub fn epochs(&self) -> u32 {
        self.inner.epochs() as u32
    }

    /// Set both weights and the bias (the bias is minus the threshold).
    ///
    /// # Errors
    /// A value that is not finite or beyond ±10⁶.
    #[wasm_bindgen(js_name = setWeights)]
    pub fn set_weights(&mut self, w1: f32, w2: f32, bias: f32) -> Result<(), JsError> {
        self.inner.set_weights(w1, w2, bias).map_err(js_error)
    }

    /// `w1 x1 + w2 x2 + bias`.
    ///
    /// # Errors
    /// An input that is not finite or beyond ±10⁶.
    pub fn sum(&self, x1: f32, x2: f32) -> Result<f32, JsError> {
        self.inner.sum(x1, x2).map_err(js_error)
    }

    /// 1 when the neuron fires, else 0.
    ///
    /// # Errors
    /// As `sum`.
    pub fn fire(&self, x1: f32, x2: f32) -> Result<u8, JsError> {
        self.inner.fire(x1, x2).map_err(js_error)
    }

    /// Share of the points classified right, 0 to 1.
    pub fn accuracy(&self) -> f32 {
        self.inner.accuracy()
    }

    /// One pass of the perceptron rule over the points; returns the mistakes made.
    ///
    /// # Errors
    /// A learning rate outside (0, 100].
    pub fn epoch(&mut self, learning_rate: f32) -> Result<u32, JsError> {
        Ok(self.inner.epoch(learning_rate).map_err(js_error)? as u32)
    }

    /// Where the neuron fires on an `nx × ny` grid over `[x0, x1] × [y0, y1]` (row 0 at `y0`):
    /// a `Uint8Array` of 0/1.
    ///
    /// # Errors
    /// An empty grid or more than 10⁶ cells; a window that is not finite and increasing.
    #[allow(clippy::too_many_arguments)]
    pub fn region(&self, nx: u32, ny: u32, x0: f32, x1: f32, y0: f32, y1: f32) -> Result<Vec<u8>, JsError> {
        self.inner.region(nx as usize, ny as usize, x0, x1, y0, y1).map_err(js_error)
    }
}

/// The gradient-flow widget's handle: 64 real test digits and a deep stack to measure.
#[wasm_bindgen]
pub struct GradientFlow {
    inner: neurons::FlowBatch,
}

#[wasm_bindgen]
impl GradientFlow {
    /// Take the first 64 digits of `mnist-test-1000.u8`.
    ///
    /// # Errors
    /// Too few bytes, or a label above 9.
    #[wasm_bindgen(constructor)]
    pub fn new(extract: &[u8]) -> Result<GradientFlow, JsError> {
        Ok(Self { inner: neurons::FlowBatch::new(extract).map_err(js_error)? })
    }

    /// One backward pass through a fresh stack of `depth` hidden layers (32 wide): `{norms, loss}`,
    /// `norms[i]` the Frobenius norm of ∂loss/∂W of hidden layer i (0 nearest the input).
    /// `stack`: `sigmoid`, `tanh`, `relu`, `residual`; `init`: `small`, `xavier`, `he`, `large`.
    ///
    /// # Errors
    /// An unknown stack or initialisation; depth outside 1..=50.
    pub fn measure(&self, stack: &str, init: &str, depth: u32, seed: u32) -> Result<JsValue, JsError> {
        let flow = self.inner.measure(stack, init, depth as usize, u64::from(seed)).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&flow).map_err(js_error)
    }
}

/// The backpropagation widget's handle: a 2-3-1 network on one example, its forward pass, its
/// backward pass by burn autodiff and a central finite-difference check of every gradient.
#[wasm_bindgen(js_name = Backprop)]
pub struct BackpropHandle {
    inner: backprop::Backprop,
}

#[wasm_bindgen(js_class = Backprop)]
impl BackpropHandle {
    /// Parameters drawn from `seed` (rounded to two decimals); example x = (1, 0.5), y = 1;
    /// sigmoid hidden units, squared error.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: u32) -> BackpropHandle {
        Self { inner: backprop::Backprop::new(u64::from(seed)) }
    }

    /// Hidden activation (`sigmoid`, `tanh`) and loss (`squared-error`, `cross-entropy`).
    ///
    /// # Errors
    /// An unknown name.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, hidden: &str, loss: &str) -> Result<(), JsError> {
        self.inner.set_settings(hidden, loss).map_err(js_error)
    }

    /// The example: inputs x1, x2 (each within ±10) and target y (0 to 1).
    ///
    /// # Errors
    /// A number that is not finite or out of range.
    #[wasm_bindgen(js_name = setExample)]
    pub fn set_example(&mut self, x1: f64, x2: f64, y: f64) -> Result<(), JsError> {
        self.inner.set_example(x1, x2, y).map_err(js_error)
    }

    /// All 13 parameters, `w₁₁ w₁₂ w₂₁ w₂₂ w₃₁ w₃₂ b₁ b₂ b₃ v₁ v₂ v₃ c`; they become the start.
    ///
    /// # Errors
    /// Not 13 numbers, or one not finite or beyond ±1000.
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), JsError> {
        self.inner.set_params(params).map_err(js_error)
    }

    /// One forward and backward pass: `{x, y, params, names, z, h, zo, yhat, loss, slope_h,
    /// slope_out, autodiff, finite_difference, relative_error, max_relative_error, steps, …}`;
    /// each gradient set is `{params[13], z[3], h[3], zo, yhat}` (see `plainly_models::backprop::Pass`).
    ///
    /// # Errors
    /// A loss that is not finite.
    pub fn pass(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.pass().map_err(js_error)?).map_err(js_error)
    }

    /// The chain rule for parameter `k` (0..13): `{param, name, factors: [{symbol, value}],
    /// product, autodiff, finite_difference, relative_error}`.
    ///
    /// # Errors
    /// `k` out of range; a loss that is not finite.
    pub fn chain(&self, k: u32) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.chain(k as usize).map_err(js_error)?).map_err(js_error)
    }

    /// One gradient-descent step with learning rate `rate`: `[loss before, loss after]`.
    ///
    /// # Errors
    /// A rate outside (0, 100], or a step that would not stay finite (nothing changes then).
    pub fn descend(&mut self, rate: f64) -> Result<Vec<f64>, JsError> {
        Ok(self.inner.descend(rate).map_err(js_error)?.to_vec())
    }

    /// Back to the starting parameters.
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}

/// The network playground's handle: a small network, its optimizer and its data.
#[wasm_bindgen(js_name = Playground)]
pub struct PlaygroundHandle {
    inner: plainly_models::playground::Playground,
}

#[wasm_bindgen(js_class = Playground)]
impl PlaygroundHandle {
    /// A fresh network from `spec`: `{dataset, noise, points, hidden: [neurons per layer],
    /// activation, optimizer, learningRate, batchSize, l2, seed}`.
    ///
    /// # Errors
    /// A missing or unknown field, an unknown name, or a number out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue) -> Result<PlaygroundHandle, JsError> {
        let spec: playground::Spec = serde_wasm_bindgen::from_value(spec).map_err(js_error)?;
        Ok(Self { inner: playground::build(&spec).map_err(js_error)? })
    }

    /// Take `count` optimizer steps (1 to 10,000), then `{step, epoch, trainLoss, testLoss,
    /// trainAccuracy, testAccuracy, diverged}` (losses: mean cross-entropy in nats; accuracies 0–1).
    ///
    /// # Errors
    /// A count out of range.
    pub fn step(&mut self, count: u32) -> Result<JsValue, JsError> {
        let progress = playground::step(&mut self.inner, count as usize).map_err(js_error)?;
        serde_wasm_bindgen::to_value(&progress).map_err(js_error)
    }

    /// Where training stands, as [`step`](Self::step) returns it, without stepping.
    ///
    /// # Errors
    /// Never in practice (serialisation).
    pub fn progress(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.progress()).map_err(js_error)
    }

    /// Every neuron's output over a `resolution²` grid on `[−extent, extent]²` (rows top to
    /// bottom): each hidden neuron's activation in layer order, then the output probability;
    /// `[(neurons + 1) × resolution²]`.
    ///
    /// # Errors
    /// A resolution outside 1..=256 or an extent that is not positive.
    pub fn grid(&self, resolution: u32, extent: f32) -> Result<Vec<f32>, JsError> {
        self.inner.grid(resolution as usize, extent).map_err(js_error)
    }

    /// Each layer's `W` (`[in × out]`, row-major) then `b` (`[out]`), input side first.
    pub fn weights(&self) -> Vec<f32> {
        self.inner.weights()
    }

    /// The points, `[n × 2]` (x, y); the first half trains, the rest tests.
    pub fn points(&self) -> Vec<f32> {
        self.inner.points().0.to_vec()
    }

    /// The labels, `[n]`, 0 or 1.
    pub fn labels(&self) -> Vec<f32> {
        self.inner.points().1.to_vec()
    }
}

