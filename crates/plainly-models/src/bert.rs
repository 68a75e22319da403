//! A BERT encoder (Devlin et al. 2019) that shows its attention: all-MiniLM-L6-v2, 6 layers ×
//! 12 heads, hidden size 384 (Wang et al. 2020, "MiniLM"; sentence-transformers fine-tuning).
//!
//! Field names follow the Hugging Face checkpoint (`embeddings.word_embeddings`,
//! `encoder.layer.N.attention.self.query`, …) so `plainly-train minilm` maps the published
//! `model.safetensors` onto this module with two renames (`self` → `self_attention`,
//! `LayerNorm` → `layer_norm`). The forward pass returns every layer's attention probabilities,
//! which is what the attention widget draws.
//!
//! Each layer (Vaswani et al. 2017, post-LayerNorm as in BERT):
//! `a = softmax(Q Kᵀ / √d_head) V` per head, `x = LN(x + W_o a)`, `x = LN(x + W_2 GELU(W_1 x))`.

use burn::nn::{Embedding, EmbeddingConfig, LayerNorm, LayerNormConfig, Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation;

/// Shape of a BERT encoder. Defaults are all-MiniLM-L6-v2's `config.json`.
#[derive(Config, Debug)]
pub struct BertConfig {
    /// WordPiece vocabulary size.
    #[config(default = 30522)]
    pub vocab_size: usize,
    /// Width of every token's hidden state.
    #[config(default = 384)]
    pub hidden_size: usize,
    /// Transformer layers.
    #[config(default = 6)]
    pub layers: usize,
    /// Attention heads per layer (`hidden_size / heads` numbers each).
    #[config(default = 12)]
    pub heads: usize,
    /// Width of the feed-forward layer.
    #[config(default = 1536)]
    pub intermediate_size: usize,
    /// Longest input in tokens (learned position embeddings).
    #[config(default = 512)]
    pub max_positions: usize,
    /// Segment types (sentence A / B).
    #[config(default = 2)]
    pub type_vocab_size: usize,
    /// LayerNorm epsilon.
    #[config(default = 1e-12)]
    pub layer_norm_eps: f64,
}

/// Token, position and segment embeddings, summed and normalised.
#[derive(Module, Debug)]
pub struct BertEmbeddings {
    word_embeddings: Embedding,
    position_embeddings: Embedding,
    token_type_embeddings: Embedding,
    layer_norm: LayerNorm,
}

/// The query, key and value projections of one layer.
#[derive(Module, Debug)]
pub struct SelfAttention {
    query: Linear,
    key: Linear,
    value: Linear,
}

/// A projection followed by a residual connection and LayerNorm.
#[derive(Module, Debug)]
pub struct ResidualOutput {
    dense: Linear,
    layer_norm: LayerNorm,
}

/// Multi-head self-attention with its output projection.
#[derive(Module, Debug)]
pub struct Attention {
    self_attention: SelfAttention,
    output: ResidualOutput,
}

/// The first half of the feed-forward block.
#[derive(Module, Debug)]
pub struct Intermediate {
    dense: Linear,
}

/// One transformer layer.
#[derive(Module, Debug)]
pub struct BertLayer {
    attention: Attention,
    intermediate: Intermediate,
    output: ResidualOutput,
}

/// The layer stack.
#[derive(Module, Debug)]
pub struct BertEncoder {
    layer: Vec<BertLayer>,
}

/// A BERT encoder without its pooler (sentence-transformers pools by averaging instead).
#[derive(Module, Debug)]
pub struct Bert {
    embeddings: BertEmbeddings,
    encoder: BertEncoder,
    heads: usize,
}

/// What one forward pass computes.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Tokens in the input.
    pub tokens: usize,
    /// Attention probabilities, `[layers, heads, tokens (queries), tokens (keys)]` row-major;
    /// each row sums to 1.
    pub attentions: Vec<f32>,
    /// The last layer's hidden states, `[tokens, hidden]` row-major.
    pub hidden: Vec<f32>,
    /// Mean of the last hidden states over the tokens, L2-normalised: the sentence embedding,
    /// `[hidden]` (sentence-transformers' mean pooling; Reimers & Gurevych 2019).
    pub embedding: Vec<f32>,
}

impl BertConfig {
    /// A freshly initialised encoder on `device` (random weights; load real ones with
    /// [`crate::digits::load`]).
    pub fn init(&self, device: &Device) -> Bert {
        let h = self.hidden_size;
        let norm = || LayerNormConfig::new(h).with_epsilon(self.layer_norm_eps).init(device);
        let linear = |i, o| LinearConfig::new(i, o).init(device);
        let layer = (0..self.layers)
            .map(|_| BertLayer {
                attention: Attention {
                    self_attention: SelfAttention { query: linear(h, h), key: linear(h, h), value: linear(h, h) },
                    output: ResidualOutput { dense: linear(h, h), layer_norm: norm() },
                },
                intermediate: Intermediate { dense: linear(h, self.intermediate_size) },
                output: ResidualOutput { dense: linear(self.intermediate_size, h), layer_norm: norm() },
            })
            .collect();
        Bert {
            embeddings: BertEmbeddings {
                word_embeddings: EmbeddingConfig::new(self.vocab_size, h).init(device),
                position_embeddings: EmbeddingConfig::new(self.max_positions, h).init(device),
                token_type_embeddings: EmbeddingConfig::new(self.type_vocab_size, h).init(device),
                layer_norm: norm(),
            },
            encoder: BertEncoder { layer },
            heads: self.heads,
        }
    }
}

