//! Plainly's browser boundary: one wasm-bindgen handle per widget.
//!
//! A panic inside wasm poisons the instance for every widget on the page, so nothing here may
//! panic on any input: every export checks lengths, sizes and numbers first and returns
//! `Result<_, JsError>` with a sentence a person can act on. The checks live in plain functions
//! ([`digit`]) that the native tests call; the `#[wasm_bindgen]` methods only convert types.

#![allow(clippy::new_without_default)]

pub mod digit;

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
