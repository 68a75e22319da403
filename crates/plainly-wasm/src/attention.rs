//! Checked entry points of the attention widget (plain Rust, tested natively).

use plainly_models::bert::{Bert, BertConfig, cosine};
use plainly_models::digits::load_as_f32;
use plainly_models::wordpiece::WordPiece;
use serde::Serialize;

/// The model's own limit: 512 learned positions.
pub const MODEL_MAX_TOKENS: usize = 512;

/// One sentence through the encoder, as the widget draws it.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Word pieces, `[CLS]` and `[SEP]` included.
    pub tokens: Vec<String>,
    /// Layers, heads, tokens: the shape of `attentions`.
    pub layers: usize,
    /// Heads per layer.
    pub heads: usize,
    /// Attention probabilities `[layers, heads, queries, keys]` row-major; rows sum to 1.
    pub attentions: Vec<f32>,
    /// Sentence embedding (mean-pooled, L2-normalised), `[hidden]`.
    pub embedding: Vec<f32>,
    /// Tokens the whole text has; more than `tokens.len()` when the text was cut.
    pub full_length: usize,
    /// True when the text was cut (too many tokens or characters).
    pub truncated: bool,
}

/// The encoder and its tokenizer.
#[derive(Debug)]
pub struct Encoder {
    model: Bert,
    tokenizer: WordPiece,
    layers: usize,
    heads: usize,
}

impl Encoder {
    /// Load burnpack weights (`minilm-l6.bpk`, any float type) and `tokenizer.json`.
    ///
    /// # Errors
    /// Weights that are not burnpack or do not fit a 6 × 12 × 384 BERT; a bad tokenizer file.
    pub fn new(weights: &[u8], tokenizer: &[u8]) -> Result<Self, String> {
        let device = crate::device(None)?;
        let config = BertConfig::new();
        let model = load_as_f32(config.init(&device), weights).map_err(|e| e.to_string())?;
        let tokenizer = WordPiece::from_json(tokenizer)?;
        Ok(Self { model, tokenizer, layers: config.layers, heads: config.heads })
    }

    /// Tokenize and encode `text`, cut to `max_tokens` (2..=512) tokens.
    ///
    /// # Errors
    /// `max_tokens` outside 2..=512.
    pub fn read(&self, text: &str, max_tokens: usize) -> Result<Reading, String> {
        if !(2..=MODEL_MAX_TOKENS).contains(&max_tokens) {
            return Err(format!("a limit of {max_tokens} tokens; the model reads 2 to {MODEL_MAX_TOKENS}"));
        }
        let t = self.tokenizer.encode(text, max_tokens)?;
        let e = self.model.encode(&t.ids)?;
        Ok(Reading {
            truncated: t.full_length > t.ids.len() || t.chars_cut,
            tokens: t.tokens,
            layers: self.layers,
            heads: self.heads,
            attentions: e.attentions,
            embedding: e.embedding,
            full_length: t.full_length,
        })
    }

    /// Cosine similarity of two texts' sentence embeddings (each cut at 512 tokens).
    ///
    /// # Errors
    /// As [`Encoder::read`].
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32, String> {
        let a = self.read(a, MODEL_MAX_TOKENS)?;
        let b = self.read(b, MODEL_MAX_TOKENS)?;
        Ok(cosine(&a.embedding, &b.embedding))
    }
}

/// A head and how much one query token attends to one key token in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadScore {
    /// Layer, from 0.
    pub layer: usize,
    /// Head, from 0.
    pub head: usize,
    /// Attention probability from the query token to the key token.
    pub weight: f32,
}