impl ResidualOutput {
    fn forward(&self, x: Tensor<3>, residual: Tensor<3>) -> Tensor<3> {
        self.layer_norm.forward(self.dense.forward(x) + residual)
    }
}

impl BertLayer {
    /// # Shapes
    /// - x: `[1, tokens, hidden]`
    /// - returns: (`[1, tokens, hidden]`, attention `[1, heads, tokens, tokens]`)
    fn forward(&self, x: Tensor<3>, heads: usize) -> (Tensor<3>, Tensor<4>) {
        let [batch, tokens, hidden] = x.dims();
        let d_head = hidden / heads;
        let split = |t: Tensor<3>| t.reshape([batch, tokens, heads, d_head]).swap_dims(1, 2);
        let sa = &self.attention.self_attention;
        let q = split(sa.query.forward(x.clone()));
        let k = split(sa.key.forward(x.clone()));
        let v = split(sa.value.forward(x.clone()));
        let scores = q.matmul(k.transpose()) / (d_head as f64).sqrt();
        let probs = activation::softmax(scores, 3);
        let context = probs.clone().matmul(v).swap_dims(1, 2).reshape([batch, tokens, hidden]);
        let x = self.attention.output.forward(context, x);
        let inner = activation::gelu(self.intermediate.dense.forward(x.clone()));
        (self.output.forward(inner, x), probs)
    }
}

impl Bert {
    /// Hidden size.
    pub fn hidden_size(&self) -> usize {
        self.embeddings.layer_norm.gamma.dims()[0]
    }

    /// Longest input, in tokens.
    pub fn max_positions(&self) -> usize {
        self.embeddings.position_embeddings.weight.dims()[0]
    }

    /// Vocabulary size.
    pub fn vocab_size(&self) -> usize {
        self.embeddings.word_embeddings.weight.dims()[0]
    }

    /// Run the encoder on one sequence of token ids (with `[CLS]` … `[SEP]`, segment A, no
    /// padding, so every token attends to every token).
    ///
    /// # Shapes
    /// - ids: `[tokens]`, each `< vocab_size`, `1 ≤ tokens ≤ max_positions`
    ///
    /// # Errors
    /// No tokens, too many, or an id outside the vocabulary.
    pub fn encode(&self, ids: &[u32]) -> Result<Encoded, String> {
        let tokens = ids.len();
        if tokens == 0 || tokens > self.max_positions() {
            return Err(format!("{tokens} tokens; the model reads 1 to {}", self.max_positions()));
        }
        if let Some(bad) = ids.iter().find(|&&id| id as usize >= self.vocab_size()) {
            return Err(format!("token id {bad} is outside the vocabulary of {}", self.vocab_size()));
        }
        let device = self.embeddings.layer_norm.gamma.device();
        let ids: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
        let positions: Vec<i64> = (0..tokens as i64).collect();
        let ids = Tensor::<1, Int>::from_ints(ids.as_slice(), &device).reshape([1, tokens]);
        let positions = Tensor::<1, Int>::from_ints(positions.as_slice(), &device).reshape([1, tokens]);
        let segments = Tensor::<2, Int>::zeros([1, tokens], &device);
        let e = &self.embeddings;
        let mut x = e.layer_norm.forward(
            e.word_embeddings.forward(ids) + e.position_embeddings.forward(positions) + e.token_type_embeddings.forward(segments),
        );
        let mut attentions = Vec::with_capacity(self.encoder.layer.len());
        for layer in &self.encoder.layer {
            let (next, probs) = layer.forward(x, self.heads);
            x = next;
            attentions.push(probs);
        }
        let pooled = x.clone().mean_dim(1); // [1, 1, hidden]
        let norm = pooled.clone().powi_scalar(2).sum().sqrt().clamp_min(1e-12);
        let embedding = pooled / norm.unsqueeze::<3>();
        let read = |t: Tensor<4>| t.try_into_vec_as::<f32>().unwrap_or_default();
        Ok(Encoded {
            tokens,
            attentions: read(Tensor::cat(attentions, 0)),
            hidden: x.try_into_vec_as::<f32>().unwrap_or_default(),
            embedding: embedding.try_into_vec_as::<f32>().unwrap_or_default(),
        })
    }
}

/// Cosine similarity of two embeddings (1 for the same direction). 0 when either is all zeros.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb) }
}
