//! The shipped GloVe extract against published figures and an independent PCA (numpy SVD).

use std::path::PathBuf;

use plainly_models::pca::Pca;
use plainly_models::words::WordVectors;

fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/assets")
}

fn glove() -> WordVectors {
    let bytes = std::fs::read(assets().join("glove-50d.f16")).expect("vectors");
    let words = std::fs::read_to_string(assets().join("glove-50d.words.txt")).expect("words");
    WordVectors::from_f16(&bytes, &words, 50).expect("the shipped extract loads")
}

#[test]
fn extract_has_the_words_the_page_uses() {
    let w = glove();
    assert_eq!((w.len(), w.dim()), (50_000, 50));
    for word in ["puppy", "kitten", "houses", "queen", "tokyo", "canberra"] {
        assert!(w.find(word).is_some(), "{word}");
    }
    assert_eq!(w.find("the"), Some(0), "frequency order");
}

#[test]
fn cosines_match_the_published_vectors() {
    let w = glove();
    for (a, b, want) in [("puppy", "dog", 0.775), ("dog", "cat", 0.92), ("puppy", "houses", 0.05)] {
        let got = w.cosine(a, b).unwrap();
        assert!((got - want).abs() <= 0.01, "cos({a}, {b}) = {got}, expected {want} ± 0.01");
    }
}

#[test]
fn analogies() {
    let w = glove();
    let queen = w.analogy("king", "man", "woman", 5).unwrap();
    assert_eq!(queen[0].word, "queen");
    assert!((queen[0].cosine - 0.86).abs() < 0.01, "{}", queen[0].cosine);
    let tokyo = w.analogy("paris", "france", "japan", 5).unwrap();
    assert_eq!(tokyo[0].word, "tokyo", "{tokyo:?}");
    let near = w.neighbours("puppy", 5).unwrap();
    assert!(near.iter().any(|s| s.word == "puppies" || s.word == "dog"), "{near:?}");
}

#[test]
fn pca_agrees_with_numpy_svd() {
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pca-reference.json")).unwrap()).unwrap();
    let w = glove();
    let words: Vec<&str> = reference["words"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let points: Vec<f32> = words.iter().flat_map(|word| w.vector(w.find(word).unwrap()).to_vec()).collect();
    let pca = Pca::fit(&points, 50, 3).unwrap();
    for (c, want) in reference["explained_variance_ratio"].as_array().unwrap().iter().enumerate() {
        let want = want.as_f64().unwrap();
        assert!((pca.explained_variance_ratio[c] - want).abs() < 1e-6, "ratio {c}: {} vs {want}", pca.explained_variance_ratio[c]);
    }
    let projected = pca.project(&points).unwrap();
    for (i, row) in reference["projected"].as_array().unwrap().iter().enumerate() {
        for (c, want) in row.as_array().unwrap().iter().enumerate() {
            let want = want.as_f64().unwrap();
            let got = f64::from(projected[i * 3 + c]);
            assert!((got - want).abs() < 1e-4, "{} component {c}: {got} vs {want}", words[i]);
        }
    }
}