/// Every head, ranked by how much token `query` attends to token `key` (most first).
///
/// # Errors
/// Sizes that do not fit, or token positions outside the sentence.
pub fn rank_heads(attentions: &[f32], layers: usize, heads: usize, query: usize, key: usize) -> Result<Vec<HeadScore>, String> {
    let per_head = attentions.len().checked_div(layers * heads).unwrap_or(0);
    let tokens = (per_head as f64).sqrt() as usize;
    if layers * heads == 0 || tokens * tokens * layers * heads != attentions.len() {
        return Err(format!("{} attention values are not {layers} × {heads} square maps", attentions.len()));
    }
    if query >= tokens || key >= tokens {
        return Err(format!("token {} is outside the {tokens} tokens", query.max(key)));
    }
    let mut ranked: Vec<HeadScore> = (0..layers * heads)
        .map(|i| HeadScore { layer: i / heads, head: i % heads, weight: attentions[i * per_head + query * tokens + key] })
        .collect();
    ranked.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    Ok(ranked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets")
    }

    fn encoder() -> Encoder {
        let weights = std::fs::read(assets().join("minilm-l6.bpk")).expect("weights: run `make minilm`");
        let tokenizer = std::fs::read(assets().join("minilm-l6.tokenizer.json")).expect("tokenizer");
        Encoder::new(&weights, &tokenizer).expect("loads")
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let tokenizer = std::fs::read(assets().join("minilm-l6.tokenizer.json")).expect("tokenizer");
        assert!(Encoder::new(&[], &tokenizer).unwrap_err().contains("empty"));
        assert!(Encoder::new(&[7; 1000], &tokenizer).is_err());
        let digit = std::fs::read(assets().join("digit-cnn.bpk")).unwrap();
        assert!(Encoder::new(&digit, &tokenizer).unwrap_err().contains("do not fit"));
        assert!(WordPiece::from_json(b"{not json").is_err());
    }

    #[test]
    fn any_text_is_read_and_long_text_is_cut_with_a_note() {
        let e = encoder();
        let empty = e.read("", 64).unwrap();
        assert_eq!(empty.tokens, ["[CLS]", "[SEP]"]);
        let odd = e.read("🙂 <script>alert(1)</script> \u{0} Ünïcödé 北京 \u{202e}", 64).unwrap();
        assert!(odd.tokens.contains(&"<".to_string()) && odd.tokens.contains(&"script".to_string()));
        assert!(odd.tokens.contains(&"[UNK]".to_string()), "{:?}", odd.tokens);
        assert!(!odd.truncated);
        let long = "word ".repeat(600);
        let cut = e.read(&long, 512).unwrap();
        assert_eq!(cut.tokens.len(), 512);
        assert_eq!(cut.full_length, 602);
        assert!(cut.truncated);
        assert_eq!(cut.tokens.last().unwrap(), "[SEP]");
        assert_eq!(cut.attentions.len(), 6 * 12 * 512 * 512);
        let shown = e.read(&long, 16).unwrap();
        assert_eq!(shown.tokens.len(), 16);
        assert!(e.read("x", 1).is_err());
        assert!(e.read("x", 513).is_err());
        let huge = "a".repeat(5_000_000);
        assert!(e.read(&huge, 64).unwrap().truncated);
    }

    #[test]
    fn the_code_finds_heads_where_it_looks_at_animal_and_the_model_does_not_resolve_it() {
        let e = encoder();
        for (sentence, word) in [("The animal didn't cross the street because it was too tired", "tired"), ("The animal didn't cross the street because it was too wide", "wide")] {
            let r = e.read(sentence, 64).unwrap();
            assert!(r.tokens.contains(&word.to_string()));
            let it = r.tokens.iter().position(|t| t == "it").unwrap();
            let animal = r.tokens.iter().position(|t| t == "animal").unwrap();
            let street = r.tokens.iter().position(|t| t == "street").unwrap();
            let ranked = rank_heads(&r.attentions, 6, 12, it, animal).unwrap();
            assert_eq!(ranked.len(), 72);
            assert!(ranked.windows(2).all(|w| w[0].weight >= w[1].weight));
            let best = &ranked[0];
            let n = r.tokens.len();
            let base = (best.layer * 12 + best.head) * n * n + it * n;
            // In the best head "it" attends more to "animal" than to "street" — in both sentences:
            // this small model does not resolve the pronoun by the last word.
            assert!(r.attentions[base + animal] > r.attentions[base + street], "{sentence}: {best:?}");
        }
        assert!(rank_heads(&[0.0; 10], 6, 12, 0, 0).is_err());
        assert!(rank_heads(&vec![0.0; 72 * 4], 6, 12, 2, 0).is_err());
    }

    #[test]
    fn similar_sentences_score_higher() {
        let e = encoder();
        let close = e.similarity("A man is eating food.", "A man is eating a piece of bread.").unwrap();
        let far = e.similarity("A man is eating food.", "The stock market fell sharply today.").unwrap();
        assert!((close - 0.755).abs() < 0.01, "{close}");
        assert!(far < close - 0.3, "{far} vs {close}");
    }
}
